package jp.nimo.projection.audit;

import jp.nimo.infra.NimoProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditSigningKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutAConfiguredKeyOneIsCreatedOnFirstUseReadableByItsOwnerOnlyAndKept() throws Exception {
        AuditSigningKey first = new AuditSigningKey(properties(), "");
        assertThat(dataDir.resolve(AuditSigningKey.FILE)).as("created on first use, not at start").doesNotExist();
        byte[] signature = first.sign("nimo");

        Path file = dataDir.resolve(AuditSigningKey.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(verifies(first.publicKeyBase64(), "nimo", signature)).isTrue();
        AuditSigningKey again = new AuditSigningKey(properties(), null);
        assertThat(again.publicKeyBase64()).isEqualTo(first.publicKeyBase64());
        // the file holds what NIMO_AUDIT_SIGNING_KEY would: base64 of the PKCS#8 private key
        AuditSigningKey configured = new AuditSigningKey(properties(), Files.readString(file, StandardCharsets.US_ASCII));
        assertThat(configured.publicKeyBase64()).isEqualTo(first.publicKeyBase64());
    }

    @Test
    void aConfiguredKeySignsWithItsOwnPublicKeyAndNoFileIsWritten() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        AuditSigningKey key = new AuditSigningKey(properties(),
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));

        assertThat(key.publicKeyBase64()).isEqualTo(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        byte[] signature = key.sign("globalIndex=1");
        assertThat(verifies(key.publicKeyBase64(), "globalIndex=1", signature)).isTrue();
        assertThat(verifies(key.publicKeyBase64(), "globalIndex=2", signature)).isFalse();
        assertThat(key.verifies("globalIndex=1", signature)).isTrue();
        assertThat(dataDir.resolve(AuditSigningKey.FILE)).doesNotExist();
    }

    @Test
    void aConfiguredKeyThatIsNotAnEd25519PrivateKeyStopsTheStart() throws Exception {
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        assertThatThrownBy(() -> new AuditSigningKey(properties(),
                Base64.getEncoder().encodeToString(rsa.getPrivate().getEncoded())))
                .hasMessageContaining("Ed25519 private key in PKCS#8");
        assertThatThrownBy(() -> new AuditSigningKey(properties(), "not base64!"))
                .hasMessageContaining("Ed25519 private key in PKCS#8");
    }

    private NimoProperties properties() {
        NimoProperties properties = new NimoProperties();
        properties.setDataDir(dataDir);
        return properties;
    }

    private static boolean verifies(String publicKey, String text, byte[] signature) throws Exception {
        PublicKey key = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(text.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(signature);
    }
}
