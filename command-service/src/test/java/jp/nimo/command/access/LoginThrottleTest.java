package jp.nimo.command.access;

import io.micrometer.core.instrument.MeterRegistry;
import jp.nimo.command.CommandServiceApplication;
import jp.nimo.infra.test.MutableClock;
import jp.nimo.infra.test.RawHttp;
import jp.nimo.infra.test.RawHttp.Answer;
import jp.nimo.infra.test.TestDatabase;
import jp.nimo.infra.test.TestDatabaseInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static jp.nimo.infra.test.RawHttp.request;
import static jp.nimo.infra.test.TestUsers.ADMIN;
import static jp.nimo.infra.test.TestUsers.ANALYST;
import static jp.nimo.infra.test.TestUsers.AUDITOR;
import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static jp.nimo.infra.test.TestUsers.PASSWORD;
import static jp.nimo.infra.test.TestUsers.SETAGAYA_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing is slowed down per user name and per client address, on every node at once, and
 * nobody is locked out: two write-side nodes on a database of this class's own, behind a proxy that
 * names the client in X-Forwarded-For, with a clock the test moves and a password encoder that counts
 * how often a password is actually checked.
 */
class LoginThrottleTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    private static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static final List<ServletWebServerApplicationContext> nodes = new ArrayList<>();
    private static ServletWebServerApplicationContext nodeA;
    private static ServletWebServerApplicationContext nodeB;
    private static JdbcTemplate jdbc;

    /** The real encoder, counting the passwords it checks: a throttled attempt must cost no check. */
    static final class CountingEncoder implements PasswordEncoder {
        private final PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        final AtomicLong checks = new AtomicLong();

        @Override
        public String encode(CharSequence raw) {
            return real.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return real.matches(raw, encoded);
        }
    }

    @BeforeAll
    static void twoNodesOnOneDatabase() {
        TestDatabase database = TestDatabase.isolated();
        nodeA = start(database, "node-a");
        nodeB = start(database, "node-b");
        jdbc = nodeA.getBean(JdbcTemplate.class);
        // the first answer from a node fetches its OpenAPI document (a password check of its own) for the
        // contract check: done here, so that the checks counted in the tests are the logins' only
        for (ServletWebServerApplicationContext node : nodes) {
            assertThat(new RawHttp(node.getWebServer().getPort()).send(request("GET", "/actuator/health")).status()).isEqualTo(200);
        }
    }

    private static ServletWebServerApplicationContext start(TestDatabase database, String name) {
        ServletWebServerApplicationContext node = (ServletWebServerApplicationContext) new SpringApplicationBuilder(CommandServiceApplication.class)
                .initializers(TestDatabaseInitializer.on(database), context -> {
                    TestPropertyValues.of("server.port=0", "spring.application.name=nimo-command-service-" + name,
                            // the proxy in front names the client; Tomcat trusts it as it comes from the loopback
                            "server.forward-headers-strategy=native").applyTo(context);
                    context.getBeanFactory().registerSingleton("controlledClock", clock);
                    context.getBeanFactory().registerSingleton("passwordEncoder", new CountingEncoder());
                })
                .run();
        nodes.add(node);
        return node;
    }

    @AfterAll
    static void stop() {
        nodes.forEach(ServletWebServerApplicationContext::close);
    }

    private static Answer login(ServletWebServerApplicationContext node, String address, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new RawHttp(node.getWebServer().getPort()).send(request("GET", "/actuator/health")
                .header("X-Forwarded-For", address)
                .header("Authorization", "Basic " + credentials));
    }

    private static long checks(ServletWebServerApplicationContext node) {
        return ((CountingEncoder) node.getBean("passwordEncoder")).checks.get();
    }

    private static double throttled(ServletWebServerApplicationContext node, String key) {
        return node.getBean(MeterRegistry.class).counter("nimo.login.throttled", "key", key).count();
    }

    private static void assertThrottled(Answer answer, long retryAfterSeconds) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(429);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asText()).endsWith("/too-many-failed-logins");
        assertThat(answer.headers().get("retry-after")).isEqualTo(Long.toString(retryAfterSeconds));
    }

    private static Instant blockedUntil(String kind, String key) {
        return jdbc.queryForObject("SELECT blocked_until FROM login_throttle WHERE kind = ? AND login_key = ?",
                (row, n) -> row.getTimestamp(1).toInstant(), kind, key);
    }

    private static long rows(String kind, String key) {
        return jdbc.queryForObject("SELECT count(*) FROM login_throttle WHERE kind = ? AND login_key = ?", Long.class, kind, key);
    }

    @Test
    void sprayingUnknownNamesFromOneAddressIsSlowedAndNotEvenCheckedDuringTheWait() {
        String sprayer = "203.0.113.10";
        for (int i = 1; i <= 21; i++) {
            // twenty free failures; the 21st is still checked and starts a wait of one second
            assertThat(login(nodeA, sprayer, "guess-" + i + "@meguro", "Passw0rd!").status()).as("attempt " + i).isEqualTo(401);
        }
        assertThat(rows("name", "guess-1@meguro")).as("an unknown name's failure is counted too").isEqualTo(1);
        Instant until = blockedUntil("address", sprayer);
        assertThat(until).isEqualTo(clock.instant().plusSeconds(1));

        long checksBefore = checks(nodeA);
        double throttledBefore = throttled(nodeA, "address");
        assertThrottled(login(nodeA, sprayer, "guess-22@meguro", "Passw0rd!"), 1);
        // even the right password of a real user is not checked from this address during its wait
        assertThrottled(login(nodeA, sprayer, ADMIN, PASSWORD), 1);
        assertThat(checks(nodeA)).as("passwords checked during the wait").isEqualTo(checksBefore);
        assertThat(blockedUntil("address", sprayer)).as("attempts during the wait do not extend it").isEqualTo(until);
        assertThat(throttled(nodeA, "address")).isEqualTo(throttledBefore + 2);

        // the same user from elsewhere is not held up by this address
        assertThat(login(nodeA, "198.51.100.20", ADMIN, PASSWORD).status()).isEqualTo(200);

        // each further failure doubles the address's wait, up to ten minutes
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            clock.set(blockedUntil("address", sprayer));
            assertThat(login(nodeA, sprayer, "guess-" + (100 + i) + "@meguro", "Passw0rd!").status()).isEqualTo(401);
            waits.add(Long.parseLong(login(nodeA, sprayer, "guess-x@meguro", "Passw0rd!").headers().get("retry-after")));
        }
        assertThat(waits).containsExactly(2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 600L, 600L, 600L);
    }

    @Test
    void wrongPasswordsForARealNameSlowItDownAndTheUserStillGetsInAfterTheWait() {
        String guesser = "203.0.113.20";
        String realUser = "198.51.100.21";
        for (int i = 1; i <= 6; i++) {
            assertThat(login(nodeA, guesser, MEGURO_WORKER, "guess-" + i).status()).isEqualTo(401);
        }
        long checksBefore = checks(nodeA);
        double throttledBefore = throttled(nodeA, "name");
        // the real user, from another address, waits the name's second like the guesser, unchecked
        assertThrottled(login(nodeA, realUser, MEGURO_WORKER, PASSWORD), 1);
        // a form login for the name waits as well, and the form says so in words
        RawHttp raw = new RawHttp(nodeA.getWebServer().getPort());
        Answer form = raw.send(request("GET", "/login").header("X-Forwarded-For", realUser).header("Accept", "text/html"));
        String cookie = form.headers().get("set-cookie").split(";")[0];
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.text());
        assertThat(csrf.find()).isTrue();
        Answer held = raw.send(request("POST", "/login").header("X-Forwarded-For", realUser).header("Cookie", cookie)
                .body("application/x-www-form-urlencoded", ("username=" + MEGURO_WORKER + "&password=" + PASSWORD
                        + "&_csrf=" + java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        assertThat(held.status()).isEqualTo(302);
        assertThat(held.headers().get("location")).endsWith("/login?wait=1");
        Answer told = raw.send(request("GET", "/login?wait=1").header("Cookie", cookie).header("Accept", "text/html"));
        assertThat(told.text()).as(told.status() + " " + told.headers()).contains("1秒ほど待ってから");
        assertThat(checks(nodeA)).isEqualTo(checksBefore);
        assertThat(throttled(nodeA, "name")).isEqualTo(throttledBefore + 2);

        clock.advance(Duration.ofSeconds(1));
        assertThat(login(nodeA, realUser, MEGURO_WORKER, PASSWORD).status()).isEqualTo(200);
        assertThat(rows("name", MEGURO_WORKER)).as("a login resets its name's count").isZero();

        // so the name has its five free failures again
        for (int i = 1; i <= 5; i++) {
            assertThat(login(nodeA, guesser, MEGURO_WORKER, "again-" + i).status()).isEqualTo(401);
        }
        assertThat(login(nodeA, guesser, MEGURO_WORKER, "again-6").status()).isEqualTo(401);
        assertThrottled(login(nodeA, guesser, MEGURO_WORKER, "again-7"), 1);

        // however long the guessing goes on, the real user waits at most a minute
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clock.set(blockedUntil("name", MEGURO_WORKER));
            assertThat(login(nodeA, guesser, MEGURO_WORKER, "more-" + i).status()).isEqualTo(401);
            waits.add(Long.parseLong(login(nodeA, realUser, MEGURO_WORKER, PASSWORD).headers().get("retry-after")));
        }
        assertThat(waits).containsExactly(2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        clock.set(blockedUntil("name", MEGURO_WORKER));
        assertThat(login(nodeA, realUser, MEGURO_WORKER, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void failuresOnOneNodeSlowTheSameNameAndAddressOnTheOther() {
        for (int i = 1; i <= 6; i++) {
            assertThat(login(nodeA, "203.0.113.30", MEGURO_SECRETARIAT, "guess-" + i).status()).isEqualTo(401);
        }
        long checksBefore = checks(nodeB);
        assertThrottled(login(nodeB, "198.51.100.30", MEGURO_SECRETARIAT, PASSWORD), 1);

        for (int i = 1; i <= 21; i++) {
            assertThat(login(nodeA, "203.0.113.31", "spray-" + i, "guess").status()).isEqualTo(401);
        }
        assertThrottled(login(nodeB, "203.0.113.31", AUDITOR, PASSWORD), 1);
        assertThat(checks(nodeB)).isEqualTo(checksBefore);
        assertThat(throttled(nodeB, "name")).isPositive();
        assertThat(throttled(nodeB, "address")).isPositive();
    }

    @Test
    void aLoginDoesNotResetItsAddressCount() {
        String office = "203.0.113.40";
        for (int i = 1; i <= 19; i++) {
            assertThat(login(nodeA, office, "spray-office-" + i, "guess").status()).isEqualTo(401);
        }
        assertThat(login(nodeA, office, ANALYST, "typo").status()).isEqualTo(401);
        // a valid account at the same address must not give an attacker twenty more free guesses
        assertThat(login(nodeA, office, ANALYST, PASSWORD).status()).isEqualTo(200);
        assertThat(rows("name", ANALYST)).as("the login resets its name").isZero();
        assertThat(login(nodeA, office, "spray-office-21", "guess").status()).isEqualTo(401);
        assertThrottled(login(nodeA, office, ANALYST, PASSWORD), 1);
    }

    @Test
    void aCountIsForgottenAfterAQuietWindowAndItsRowIsDeleted() {
        String address = "203.0.113.50";
        for (int i = 1; i <= 6; i++) {
            assertThat(login(nodeA, address, SETAGAYA_WORKER, "guess-" + i).status()).isEqualTo(401);
        }
        assertThrottled(login(nodeA, address, SETAGAYA_WORKER, PASSWORD), 1);

        clock.advance(WINDOW.plusSeconds(1));
        // the next failure anywhere deletes the forgotten rows
        assertThat(login(nodeA, "203.0.113.51", "someone-else", "guess").status()).isEqualTo(401);
        assertThat(rows("name", SETAGAYA_WORKER)).isZero();
        assertThat(rows("address", address)).isZero();
        for (int i = 1; i <= 5; i++) {
            assertThat(login(nodeA, address, SETAGAYA_WORKER, "later-" + i).status()).as("free again").isEqualTo(401);
        }
        assertThat(login(nodeA, address, SETAGAYA_WORKER, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aFailedLoginThatCannotBeCountedIsStillA401() {
        jdbc.execute("CREATE FUNCTION login_throttle_broken() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'login_throttle is broken'; END $$");
        jdbc.execute("CREATE TRIGGER login_throttle_broken BEFORE INSERT OR UPDATE ON login_throttle"
                + " FOR EACH ROW EXECUTE FUNCTION login_throttle_broken()");
        try {
            Answer answer = login(nodeA, "203.0.113.60", "worker-tokyo", "guess");
            assertThat(answer.status()).as(answer.text()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        } finally {
            jdbc.execute("DROP TRIGGER login_throttle_broken ON login_throttle");
            jdbc.execute("DROP FUNCTION login_throttle_broken()");
        }
        assertThat(rows("address", "203.0.113.60")).isZero();
    }
}
