package jp.nimo.projection.audit;

import jp.nimo.infra.NimoProperties;
import jp.nimo.infra.OwnerOnlyFiles;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The Ed25519 key that signs the audit chain's head, kept outside the database so that someone who can
 * rewrite the chain there cannot sign the result. In production it comes from
 * {@code NIMO_AUDIT_SIGNING_KEY} (base64 of the PKCS#8 private key); in the embedded default it is
 * generated on first use and kept in {@code audit-signing-key} under the data directory, readable by its
 * owner only, in the same form.
 */
@Component
public class AuditSigningKey {

    public static final String FILE = "audit-signing-key";
    private static final String ALGORITHM = "Ed25519";

    private final Path dataDir;
    private volatile KeyPair pair;

    public AuditSigningKey(NimoProperties properties, @Value("${nimo.audit-signing-key:}") String configured) {
        this.dataDir = properties.getDataDir();
        // a configured key is checked at start, so that a wrong one stops the service rather than the first audit
        this.pair = configured == null || configured.isBlank() ? null : fromBase64(configured);
    }

    /** Signs the text's UTF-8 bytes; the signature is the 64 bytes of Ed25519. */
    public byte[] sign(String text) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(pair().getPrivate());
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with the audit signing key", e);
        }
    }

    /** Whether the signature is this key's over the text. */
    public boolean verifies(String text, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey());
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            // not a well-formed signature for this key: it does not verify
            return false;
        }
    }

    public PublicKey publicKey() {
        return pair().getPublic();
    }

    /** The public key as X.509 SubjectPublicKeyInfo (DER), in base64. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey().getEncoded());
    }

    private KeyPair pair() {
        KeyPair current = pair;
        if (current == null) {
            synchronized (this) {
                if (pair == null) {
                    pair = inDataDirectory(dataDir);
                }
                current = pair;
            }
        }
        return current;
    }

    /** The key kept under the data directory, created with owner-only permissions if missing. */
    static KeyPair inDataDirectory(Path dataDir) {
        Path file = OwnerOnlyFiles.createOnce(dataDir.resolve(FILE), created -> {
            try {
                KeyPair generated = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
                OwnerOnlyFiles.write(created, Base64.getEncoder().encodeToString(generated.getPrivate().getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java runtime since 15 has Ed25519", e);
            }
        });
        try {
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the audit signing key " + file, e);
        }
    }

    /** The pair of a base64 PKCS#8 Ed25519 private key. */
    static KeyPair fromBase64(String encoded) {
        try {
            EdECPrivateKey key = (EdECPrivateKey) KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded.trim())));
            byte[] seed = key.getBytes().orElseThrow(() -> new IllegalStateException("the audit signing key has no key bytes"));
            // the JDK derives an Ed25519 public key only while generating a pair: generate it again from the same seed
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new Seed(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] regenerated = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
            if (!Arrays.equals(regenerated, seed)) {
                throw new IllegalStateException("could not derive the audit signing key's public key");
            }
            return pair;
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("the audit signing key must be base64 of an Ed25519 private key in PKCS#8", e);
        }
    }

    /** Hands the generator the given seed as its random private key. */
    private static final class Seed extends SecureRandom {

        private final byte[] seed;

        private Seed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("an Ed25519 seed is " + seed.length + " bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
