package jp.nimo.infra.crypto;

import jp.nimo.infra.security.DemoUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The secrets kept under the data directory: created once, owner-only, the same on every start. */
class MasterKeyTest {

    @TempDir
    Path dataDir;

    @Test
    void theMasterKeyIsCreatedOnceReadableByItsOwnerOnly() throws Exception {
        MasterKey first = MasterKey.inDataDirectory(dataDir);
        MasterKey again = MasterKey.inDataDirectory(dataDir);
        assertThat(again.key().getEncoded()).isEqualTo(first.key().getEncoded());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(MasterKey.FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void aMasterKeyMustBe32Bytes() {
        assertThatThrownBy(() -> MasterKey.fromBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
    }

    @Test
    void sealedDataOpensOnlyWithItsKeyAndItsContext() throws Exception {
        SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
        SecretKeySpec other = new SecretKeySpec(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, "AES");
        byte[] context = "case-1/note".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = CaseKeys.seal(key, context, "家主に断られた".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(CaseKeys.open(key, context, sealed), StandardCharsets.UTF_8)).isEqualTo("家主に断られた");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("家主");
        assertThatThrownBy(() -> CaseKeys.open(other, context, sealed)).isInstanceOf(java.security.GeneralSecurityException.class);
        assertThatThrownBy(() -> CaseKeys.open(key, "case-2/note".getBytes(StandardCharsets.UTF_8), sealed))
                .isInstanceOf(java.security.GeneralSecurityException.class);
    }

    @Test
    void demoUsersGetBcryptHashesAndTheirPasswordsStayInAnOwnerOnlyFile() throws Exception {
        Path users = DemoUsers.ensure(dataDir);
        String yaml = Files.readString(users);
        assertThat(yaml).contains("{bcrypt}").doesNotContain("{noop}");
        Path credentials = dataDir.resolve(DemoUsers.CREDENTIALS_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        String password = Files.readAllLines(credentials).get(1).split(" ")[1];
        assertThat(yaml).doesNotContain(password);
        assertThat(DemoUsers.ensure(dataDir)).isEqualTo(users);
        assertThat(Files.readString(users)).isEqualTo(yaml);
    }
}
