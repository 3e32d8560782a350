package jp.nimo.infra.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The users of the tests, one per role and scope, all with the password {@link #PASSWORD}. */
public final class TestUsers {

    public static final String PASSWORD = "test-password";
    public static final String MEGURO_WORKER = "worker-meguro";
    public static final String SETAGAYA_WORKER = "worker-setagaya";
    /** A worker of Tokyo's outreach team, with no municipality restriction. */
    public static final String TOKYO_WORKER = "worker-tokyo";
    public static final String SEINAMBU_SECRETARIAT = "secretariat-seinambu";
    public static final String MEGURO_SECRETARIAT = "secretariat-meguro";
    /** The secretariat of a council an ADMIN designates in the tests (council-13111-chiiki, 大田区). */
    public static final String OTA_SECRETARIAT = "secretariat-ota";
    public static final String COUNCIL_MEMBER = "member-seinambu";
    public static final String OBSERVER = "observer-seinambu";
    public static final String ANALYST = "analyst-tokyo";
    public static final String AUDITOR = "auditor-tokyo";
    public static final String ADMIN = "admin";

    private static final String YAML = """
            users:
              - {username: worker-meguro, password: "{noop}test-password", roles: [SUPPORT_WORKER], organisation: meguro-health-centre, profession: PUBLIC_HEALTH_NURSE, municipalities: ["13110"]}
              - {username: worker-setagaya, password: "{noop}test-password", roles: [SUPPORT_WORKER], organisation: setagaya-support-office, profession: CONSULTATION_SUPPORT_SPECIALIST, municipalities: ["13112"]}
              - {username: worker-tokyo, password: "{noop}test-password", roles: [SUPPORT_WORKER], organisation: tokyo-mental-health-centre, profession: PSYCHIATRIC_SOCIAL_WORKER}
              - {username: secretariat-seinambu, password: "{noop}test-password", roles: [SECRETARIAT], organisation: setagaya-support-office, councils: [council-13-ku-seinambu]}
              - {username: secretariat-meguro, password: "{noop}test-password", roles: [SECRETARIAT], organisation: meguro-disability-welfare-division, councils: [council-13110]}
              - {username: secretariat-ota, password: "{noop}test-password", roles: [SECRETARIAT], organisation: ota-health-centre, councils: [council-13111-chiiki]}
              - {username: member-seinambu, password: "{noop}test-password", roles: [COUNCIL_MEMBER], organisation: setagaya-realtors-association, councils: [council-13-ku-seinambu]}
              - {username: observer-seinambu, password: "{noop}test-password", roles: [OBSERVER], organisation: seinambu-welfare-commissioners, councils: [council-13-ku-seinambu]}
              - {username: analyst-tokyo, password: "{noop}test-password", roles: [ANALYST], organisation: tokyo-mental-health-centre}
              - {username: auditor-tokyo, password: "{noop}test-password", roles: [AUDITOR], organisation: tokyo-welfare-bureau}
              - {username: admin, password: "{noop}test-password", roles: [ADMIN], organisation: nimo-operations}
            """;

    private static Path file;

    private TestUsers() {
    }

    public static synchronized Path file() {
        if (file == null) {
            try {
                file = Files.createTempFile("nimo-test-users", ".yaml");
                Files.writeString(file, YAML);
                file.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }
}
