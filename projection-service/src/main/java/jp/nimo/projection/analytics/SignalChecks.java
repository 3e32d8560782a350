package jp.nimo.projection.analytics;

import jp.nimo.cases.CaseEvent;
import jp.nimo.detection.DetectionClockTicked;
import jp.nimo.detection.SignalDefinition;
import jp.nimo.detection.Signals;
import jp.nimo.projection.admin.EventRowsCheck;
import jp.nimo.projection.admin.FiguresCheck;
import jp.nimo.projection.admin.ProjectionCheck;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reconciliation of the signals: which signals an event gives is the signal finder's to judge, so what is
 * checked is that every signal comes from an event the processor has read. A signal's {@code log_index} is the
 * processor's position when it found the signal: the event's own global index, except for an event that
 * committed late and filled a gap, whose position is the highest index already read. An absence is explained by
 * an event of a handled type at its position (a clock tick, or a case event that moved the clock); any other
 * signal by a recorded case event of its own case at or before its position. Signals of a dead letter handled on
 * retry carry no log position and are left out.
 */
@Component
public class SignalChecks implements ProjectionCheck.Source {

    private final Signals signals;

    public SignalChecks(Signals signals) {
        this.signals = signals;
    }

    @Override
    public List<ProjectionCheck> checks() {
        // an absence fires when the clock passes its deadline, at whatever event moved the clock; a presence
        // signal fires at its own case's event
        String absences = EventRowsCheck.textArray(signals.all().stream()
                .filter(SignalDefinition::isAbsence).map(SignalDefinition::code).toList());
        String sources = EventRowsCheck.textArray(
                EventRowsCheck.typesOf(CaseEvent.CaseEventRecorded.class, DetectionClockTicked.class));
        String recorded = EventRowsCheck.typesOf(CaseEvent.CaseEventRecorded.class).get(0);
        return List.of(new FiguresCheck(SignalProjection.NAME, "signal-sources",
                "per case: analytics_signal rows whose event is not one the processor has read (expected none)",
                "SELECT s.case_id AS key, 0 AS expected, count(*) FILTER (WHERE NOT EXISTS ("
                        + "SELECT 1 FROM domainevententry e WHERE e.globalindex <= ? AND ("
                        + "(e.globalindex = s.log_index AND e.payloadtype = ANY (?::text[])"
                        + " AND s.signal_code = ANY (?::text[]))"
                        + " OR (e.aggregateidentifier = s.case_id AND e.payloadtype = ? AND e.globalindex <= s.log_index))"
                        + ")) AS found"
                        + " FROM analytics_signal s"
                        + " WHERE s.log_index <> " + Long.MAX_VALUE + " GROUP BY s.case_id",
                window -> List.of(window.highest(), sources, absences, recorded)));
    }
}
