package jp.nimo.infra.security;

import java.time.Duration;

/**
 * How long a login key (a user name or a client address) waits after its failures: the first
 * {@code freeFailures} cost nothing, each further one sets a wait that doubles from one second up to
 * {@code maxWait}. Slowed down, never locked out.
 */
public record Slowdown(int freeFailures, Duration maxWait) {

    static final Duration FIRST_WAIT = Duration.ofSeconds(1);

    public Slowdown {
        if (freeFailures < 0) {
            throw new IllegalArgumentException("the free failures are 0 or more");
        }
        if (maxWait.compareTo(FIRST_WAIT) < 0) {
            throw new IllegalArgumentException("the longest wait is at least " + FIRST_WAIT.toSeconds() + " second");
        }
    }

    /** The wait before the next attempt is checked, after the given number of failures within the window. */
    public Duration waitAfter(int failures) {
        int over = failures - freeFailures;
        if (over <= 0) {
            return Duration.ZERO;
        }
        // 2^30 seconds is far beyond any sensible cap; the shift cannot overflow below it
        Duration doubled = FIRST_WAIT.multipliedBy(1L << Math.min(over - 1, 30));
        return doubled.compareTo(maxWait) < 0 ? doubled : maxWait;
    }
}
