package jp.nimo.councils;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jp.nimo.validation.Uuids;

import java.util.UUID;

/** The identifier of a council meeting: a random UUID. */
public record MeetingId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public MeetingId {
        value = Uuids.canonical(value, "meeting id");
    }

    public static MeetingId of(String value) {
        return new MeetingId(value);
    }

    public static MeetingId random() {
        return new MeetingId(UUID.randomUUID().toString());
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
