package jp.nimo.projection.analytics;

import jp.nimo.cases.CaseEvent;
import jp.nimo.detection.DetectionClockTicked;
import jp.nimo.projection.admin.EventRowsCheck;
import jp.nimo.projection.admin.FiguresCheck;
import jp.nimo.projection.admin.ProjectionCheck;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reconciliation of the signals: which signals an event gives is the signal finder's to judge, so what is
 * checked is that every signal comes from an event the processor has read (a recorded case event or a
 * clock tick). Signals of a dead letter handled on retry carry no log position and are left out.
 */
@Component
public class SignalChecks implements ProjectionCheck.Source {

    @Override
    public List<ProjectionCheck> checks() {
        String sources = EventRowsCheck.textArray(
                EventRowsCheck.typesOf(CaseEvent.CaseEventRecorded.class, DetectionClockTicked.class));
        return List.of(new FiguresCheck(SignalProjection.NAME, "signal-sources",
                "per case: analytics_signal rows whose event is not one the processor has read (expected none)",
                "SELECT s.case_id AS key, 0 AS expected, count(*) FILTER (WHERE e.globalindex IS NULL) AS found"
                        + " FROM analytics_signal s LEFT JOIN domainevententry e ON e.globalindex = s.log_index"
                        + " AND e.globalindex <= ? AND e.payloadtype = ANY (?::text[])"
                        + " WHERE s.log_index <> " + Long.MAX_VALUE + " GROUP BY s.case_id",
                window -> List.of(window.highest(), sources)));
    }
}
