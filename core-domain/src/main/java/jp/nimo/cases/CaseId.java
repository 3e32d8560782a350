package jp.nimo.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jp.nimo.validation.Uuids;

import java.util.UUID;

/** The pseudonymous identifier of a support case: a random UUID that says nothing about the person. */
public record CaseId(String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public CaseId {
        value = Uuids.canonical(value, "case id");
    }

    public static CaseId of(String value) {
        return new CaseId(value);
    }

    public static CaseId random() {
        return new CaseId(UUID.randomUUID().toString());
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    /** Axon stores the aggregate identifier as this string. */
    @Override
    public String toString() {
        return value;
    }
}
