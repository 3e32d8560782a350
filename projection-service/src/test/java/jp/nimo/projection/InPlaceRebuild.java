package jp.nimo.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection rebuilt in place from the real event store: its processor stopped, its tokens reset (which empties
 * its tables), started again, and then read until it equals what the live projection had.
 */
public final class InPlaceRebuild {

    private InPlaceRebuild() {
    }

    /**
     * Rebuilds the processor's projection and waits until {@code snapshot} reads {@code live} again.
     *
     * @param emptied checks, while the processor is stopped, that the reset really emptied the tables, so that
     *                an equal snapshot afterwards can only come from the replayed events
     */
    public static <S> void rebuildsTo(S live, Supplier<S> snapshot, EventProcessingConfiguration processing,
                                      String processorName, Runnable emptied, Duration atMost) {
        StreamingEventProcessor processor = processing
                .eventProcessor(processorName, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        try {
            processor.resetTokens();
            emptied.run();
        } finally {
            // the other tests of this context need the processor running, whatever this one found
            processor.start();
        }
        await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(snapshot.get()).isEqualTo(live));
    }

    /** Each table's rows as text, sorted, so that two reads compare equal whatever order the rows were written in. */
    public static Map<String, List<String>> rowsAsText(JdbcTemplate jdbc, List<String> tables) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : tables) {
            rows.put(table, jdbc.queryForList("SELECT t::text FROM " + table + " t", String.class).stream().sorted().toList());
        }
        return rows;
    }
}
