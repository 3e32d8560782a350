package jp.nimo.infra.test;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** Points a service under test at the test database, the test users and a temporary data directory. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** One master key per test JVM, shared by the write and read sides started in it. */
    static final String MASTER_KEY = newMasterKey();

    private static String newMasterKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        apply(TestDatabase.get(), context);
    }

    /** An initializer for a given database, e.g. one that two contexts share one after the other. */
    public static ApplicationContextInitializer<ConfigurableApplicationContext> on(TestDatabase database) {
        return context -> apply(database, context);
    }

    static void apply(TestDatabase database, ConfigurableApplicationContext context) {
        TestPropertyValues.of(properties(database)).applyTo(context);
    }

    /**
     * What a service needs to run on the database beside the others of this JVM, as {@code name=value}: also
     * the command-line arguments of a service started in a process of its own.
     */
    public static List<String> properties(TestDatabase database) {
        try {
            return List.of(
                    "nimo.db.url=" + database.url(),
                    "nimo.db.user=" + database.user(),
                    "nimo.db.password=" + (database.password() == null ? "" : database.password()),
                    "nimo.users-file=" + TestUsers.file(),
                    "nimo.data-dir=" + Files.createTempDirectory("nimo-test-data"),
                    "nimo.event-poll-interval=50ms",
                    "nimo.master-key=" + MASTER_KEY,
                    // many contexts share one server in a test JVM: small pools stay under its max_connections
                    "nimo.db.pool-size=6",
                    "nimo.db.min-idle=1",
                    "nimo.security.allow-plaintext-passwords=true",
                    // keep test output to what matters: Axon's and the embedded server's chatter is INFO
                    "logging.level.org.axonframework=WARN",
                    "logging.level.io.zonky=WARN");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
