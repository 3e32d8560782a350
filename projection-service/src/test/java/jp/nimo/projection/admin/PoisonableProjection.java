package jp.nimo.projection.admin;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A projection of the tests only (its processor is configured in application-dead-letter-test.properties):
 * it handles every recorded case event, except those of the cases a test has poisoned, on which it
 * fails in SQL as a real projection does on data it cannot take (PostgreSQL then refuses the rest of the
 * transaction).
 */
@Component
@Profile(DeadLetterTest.PROFILE)
@ProcessingGroup(PoisonableProjection.NAME)
public class PoisonableProjection {

    public static final String NAME = "poisonable";

    static final Set<String> POISONED_CASES = ConcurrentHashMap.newKeySet();
    /** The case events handled, by their event id, in the order handled. */
    static final List<String> HANDLED = new CopyOnWriteArrayList<>();

    private final JdbcTemplate jdbc;

    public PoisonableProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CaseEventRecorded event) {
        if (POISONED_CASES.contains(event.caseId().value())) {
            jdbc.queryForObject("SELECT 1 / 0", Integer.class);
        }
        HANDLED.add(event.eventId());
    }
}
