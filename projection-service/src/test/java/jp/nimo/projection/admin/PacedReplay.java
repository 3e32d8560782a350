package jp.nimo.projection.admin;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import jp.nimo.projection.timeline.CaseTimelineProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Of the tests only: makes the case timeline's replay of a short log take as long as a long log's would,
 * by a statement that takes a fifth of a second per recorded case event (as a projection with heavy writes
 * does), so that a test can catch a node in the middle of a rebuild. Live processing keeps its speed, and
 * nothing is written.
 */
@Component
@Profile(PacedReplay.PROFILE)
@ProcessingGroup(CaseTimelineProjection.NAME)
public class PacedReplay {

    static final String PROFILE = "paced-replay";

    private final JdbcTemplate jdbc;

    public PacedReplay(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CaseEventRecorded event, ReplayStatus status) {
        if (status.isReplay()) {
            jdbc.execute("SELECT pg_sleep(0.2)");
        }
    }
}
