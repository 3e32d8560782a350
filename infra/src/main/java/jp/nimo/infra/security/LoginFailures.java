package jp.nimo.infra.security;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Failed password logins per {@link LoginKey}, in PostgreSQL so that every node of both services
 * counts together. A key's count is forgotten once it has had no failure for the window and its wait
 * is over; such rows are deleted now and then. Instants come from the caller's clock, never {@code now()}.
 */
public class LoginFailures {

    /** How often one node deletes forgotten rows, at most. */
    static final Duration CLEAN_UP_EVERY = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final Duration window;
    private final AtomicReference<Instant> nextCleanUp = new AtomicReference<>(Instant.MIN);

    public LoginFailures(JdbcTemplate jdbc, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window of failed logins is longer than zero");
        }
        this.jdbc = jdbc;
        this.window = window;
    }

    /** PostgreSQL keeps microseconds: instants are cut to them, so that what is read equals what was written. */
    private static Timestamp column(Instant instant) {
        return Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * Until when each of the given keys waits, for those that wait after {@code now}. One query for
     * both keys of an attempt; a key with a count but no wait is in {@code counted}.
     */
    public Waits waits(LoginKey name, LoginKey address, Instant now) {
        Map<LoginKey.Kind, Instant> until = new HashMap<>();
        boolean[] nameCounted = {false};
        jdbc.query("SELECT kind, blocked_until FROM login_throttle WHERE ((kind = ? AND login_key = ?) OR (kind = ? AND login_key = ?))"
                        + " AND expires_at > ?",
                row -> {
                    LoginKey.Kind kind = LoginKey.Kind.of(row.getString(1));
                    Instant blocked = row.getTimestamp(2).toInstant();
                    if (kind == LoginKey.Kind.NAME) {
                        nameCounted[0] = true;
                    }
                    if (blocked.isAfter(now)) {
                        until.put(kind, blocked);
                    }
                },
                name.kind().column(), name.value(), address.kind().column(), address.value(), column(now));
        return new Waits(until, nameCounted[0]);
    }

    /** The waits of an attempt's keys, and whether its user name has failures counted at all. */
    public record Waits(Map<LoginKey.Kind, Instant> until, boolean nameCounted) {

        /** The key that makes the attempt wait longest, or null when it may be checked now. */
        public LoginKey.Kind longest() {
            return until.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        }
    }

    /** Counts one failure of the key at {@code now} and returns its wait, which starts now. */
    public Duration failed(LoginKey key, Slowdown slowdown, Instant now) {
        Timestamp at = column(now);
        Integer failures = jdbc.queryForObject("INSERT INTO login_throttle AS t (kind, login_key, failures, blocked_until, expires_at)"
                        + " VALUES (?, ?, 1, ?, ?)"
                        + " ON CONFLICT (kind, login_key) DO UPDATE SET"
                        + " failures = CASE WHEN t.expires_at <= ? THEN 1 ELSE t.failures + 1 END,"
                        + " blocked_until = CASE WHEN t.expires_at <= ? THEN EXCLUDED.blocked_until ELSE t.blocked_until END,"
                        + " expires_at = GREATEST(EXCLUDED.expires_at, t.blocked_until)"
                        + " RETURNING failures",
                Integer.class, key.kind().column(), key.value(), at, column(now.plus(window)), at, at);
        Duration wait = slowdown.waitAfter(failures);
        if (!wait.isZero()) {
            Timestamp until = column(now.plus(wait));
            // two failures that raced past the same check both count; the later wait stands
            jdbc.update("UPDATE login_throttle SET blocked_until = GREATEST(blocked_until, ?), expires_at = GREATEST(expires_at, ?)"
                    + " WHERE kind = ? AND login_key = ?", until, until, key.kind().column(), key.value());
        }
        cleanUp(now);
        return wait;
    }

    /** Forgets a user name's failures (after it logged in). */
    public void forget(LoginKey key) {
        jdbc.update("DELETE FROM login_throttle WHERE kind = ? AND login_key = ?", key.kind().column(), key.value());
    }

    /** Deletes the rows of keys whose count is forgotten, at most once per {@link #CLEAN_UP_EVERY} on this node. */
    void cleanUp(Instant now) {
        Instant due = nextCleanUp.get();
        if (now.isBefore(due) || !nextCleanUp.compareAndSet(due, now.plus(CLEAN_UP_EVERY))) {
            return;
        }
        jdbc.update("DELETE FROM login_throttle WHERE expires_at <= ?", column(now));
    }
}
