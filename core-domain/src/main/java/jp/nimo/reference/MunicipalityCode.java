package jp.nimo.reference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * A local-government code (全国地方公共団体コード) of a municipality, five digits without the check
 * digit: {@code 13110} is 目黒区. Whether the code is known is a question for {@link Areas}.
 */
public record MunicipalityCode(String value) {

    private static final Pattern FORMAT = Pattern.compile("\\d{5}");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public MunicipalityCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a municipality code has five digits, e.g. 13110");
        }
    }

    public static MunicipalityCode of(String value) {
        return new MunicipalityCode(value);
    }

    /** The prefecture part of the code: {@code 13} for Tokyo. */
    public String prefectureCode() {
        return value.substring(0, 2);
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
