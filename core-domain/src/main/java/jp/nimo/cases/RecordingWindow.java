package jp.nimo.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/**
 * The business dates a worker may record today: not in the future, and not more than
 * {@code maxBackdating} (default ten years) before today, since workers do enter a case's history
 * after the fact. Dates are Japanese dates. The limit is counted from the day of recording; kinds the
 * catalogue names (a long-stay inpatient's admission) may go back to {@link #EARLIEST_UNBOUNDED}.
 */
public record RecordingWindow(LocalDate today, Period maxBackdating) {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    public static final Period DEFAULT_MAX_BACKDATING = Period.ofYears(10);
    /** The earliest business date of any event: people admitted as long ago as this are still in hospital. */
    public static final LocalDate EARLIEST_UNBOUNDED = LocalDate.of(1900, 1, 1);

    public static RecordingWindow at(Clock clock, Period maxBackdating) {
        return new RecordingWindow(LocalDate.now(clock.withZone(JAPAN)), maxBackdating);
    }

    public LocalDate earliest() {
        return today.minus(maxBackdating);
    }

    /** Why the date may not be recorded, or null when it may. */
    public String refusal(LocalDate date) {
        if (date.isAfter(today)) {
            return "must not be in the future (today is " + today + ")";
        }
        if (date.isBefore(earliest())) {
            return "must not be more than " + maxBackdating + " before today (earliest " + earliest() + ")";
        }
        return null;
    }

    /** As {@link #refusal(LocalDate)}, for a kind whose business date the backdating limit does not bind. */
    public String refusalUnbounded(LocalDate date) {
        if (date.isAfter(today)) {
            return "must not be in the future (today is " + today + ")";
        }
        if (date.isBefore(EARLIEST_UNBOUNDED)) {
            return "must not be before " + EARLIEST_UNBOUNDED;
        }
        return null;
    }
}
