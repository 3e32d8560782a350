package jp.nimo.projection.analytics;

import jp.nimo.infra.detection.JdbcCaseMemory;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import jp.nimo.detection.DetectionClockTicked;
import jp.nimo.detection.Signal;
import jp.nimo.detection.SignalFinder;
import jp.nimo.detection.Signals;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The signals of the log, for what-if replays: the same pure signal finder the write side's detection
 * runs, over the same events and clock ticks in the same order (one segment), with the same grace, so
 * the signals are the ones live detection judged. Kept with the global index of the event that gave
 * them, so a replay feeds them to the policy in log order, and a rebuild writes the same rows.
 */
@Component
@ProcessingGroup(SignalProjection.NAME)
public class SignalProjection {

    public static final String NAME = "analytics-signals";

    private final SignalFinder finder;
    private final JdbcCaseMemory memory;
    private final RecordedSignals signals;

    public SignalProjection(Signals definitions, JdbcCaseMemory memory, RecordedSignals signals,
                            @Value("${nimo.detection.grace:P14D}") Duration grace) {
        this.finder = new SignalFinder(definitions, grace);
        this.memory = memory;
        this.signals = signals;
    }

    @EventHandler
    void on(CaseEventRecorded event, TrackingToken token) {
        List<Signal> found = new ArrayList<>(finder.clockMovedTo(event.recordedAt(), memory));
        found.addAll(finder.inEvent(event, memory));
        signals.append(position(token), found);
    }

    @EventHandler
    void on(DetectionClockTicked tick, TrackingToken token) {
        signals.append(position(token), finder.clockMovedTo(tick.at(), memory));
    }

    private static long position(TrackingToken token) {
        return token == null ? Long.MAX_VALUE : token.position().orElse(Long.MAX_VALUE);
    }

    @ResetHandler
    void reset() {
        signals.clear();
        memory.clear();
    }
}
