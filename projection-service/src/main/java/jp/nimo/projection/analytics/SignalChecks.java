package jp.nimo.projection.analytics;

import jp.nimo.detection.SignalEvent;
import jp.nimo.projection.admin.EventRowsCheck;
import jp.nimo.projection.admin.EventRowsCheck.EventKey;
import jp.nimo.projection.admin.ProjectionCheck;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reconciliation of the signals: one row per recorded signal event the processor has read, and no row
 * without one. A signal event is no aggregate's, so it is its own aggregate in the store, and its identifier
 * is its signal's id: the row and the event are matched exactly.
 */
@Component
public class SignalChecks implements ProjectionCheck.Source {

    @Override
    public List<ProjectionCheck> checks() {
        return List.of(new EventRowsCheck(SignalProjection.NAME, "signal-events",
                "per signal: analytics_signal rows against the signal events read",
                EventRowsCheck.typesOf(SignalEvent.class), List.of(), EventKey.EVENT_ID,
                "SELECT signal_id AS aggregate_id, signal_id AS key FROM analytics_signal"));
    }
}
