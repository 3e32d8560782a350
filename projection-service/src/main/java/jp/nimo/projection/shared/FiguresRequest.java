package jp.nimo.projection.shared;

import jp.nimo.projection.shared.SmallCounts.Disclosure;
import org.springframework.http.ResponseEntity;

import java.util.function.Function;

/**
 * A reader's request for figures (indicators, targets, analytics): what they may see of counts, and
 * whether they asked for CSV ({@code format=csv} or {@code Accept: text/csv}) rather than JSON.
 */
public record FiguresRequest(Disclosure disclosure, boolean csv) {

    /** The answer as JSON, or as the CSV table it makes. */
    public <T> ResponseEntity<?> answer(T answer, Function<T, CsvDownload> table, String filename) {
        return csv ? table.apply(answer).answer(filename) : ResponseEntity.ok(answer);
    }
}
