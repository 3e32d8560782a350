package jp.nimo.projection.admin;

import jp.nimo.infra.web.NotFoundException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The events the read side's processors parked in their dead-letter queues (Axon's
 * {@code deadletterentry}, shared by every node), and their retry. A letter is shown without its
 * payload or metadata: a case event's payload carries personal data.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final ProjectionRebuilds rebuilds;
    private final Serializer serializer;

    public DeadLetters(JdbcTemplate jdbc, EventProcessingConfiguration processing, ProjectionRebuilds rebuilds,
                       Serializer serializer) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.rebuilds = rebuilds;
        this.serializer = serializer;
    }

    /**
     * One parked event. {@code sequenceIdentifier} is what keeps its sequence in order (the aggregate);
     * later events of the same sequence are parked behind it, with no cause of their own.
     */
    public record Letter(String processor, String sequenceIdentifier, long sequenceIndex, String letterIdentifier,
                         String eventIdentifier, String payloadType, String payloadRevision, String aggregateIdentifier,
                         Long aggregateSequence, Long globalIndex, Instant eventTimestamp, Cause cause,
                         Instant enqueuedAt, Instant lastTouched, Instant processingStarted,
                         Map<String, Object> diagnostics) {
    }

    public record Cause(String type, String message) {
    }

    /** A retry: letters handled and removed from the queue, and letters still parked. */
    public record Retry(String processor, long processed, long remaining) {
    }

    public List<Letter> letters(String processor, int limit) {
        if (processor != null) {
            rebuilds.processor(processor);
        }
        return jdbc.query("SELECT l.processinggroup, l.sequenceidentifier, l.sequenceindex, l.deadletteridentifier,"
                        + " l.eventidentifier, l.payloadtype, l.payloadrevision, l.aggregateidentifier, l.sequencenumber,"
                        + " e.globalindex, l.timestamp, l.causetype, l.causemessage, l.enqueuedat, l.lasttouched,"
                        + " l.processingstarted, l.diagnostics"
                        + " FROM deadletterentry l LEFT JOIN domainevententry e ON e.eventidentifier = l.eventidentifier"
                        + " WHERE (?::text IS NULL OR l.processinggroup = ?)"
                        + " ORDER BY l.processinggroup, l.enqueuedat, l.sequenceidentifier, l.sequenceindex LIMIT ?",
                (row, n) -> letter(row), processor, processor, limit);
    }

    public long count(String processor) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM deadletterentry WHERE (?::text IS NULL OR processinggroup = ?)",
                Long.class, processor, processor);
        return count == null ? 0 : count;
    }

    /**
     * Handles the parked sequences again, oldest first, each in order, until none is left or one fails
     * again (it stays parked, its cause and last-touched updated).
     */
    public Retry retry(String processor) {
        rebuilds.processor(processor);
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(processor)
                .orElseThrow(() -> new NotFoundException(processor + " has no dead-letter queue"));
        long before = count(processor);
        Long sequences = jdbc.queryForObject("SELECT count(DISTINCT sequenceidentifier) FROM deadletterentry"
                + " WHERE processinggroup = ?", Long.class, processor);
        // a bound, because events of a parked sequence keep joining it while the retry runs
        for (long attempt = 0; attempt < (sequences == null ? 0 : sequences); attempt++) {
            boolean processed;
            try {
                processed = letters.processAny();
            } catch (RuntimeException e) {
                log.info("Retrying a dead-lettered sequence of {} failed again: {}", processor, e.toString());
                processed = false;
            }
            if (!processed) {
                break;
            }
        }
        long remaining = count(processor);
        return new Retry(processor, Math.max(0, before - remaining), remaining);
    }

    private Letter letter(ResultSet row) throws SQLException {
        String causeType = row.getString("causetype");
        return new Letter(row.getString("processinggroup"), row.getString("sequenceidentifier"),
                row.getLong("sequenceindex"), row.getString("deadletteridentifier"), row.getString("eventidentifier"),
                row.getString("payloadtype"), row.getString("payloadrevision"), row.getString("aggregateidentifier"),
                (Long) row.getObject("sequencenumber"), (Long) row.getObject("globalindex"),
                instant(row.getString("timestamp")),
                causeType == null ? null : new Cause(causeType, row.getString("causemessage")),
                instant(row.getString("enqueuedat")), instant(row.getString("lasttouched")),
                instant(row.getString("processingstarted")), diagnostics(row.getBytes("diagnostics")));
    }

    private Map<String, Object> diagnostics(byte[] data) {
        if (data == null) {
            return Map.of();
        }
        try {
            MetaData metaData = serializer.deserialize(
                    new SimpleSerializedObject<>(data, byte[].class, MetaData.class.getName(), null));
            return metaData;
        } catch (RuntimeException e) {
            return Map.of("unreadable", e.getClass().getSimpleName());
        }
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
