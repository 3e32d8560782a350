package jp.nimo.infra.web;

/** The Idempotency-Key header's one rule: 1 to 200 printable ASCII characters (API.md). */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 200;
    public static final String RULE = "must be 1 to " + MAX_LENGTH + " printable ASCII characters";

    private IdempotencyKey() {
    }

    public static boolean isValid(String key) {
        if (key == null || key.isBlank() || key.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
