package jp.nimo.infra.crypto;

import jp.nimo.infra.OwnerOnlyFiles;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that wraps every case's key. In production it comes from {@code NIMO_MASTER_KEY} (base64 of
 * 32 random bytes); in the embedded default it is generated on first start and kept in
 * {@code master.key} under the data directory, readable by its owner only.
 */
public final class MasterKey {

    public static final String FILE = "master.key";
    private static final int BYTES = 32;

    private final SecretKey key;
    private final java.util.Map<String, SecretKey> purposeKeys = new java.util.concurrent.ConcurrentHashMap<>();

    private MasterKey(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalStateException("the master key must be " + BYTES + " bytes (base64 of 32 random bytes)");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public static MasterKey fromBase64(String encoded) {
        return new MasterKey(Base64.getDecoder().decode(encoded.trim()));
    }

    /** The master key kept under the data directory, created with owner-only permissions if missing. */
    public static MasterKey inDataDirectory(Path dataDir) {
        Path file = OwnerOnlyFiles.createOnce(dataDir.resolve(FILE), created -> {
            byte[] bytes = new byte[BYTES];
            new SecureRandom().nextBytes(bytes);
            OwnerOnlyFiles.write(created, Base64.getEncoder().encodeToString(bytes));
        });
        try {
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the master key " + file, e);
        }
    }

    SecretKey key() {
        return key;
    }

    /**
     * A keyed pseudonym of a value (HMAC-SHA-256 under a key derived from this one for the purpose), so
     * that a reference which may be personal data (an agency's own case reference) can be looked up
     * without being stored: without the master key, a short reference cannot be found by guessing.
     */
    public String pseudonym(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(purposeKeys.computeIfAbsent(purpose, this::purposeKey));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    /** The key of one purpose, derived once: HMAC of the purpose's name under this key. */
    private SecretKey purposeKey(String purpose) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return new SecretKeySpec(derive.doFinal(("nimo:pseudonym:" + purpose).getBytes(StandardCharsets.UTF_8)),
                    "HmacSHA256");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
