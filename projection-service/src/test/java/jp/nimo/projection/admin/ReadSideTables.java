package jp.nimo.projection.admin;

import jp.nimo.infra.test.EventStoreRows;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * The tables the read side's projections write, found in the schema the migrations built rather than
 * listed by hand, so that a projection added later is compared too; and a way to wait until the whole
 * pipeline (the write side's detection included) has stopped moving.
 */
final class ReadSideTables {

    /** Tables that no rebuild writes: Axon's and Flyway's, the write side's, the access log, operations. */
    private static final Set<String> NOT_PROJECTIONS = Set.of("flyway_schema_history", "domainevententry",
            "snapshotevententry", "tokenentry", "deadletterentry", "idempotency_record", "case_key", "case_access_log",
            "break_glass_grant", "projection_rebuild", "projection_version", "audit_chain", "login_throttle", "access_token", "spring_session",
            "spring_session_attributes", "designated_council");
    private static final String WRITE_SIDE_PREFIX = "detection_";

    private final JdbcTemplate jdbc;

    ReadSideTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<String> names() {
        return jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                + " AND table_type = 'BASE TABLE' ORDER BY table_name", String.class).stream()
                .filter(name -> !NOT_PROJECTIONS.contains(name) && !name.startsWith(WRITE_SIDE_PREFIX))
                .toList();
    }

    /** Every row of every projection table, each row as its full text (every column), in a fixed order. */
    Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : names()) {
            tables.put(table, jdbc.queryForList("SELECT t::text FROM " + table + " t", String.class).stream().sorted().toList());
        }
        return tables;
    }

    /** Waits until no event has been appended for a while and every processor named has handled them all. */
    void awaitQuiet(List<String> processors) {
        AtomicLong lastHead = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).during(Duration.ofSeconds(1))
                .until(() -> {
                    long head = EventStoreRows.count(jdbc) == 0 ? 0
                            : jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
                    boolean still = lastHead.getAndSet(head) == head;
                    return still && processors.stream().allMatch(p -> EventStoreRows.caughtUp(jdbc, p));
                });
    }
}
