package jp.nimo.projection.analytics;

import jp.nimo.detection.SignalEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * The signals of the log, for what-if replays: the signal events the write side's detection recorded, kept
 * with the global index of each, so that a replay feeds them to the policy in log order, exactly the signals
 * live detection decided on. Nothing is found again here; a rebuild writes the same rows.
 */
@Component
@ProcessingGroup(SignalProjection.NAME)
public class SignalProjection {

    public static final String NAME = "analytics-signals";

    private final RecordedSignals signals;

    public SignalProjection(RecordedSignals signals) {
        this.signals = signals;
    }

    @EventHandler
    void on(SignalEvent event, TrackingToken token) {
        signals.append(token == null ? Long.MAX_VALUE : token.position().orElse(Long.MAX_VALUE), event.signal());
    }

    @ResetHandler
    void reset() {
        signals.clear();
    }
}
