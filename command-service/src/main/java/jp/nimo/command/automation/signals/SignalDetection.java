package jp.nimo.command.automation.signals;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import jp.nimo.cases.CaseEvent.HouseholdJoined;
import jp.nimo.cases.CaseEvent.HouseholdLeft;
import jp.nimo.detection.DetectionClockTicked;
import jp.nimo.detection.SignalEvent;
import jp.nimo.detection.SignalFinder;
import jp.nimo.detection.Signals;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * When a case event is recorded or the detection clock ticks, record the signals it gives: reads the log in
 * order (one segment), keeps its case memory, and appends a {@link SignalEvent} per signal. The events, the
 * memory and the processor's token commit in one transaction, so a restart records no signal twice and
 * misses none. Each event's identifier is its signal's id, so the log cannot hold a signal twice, and an
 * issue's evidence reference leads straight to the event that explains it.
 */
@Component
@ProcessingGroup(SignalDetection.NAME)
public class SignalDetection {

    /** The processor's name from before signals were events: its token and case memory carry on. */
    public static final String NAME = "detection";

    private final SignalFinder finder;
    private final JdbcCaseMemory memory;
    private final EventGateway events;
    private final Clock clock;

    public SignalDetection(Signals signals, JdbcCaseMemory memory, EventGateway events, Clock clock,
                           @Value("${nimo.detection.grace:P14D}") Duration grace) {
        this.finder = new SignalFinder(signals, grace);
        this.memory = memory;
        this.events = events;
        this.clock = clock;
    }

    @EventHandler
    void on(CaseEventRecorded event) {
        record(finder.onCaseEvent(event, memory));
    }

    @EventHandler
    void on(HouseholdJoined joined) {
        memory.household(joined.caseId().value(), joined.householdId());
    }

    @EventHandler
    void on(HouseholdLeft left) {
        memory.household(left.caseId().value(), null);
    }

    @EventHandler
    void on(DetectionClockTicked tick) {
        record(finder.clockMovedTo(tick.at(), memory));
    }

    private void record(List<SignalEvent> found) {
        for (SignalEvent signal : found) {
            events.publish(new GenericEventMessage<>(signal.signal().signalId(), signal, MetaData.emptyInstance(),
                    clock.instant()));
        }
    }
}
