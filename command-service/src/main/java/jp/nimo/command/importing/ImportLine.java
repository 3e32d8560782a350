package jp.nimo.command.importing;

import jp.nimo.validation.FieldError;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One line of an import as read, before it is judged: its number in the body, its key, the case it belongs to
 * (the agency's {@code caseRef}, or a {@code caseId}), the new case its first line opens, and its event; or,
 * when it could not be read, why. {@code hash} is of the line as sent, so that a key sent again with another
 * line is told apart from a repeat.
 */
record ImportLine(long number, String key, String caseRef, String caseId, JsonNode newCase, JsonNode event,
                  String hash, List<FieldError> errors) {

    static ImportLine unreadable(long number, String key, String hash, List<FieldError> errors) {
        return new ImportLine(number, key, null, null, null, null, hash, List.copyOf(errors));
    }

    boolean readable() {
        return errors.isEmpty();
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
