package jp.nimo.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;

/** A ten-year age band ("40-49", "90+"): enough for statistics, never a date of birth. */
public record AgeBand(String value) {

    public static final List<String> VALUES =
            List.of("0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80-89", "90+");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public AgeBand {
        // List.of(...).contains(null) throws: a missing or non-text value is refused like any other
        if (value == null || !VALUES.contains(value)) {
            throw new IllegalArgumentException("an age band is one of " + String.join(", ", VALUES));
        }
    }

    public static AgeBand of(String value) {
        return new AgeBand(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }
}
