package jp.nimo.infra.crypto;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Encrypts and decrypts a case's personal fields (notes, the external reference) with the case's key.
 * Each value is sealed on its own with AES-GCM, bound to the case and the field, and stored as
 * {@code v1:<base64>}; no plaintext of them reaches the event log.
 */
public class PersonalData {

    public static final String PREFIX = "v1:";

    private final CaseKeys keys;

    public PersonalData(CaseKeys keys) {
        this.keys = keys;
    }

    public Map<String, String> seal(String caseId, SecretKey key, Map<String, String> plain) {
        Map<String, String> sealed = new LinkedHashMap<>();
        plain.forEach((field, value) -> {
            try {
                byte[] bytes = CaseKeys.seal(key, associated(caseId, field), value.getBytes(StandardCharsets.UTF_8));
                sealed.put(field, PREFIX + Base64.getEncoder().encodeToString(bytes));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("could not encrypt personal data", e);
            }
        });
        return sealed;
    }

    /** The plaintext of the case's personal fields, or empty when its key was destroyed. */
    public Optional<Map<String, String>> open(String caseId, Map<String, String> sealed) {
        if (sealed.isEmpty()) {
            return Optional.of(Map.of());
        }
        Optional<SecretKey> key = keys.key(caseId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> plain = new LinkedHashMap<>();
        sealed.forEach((field, value) -> plain.put(field, openOne(caseId, key.get(), field, value)));
        return Optional.of(plain);
    }

    /** The plaintext of the case's personal fields, opened with a key the caller holds. */
    public Map<String, String> open(String caseId, SecretKey key, Map<String, String> sealed) {
        Map<String, String> plain = new LinkedHashMap<>();
        sealed.forEach((field, value) -> plain.put(field, openOne(caseId, key, field, value)));
        return plain;
    }

    private static String openOne(String caseId, SecretKey key, String field, String value) {
        if (!value.startsWith(PREFIX)) {
            throw new IllegalStateException("personal data of case is not sealed");
        }
        try {
            byte[] bytes = CaseKeys.open(key, associated(caseId, field), Base64.getDecoder().decode(value.substring(PREFIX.length())));
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data of a case could not be decrypted", e);
        }
    }

    private static byte[] associated(String caseId, String field) {
        return (caseId + "/" + field).getBytes(StandardCharsets.UTF_8);
    }
}
