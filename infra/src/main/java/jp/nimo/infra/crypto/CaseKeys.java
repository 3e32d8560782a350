package jp.nimo.infra.crypto;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One AES-256 key per case, kept in the {@code case_key} table wrapped (AES-GCM) by the master key.
 * Destroying a case's key (crypto-shredding) makes every copy of its personal data unreadable: in
 * the event log, in projections and in any rebuild of them.
 */
public class CaseKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcTemplate jdbc;
    private final MasterKey master;

    public CaseKeys(JdbcTemplate jdbc, MasterKey master) {
        this.jdbc = jdbc;
        this.master = master;
    }

    /** A new key for a new case, stored in the caller's transaction. */
    public SecretKey create(String caseId) {
        SecretKey key = generate();
        storeAll(Map.of(caseId, key));
        return key;
    }

    /** A new key, not stored yet: see {@link #storeAll}. */
    public SecretKey generate() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not create a case key", e);
        }
    }

    /** Stores new cases' keys, wrapped, in the caller's transaction, in one statement batch. */
    public void storeAll(Map<String, SecretKey> keys) {
        List<Object[]> rows = new ArrayList<>(keys.size());
        keys.forEach((caseId, key) -> {
            try {
                rows.add(new Object[]{caseId, wrap(caseId, key)});
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("could not wrap a case key", e);
            }
        });
        jdbc.batchUpdate("INSERT INTO case_key (case_id, wrapped_key) VALUES (?, ?)", rows);
    }

    /** The case's key, or empty when the case has none or it was destroyed. */
    public Optional<SecretKey> key(String caseId) {
        List<byte[]> wrapped = jdbc.query("SELECT wrapped_key FROM case_key WHERE case_id = ? AND wrapped_key IS NOT NULL",
                (row, n) -> row.getBytes(1), caseId);
        return wrapped.stream().findFirst().map(bytes -> unwrap(caseId, bytes));
    }

    /** Destroys the case's key; its personal data can never be read again. */
    public void destroy(String caseId) {
        jdbc.update("UPDATE case_key SET wrapped_key = NULL, destroyed_at = now() WHERE case_id = ?", caseId);
    }

    private byte[] wrap(String caseId, SecretKey key) throws GeneralSecurityException {
        return seal(master.key(), ("case-key:" + caseId).getBytes(StandardCharsets.UTF_8), key.getEncoded());
    }

    private SecretKey unwrap(String caseId, byte[] wrapped) {
        try {
            return new SecretKeySpec(open(master.key(), ("case-key:" + caseId).getBytes(StandardCharsets.UTF_8), wrapped), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the case key cannot be unwrapped with this master key", e);
        }
    }

    static byte[] seal(SecretKey key, byte[] associated, byte[] plain) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(associated);
        byte[] sealed = cipher.doFinal(plain);
        return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
    }

    static byte[] open(SecretKey key, byte[] associated, byte[] sealed) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
        cipher.updateAAD(associated);
        return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    }
}
