package jp.nimo.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The person's age at an event, as a band: what the issue plane may know of it. Ten-year bands as
 * {@link AgeBand}, with the sixties split at 65, because the 障害福祉計画 counts long-stay inpatients
 * under 65 and 65 and over. Computed on the write side from the birth year-month, which stays sealed
 * on the case plane; never a date of birth.
 */
public record EventAgeBand(String value) {

    public static final List<String> VALUES = List.of("0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-64",
            "65-69", "70-79", "80-89", "90+");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public EventAgeBand {
        if (value == null || !VALUES.contains(value)) {
            throw new IllegalArgumentException("an age band at an event is one of " + String.join(", ", VALUES));
        }
    }

    /**
     * The band of a person born in {@code born} on {@code on}. Only the month of birth is known, so the
     * person is taken to turn a year older on the first of that month.
     */
    public static EventAgeBand at(YearMonth born, LocalDate on) {
        long age = Math.max(0, ChronoUnit.YEARS.between(born.atDay(1), on));
        if (age >= 90) {
            return new EventAgeBand("90+");
        }
        if (age >= 60 && age < 70) {
            return new EventAgeBand(age < 65 ? "60-64" : "65-69");
        }
        long decade = age / 10 * 10;
        return new EventAgeBand(decade + "-" + (decade + 9));
    }

    public boolean sixtyFiveOrOver() {
        return VALUES.indexOf(value) >= VALUES.indexOf("65-69");
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }
}
