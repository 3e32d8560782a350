package jp.nimo.command.detection;

import jp.nimo.detection.DetectionClockTicked;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Appends a clock tick to the log when the write side starts and every day, so that absences fire in
 * quiet periods. The tick is an event, so a replay sees the same ticks; several nodes ticking is
 * harmless, since the detection clock only moves forward.
 */
@Component
public class DetectionClock {

    private static final Logger log = LoggerFactory.getLogger(DetectionClock.class);

    private final EventGateway events;
    private final Clock clock;

    public DetectionClock(EventGateway events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onStart() {
        tick();
    }

    @Scheduled(cron = "${nimo.detection.tick-cron:0 5 0 * * *}", zone = "Asia/Tokyo")
    public void daily() {
        tick();
    }

    public Instant tick() {
        Instant now = Instant.now(clock);
        events.publish(new DetectionClockTicked(now));
        log.info("Detection clock ticked at {}", now);
        return now;
    }
}
