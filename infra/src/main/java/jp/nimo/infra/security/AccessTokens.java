package jp.nimo.infra.security;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Personal access tokens for programs: a random 256-bit secret behind the prefix {@value #PREFIX},
 * kept only as its SHA-256 hash. Every use looks the hash up, so that an expiry or a revocation holds
 * on every node from the next request; a token acts with its user's roles and scopes at the time of use.
 */
public class AccessTokens {

    public static final String PREFIX = "nimo_";
    /** How many unrevoked, unexpired tokens one user may hold. */
    public static final int MAX_PER_USER = 50;
    /** How often the last use is written: once a minute per token keeps a busy token from writing on every call. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public AccessTokens(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A token as it is shown once, when it is made. */
    public record Issued(UUID tokenId, String name, String token, Instant expiresAt) {
    }

    /** A token as it is listed: never its secret. */
    public record Listed(UUID tokenId, String username, String name, Instant createdAt, Instant expiresAt,
                         Instant lastUsedAt) {
    }

    /** Whose a presented token is. */
    public record Holder(UUID tokenId, String username) {
    }

    /** Refused: the user already holds {@link #MAX_PER_USER} live tokens. */
    public static final class TooManyTokens extends RuntimeException {
        public TooManyTokens() {
            super("you hold " + MAX_PER_USER + " tokens that have not expired; revoke one you no longer use");
        }
    }

    public Issued issue(String username, String name, Instant expiresAt) {
        return transaction.execute(status -> issueInTransaction(username, name, expiresAt));
    }

    private Issued issueInTransaction(String username, String name, Instant expiresAt) {
        Instant now = clock.instant();
        // one user's issues are serialised, so that the cap holds under concurrent requests
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('access_token:' || ?))", Object.class, username);
        Integer live = jdbc.queryForObject("SELECT count(*) FROM access_token WHERE username = ? AND revoked_at IS NULL"
                + " AND expires_at > ?", Integer.class, username, Timestamp.from(now));
        if (live != null && live >= MAX_PER_USER) {
            throw new TooManyTokens();
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID tokenId = UUID.randomUUID();
        jdbc.update("INSERT INTO access_token (token_id, username, name, secret_hash, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                tokenId, username, name, hash(token), Timestamp.from(now), Timestamp.from(expiresAt));
        return new Issued(tokenId, name, token, expiresAt);
    }

    /** The live tokens of a user, newest first. */
    public List<Listed> of(String username) {
        return jdbc.query("SELECT token_id, username, name, created_at, expires_at, last_used_at FROM access_token"
                        + " WHERE username = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC, token_id",
                AccessTokens::listed, username, Timestamp.from(clock.instant()));
    }

    /** A token by its id, revoked or not, for the one who may revoke it. */
    public Optional<Listed> find(UUID tokenId) {
        return jdbc.query("SELECT token_id, username, name, created_at, expires_at, last_used_at FROM access_token"
                + " WHERE token_id = ?", AccessTokens::listed, tokenId).stream().findFirst();
    }

    /** Revokes a token; true when it was live until now, false when it was already revoked. */
    public boolean revoke(UUID tokenId, String by) {
        return jdbc.update("UPDATE access_token SET revoked_at = ?, revoked_by = ? WHERE token_id = ? AND revoked_at IS NULL",
                Timestamp.from(clock.instant()), by, tokenId) == 1;
    }

    /** Whose the token is, when it is one of ours, live and unexpired; marks it used. */
    public Optional<Holder> holderOf(String token) {
        if (!token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        record Live(UUID tokenId, String username, Timestamp lastUsed) {
        }
        List<Live> found = jdbc.query("SELECT token_id, username, last_used_at FROM access_token"
                        + " WHERE secret_hash = ? AND revoked_at IS NULL AND expires_at > ?",
                (rs, i) -> new Live(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3)),
                hash(token), Timestamp.from(now));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Live live = found.get(0);
        Instant stale = now.minus(LAST_USED_RESOLUTION);
        if (live.lastUsed() == null || live.lastUsed().toInstant().isBefore(stale)) {
            jdbc.update("UPDATE access_token SET last_used_at = ? WHERE token_id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                    Timestamp.from(now), live.tokenId(), Timestamp.from(stale));
        }
        return Optional.of(new Holder(live.tokenId(), live.username()));
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Listed listed(ResultSet rs, int row) throws SQLException {
        Timestamp lastUsed = rs.getTimestamp("last_used_at");
        return new Listed(rs.getObject("token_id", UUID.class), rs.getString("username"), rs.getString("name"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                lastUsed == null ? null : lastUsed.toInstant());
    }
}
