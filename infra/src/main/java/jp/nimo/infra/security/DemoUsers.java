package jp.nimo.infra.security;

import jp.nimo.infra.OwnerOnlyFiles;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Demo users for a machine with no users file: one per role, with random passwords. The users file
 * holds only bcrypt hashes; the passwords are written once to {@code demo-credentials.txt}, readable
 * by its owner only. Both services may start at once, so creation is guarded by a file lock.
 */
public final class DemoUsers {

    public static final String USERS_FILE = "demo-users.yaml";
    public static final String CREDENTIALS_FILE = "demo-credentials.txt";

    private record Demo(String username, String role, String organisation, String profession,
                        String municipalities, String councils) {
    }

    private static final List<Demo> DEMO = List.of(
            new Demo("worker-meguro", "SUPPORT_WORKER", "meguro-health-centre", "PUBLIC_HEALTH_NURSE", "13110", null),
            new Demo("worker-setagaya", "SUPPORT_WORKER", "setagaya-support-office", "CONSULTATION_SUPPORT_SPECIALIST", "13112", null),
            new Demo("worker-tokyo", "SUPPORT_WORKER", "tokyo-mental-health-centre", "PSYCHIATRIC_SOCIAL_WORKER", null, null),
            new Demo("secretariat-seinambu", "SECRETARIAT", "setagaya-support-office", null, null, "council-13-ku-seinambu"),
            new Demo("secretariat-meguro", "SECRETARIAT", "meguro-disability-welfare-division", null, null, "council-13110"),
            new Demo("member-seinambu", "COUNCIL_MEMBER", "setagaya-realtors-association", null, null, "council-13-ku-seinambu"),
            new Demo("observer-seinambu", "OBSERVER", "seinambu-welfare-commissioners", null, null, "council-13-ku-seinambu"),
            new Demo("analyst-tokyo", "ANALYST", "tokyo-mental-health-centre", null, null, null),
            new Demo("auditor-tokyo", "AUDITOR", "tokyo-welfare-bureau", null, null, null),
            new Demo("admin", "ADMIN", "nimo-operations", null, null, null));

    private DemoUsers() {
    }

    /** The demo users file under the data directory, created with fresh passwords if it is not there. */
    public static Path ensure(Path dataDir) {
        return OwnerOnlyFiles.createOnce(dataDir.resolve(USERS_FILE), users -> write(dataDir, users));
    }

    private static void write(Path dataDir, Path users) throws IOException {
        SecureRandom random = new SecureRandom();
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        StringBuilder yaml = new StringBuilder("# Demo users of this Nimo installation; passwords are in "
                + CREDENTIALS_FILE + ".\nusers:\n");
        StringBuilder credentials = new StringBuilder("# Demo users: username password role\n");
        for (Demo demo : DEMO) {
            byte[] secret = new byte[12];
            random.nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            yaml.append("  - username: ").append(demo.username()).append('\n')
                    .append("    password: \"{bcrypt}").append(bcrypt.encode(password)).append("\"\n")
                    .append("    roles: [").append(demo.role()).append("]\n")
                    .append("    organisation: ").append(demo.organisation()).append('\n');
            if (demo.profession() != null) {
                yaml.append("    profession: ").append(demo.profession()).append('\n');
            }
            if (demo.municipalities() != null) {
                yaml.append("    municipalities: [\"").append(demo.municipalities()).append("\"]\n");
            }
            if (demo.councils() != null) {
                yaml.append("    councils: [").append(demo.councils()).append("]\n");
            }
            credentials.append(demo.username()).append(' ').append(password).append(' ').append(demo.role()).append('\n');
        }
        OwnerOnlyFiles.write(dataDir.resolve(CREDENTIALS_FILE), credentials.toString());
        OwnerOnlyFiles.write(users, yaml.toString());
    }
}
