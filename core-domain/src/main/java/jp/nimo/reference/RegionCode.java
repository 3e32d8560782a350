package jp.nimo.reference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * A region (二次保健医療圏) code: the prefecture code and a romanised name, e.g.
 * {@code 13-ku-seinambu} for 区西南部.
 */
public record RegionCode(String value) {

    private static final Pattern FORMAT = Pattern.compile("\\d{2}-[a-z][a-z-]*");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public RegionCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a region code is the prefecture code and a name, e.g. 13-ku-seinambu");
        }
    }

    public static RegionCode of(String value) {
        return new RegionCode(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
