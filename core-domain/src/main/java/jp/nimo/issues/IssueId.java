package jp.nimo.issues;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jp.nimo.validation.Uuids;

import java.util.UUID;

/** The identifier of a regional issue: a random UUID. */
public record IssueId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public IssueId {
        value = Uuids.canonical(value, "issue id");
    }

    public static IssueId of(String value) {
        return new IssueId(value);
    }

    public static IssueId random() {
        return new IssueId(UUID.randomUUID().toString());
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
