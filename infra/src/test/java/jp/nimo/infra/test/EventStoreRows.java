package jp.nimo.infra.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/** Reads the event table directly, to show what a request stored or did not store. */
public final class EventStoreRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventStoreRows() {
    }

    /**
     * The events stored on people's requests: all but those Nimo's own processes append in the
     * background (clock ticks, recorded signals, detection's candidates and evidence), which may arrive at any moment
     * during a test and say nothing about what a refused request stored.
     */
    public static long count(JdbcTemplate jdbc) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry"
                + " WHERE payloadtype <> 'jp.nimo.detection.DetectionClockTicked'"
                + " AND payloadtype NOT LIKE 'jp.nimo.detection.SignalEvent$%'"
                + " AND convert_from(payload, 'UTF8') NOT LIKE '%\"role\":\"SYSTEM\"%'", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * Whether every segment of the processor has passed the newest event in the table now. Reads the
     * stored tokens: during a replay the lowest index in a token is the position actually reached.
     */
    /**
     * Whether each processor, asked in the order given, has read the whole log: for a chain of processors
     * where one appends what the next reads, give them in the chain's order.
     */
    public static boolean caughtUp(JdbcTemplate jdbc, List<String> processors) {
        return processors.stream().allMatch(processor -> caughtUp(jdbc, processor));
    }

    public static boolean caughtUp(JdbcTemplate jdbc, String processor) {
        Long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        List<String> tokens = jdbc.queryForList("SELECT convert_from(token, 'UTF8') FROM tokenentry WHERE processorname = ?",
                String.class, processor);
        if (head == null) {
            return true;
        }
        if (tokens.isEmpty()) {
            return false;
        }
        for (String token : tokens) {
            if (token == null) {
                return false;
            }
            try {
                List<JsonNode> indexes = JSON.readTree(token).findValues("index");
                if (indexes.isEmpty() || indexes.stream().mapToLong(JsonNode::asLong).min().orElse(-1) < head) {
                    return false;
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return true;
    }

    public static long countFor(JdbcTemplate jdbc, String aggregateIdentifier) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, aggregateIdentifier);
        return count == null ? 0 : count;
    }
}
