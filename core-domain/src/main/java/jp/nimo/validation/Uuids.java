package jp.nimo.validation;

import java.util.UUID;

/** The canonical text of a random identifier (case ids, issue ids), refusing anything else. */
public final class Uuids {

    private Uuids() {
    }

    /** {@code value} in canonical lower-case UUID form; {@code what} names the id in the refusal. */
    public static String canonical(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("a " + what + " is required");
        }
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a " + what + " is a UUID");
        }
    }
}
