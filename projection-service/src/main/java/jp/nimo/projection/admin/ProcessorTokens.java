package jp.nimo.projection.admin;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedSet;

/**
 * A processor's segments as every node sees them: the shared token table, read without claiming
 * anything. What one node's processor reports covers only the segments it holds.
 */
@Component
public class ProcessorTokens {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Duration claimTimeout;

    public ProcessorTokens(JdbcTemplate jdbc, Serializer serializer,
                           @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.claimTimeout = claimTimeout;
    }

    /** One segment: who holds it, since when its claim was last renewed, and how far it got. */
    public record Segment(int segment, String owner, Instant claimRenewedAt, TrackingToken token) {

        public OptionalLong position() {
            return token == null ? OptionalLong.empty() : token.position();
        }

        /** Events below the position this segment has not seen yet (written later by a slower transaction). */
        public SortedSet<Long> gaps() {
            if (token == null) {
                return Collections.emptySortedSet();
            }
            TrackingToken current = WrappedToken.unwrapLowerBound(token);
            return current instanceof GapAwareTrackingToken gapAware ? gapAware.getGaps()
                    : Collections.emptySortedSet();
        }

        public boolean replaying() {
            return token != null && WrappedToken.unwrap(token, ReplayToken.class).isPresent();
        }
    }

    public List<Segment> segments(String processor) {
        return jdbc.query("SELECT segment, owner, timestamp, token, tokentype FROM tokenentry"
                        + " WHERE processorname = ? ORDER BY segment",
                (row, n) -> new Segment(row.getInt("segment"), row.getString("owner"), instant(row.getString("timestamp")),
                        token(row.getBytes("token"), row.getString("tokentype"))),
                processor);
    }

    /** The lowest position reached across the segments: every event up to it has been handled. */
    public static OptionalLong position(List<Segment> segments) {
        if (segments.isEmpty()) {
            return OptionalLong.empty();
        }
        long lowest = Long.MAX_VALUE;
        for (Segment segment : segments) {
            OptionalLong position = segment.position();
            lowest = Math.min(lowest, position.orElse(-1));
        }
        return lowest < 0 ? OptionalLong.empty() : OptionalLong.of(lowest);
    }

    /**
     * Whether a segment is held by another node: a claim that node renewed within the claim timeout.
     * An older claim belongs to a node that died; Axon lets any node take it over.
     */
    public boolean heldElsewhere(Segment segment, String node, Instant now) {
        if (segment.owner() == null || segment.owner().equals(node)) {
            return false;
        }
        return segment.claimRenewedAt() == null || segment.claimRenewedAt().isAfter(now.minus(claimTimeout));
    }

    /** The global index of the newest event in the log, 0 for an empty log. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        return head == null ? 0 : head;
    }

    private TrackingToken token(byte[] data, String type) {
        if (data == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, null));
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
