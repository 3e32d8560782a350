package jp.nimo.projection.admin;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import jp.nimo.projection.timeline.CaseTimelineProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Of the tests only: holds the case timeline's replay of a recorded case event while a test has closed the
 * gate, so that the test can look at the read side in the middle of a rebuild however short the log. Live
 * processing never waits, and with the gate open (the default) nothing happens.
 */
@Component
@ProcessingGroup(CaseTimelineProjection.NAME)
public class HeldReplay {

    private static final Duration LONGEST = Duration.ofSeconds(60);

    private static volatile CountDownLatch gate = new CountDownLatch(0);
    private static volatile CountDownLatch held = new CountDownLatch(1);

    static void close() {
        held = new CountDownLatch(1);
        gate = new CountDownLatch(1);
    }

    /** Whether a replay reached the closed gate within the time given. */
    static boolean awaitHeld(Duration atMost) throws InterruptedException {
        return held.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    static void open() {
        gate.countDown();
    }

    @EventHandler
    void on(CaseEventRecorded event, ReplayStatus status) throws InterruptedException {
        CountDownLatch waiting = gate;
        if (status.isReplay() && waiting.getCount() > 0) {
            held.countDown();
            // bounded, so that a test that fails before opening the gate does not hold the processor for good
            waiting.await(LONGEST.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
