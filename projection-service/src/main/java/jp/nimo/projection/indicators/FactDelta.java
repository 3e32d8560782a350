package jp.nimo.projection.indicators;

import jp.nimo.reference.FiscalYear;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static jp.nimo.cases.RecordingWindow.JAPAN;

/**
 * A signed change of one part of a measure, for one municipality and business month, that holds from
 * {@code effectiveAt} (knowledge time) on. Its id is derived from the event that caused it, the measure,
 * the part and the subject (another event it settles), so a redelivered event adds nothing twice.
 */
public record FactDelta(String deltaId, Measure measure, String part, String municipality, LocalDate month,
                        Instant effectiveAt, int delta) {

    public FactDelta {
        month = month.withDayOfMonth(1);
    }

    public static FactDelta of(String eventId, String subject, Measure measure, String part, String municipality,
                               LocalDate businessDate, Instant effectiveAt, int delta) {
        String name = "indicator:" + eventId + ":" + measure + ":" + part + ":" + subject;
        return new FactDelta(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(), measure, part,
                municipality, businessDate, effectiveAt, delta);
    }

    public int fiscalYear() {
        return FiscalYear.startYearOf(month);
    }

    public LocalDate effectiveDay() {
        return LocalDate.ofInstant(effectiveAt, JAPAN);
    }

    public LocalDate effectiveMonth() {
        return effectiveDay().withDayOfMonth(1);
    }
}
