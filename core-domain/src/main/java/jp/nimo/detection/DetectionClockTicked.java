package jp.nimo.detection;

import java.time.Instant;

/**
 * The detection clock moved on in a quiet period: appended to the log every day and when the write
 * side starts, so that absences fire without new case events and a replay sees the same ticks.
 */
public record DetectionClockTicked(Instant at) {
}
