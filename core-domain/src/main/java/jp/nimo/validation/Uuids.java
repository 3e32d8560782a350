package jp.nimo.validation;

import java.util.UUID;
import java.util.regex.Pattern;

/** The canonical text of a random identifier (case ids, issue ids), refusing anything else. */
public final class Uuids {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {
    }

    /** Whether {@code value} is a UUID in its 36-character form (either case). */
    public static boolean isCanonical(String value) {
        return value != null && CANONICAL.matcher(value).matches();
    }

    /** {@code value} in canonical lower-case UUID form; {@code what} names the id in the refusal. */
    public static String canonical(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("a " + what + " is required");
        }
        // UUID.fromString also takes short forms such as "1-1-1-1-1": only the 36-character form names an id
        if (!isCanonical(value)) {
            throw new IllegalArgumentException("a " + what + " is a UUID");
        }
        return UUID.fromString(value).toString();
    }
}
