package jp.nimo.projection.shared;

import jp.nimo.validation.InvalidInputException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import static jp.nimo.cases.RecordingWindow.JAPAN;

/**
 * The knowledge time a read answers for: what was recorded at or before {@code at}. Without
 * {@code asOf} a read answers for now, from the current rows.
 *
 * @param given whether the caller asked for a past (or future) moment, rather than now
 */
public record AsOf(Instant at, boolean given) {

    public static final String PARAMETER = "asOf";

    public static AsOf now(Clock clock) {
        return new AsOf(KnowledgeTime.of(Instant.now(clock)), false);
    }

    /**
     * An ISO instant ({@code 2024-07-10T09:00:00Z}, or with an offset), or a date meaning the end of
     * that day in Japan: a council meeting on that day could have seen everything recorded by then.
     */
    public static AsOf parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return now(clock);
        }
        String text = value.trim();
        try {
            if (text.length() == 10) {
                Instant endOfDay = LocalDate.parse(text).plusDays(1).atStartOfDay(JAPAN).toInstant()
                        .minus(1, ChronoUnit.MICROS);
                return new AsOf(endOfDay, true);
            }
            return new AsOf(KnowledgeTime.of(OffsetDateTime.parse(text).toInstant()), true);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(PARAMETER,
                    "must be an ISO-8601 instant (2024-07-10T09:00:00Z) or a date (2024-07-10)");
        }
    }
}
