package jp.nimo.issues;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jp.nimo.validation.Uuids;

import java.util.UUID;

/** The identifier of a regional issue: a random UUID (or, for a linked issue, one derived from its origin). */
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

    /**
     * The id of the issue a link opens at another council, derived from this issue, the kind of link and the
     * council: a retried request names the same issue, so it cannot open a second one.
     */
    public IssueId linked(IssueLinkType type, String councilId) {
        return new IssueId(UUID.nameUUIDFromBytes((value + "/" + type.name() + "/" + councilId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
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
