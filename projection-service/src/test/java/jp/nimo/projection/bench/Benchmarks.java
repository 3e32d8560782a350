package jp.nimo.projection.bench;

import jp.nimo.command.CommandServiceApplication;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.TestDatabase;
import jp.nimo.infra.test.TestDatabaseInitializer;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.projection.ProjectionServiceApplication;
import jp.nimo.projection.SessionClient;
import jp.nimo.projection.timeline.CaseTimelineProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Base64;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmarks of {@code ./nimo bench}: each Nimo path measured side by side with PostgreSQL's own
 * rate for the same work on the same machine in the same run, and printed as
 * {@code BENCH <name> <value> <unit>} and {@code RATIO <name> <value>} lines. Absolute figures on a
 * shared machine are noise; the ratios are the result.
 *
 * <ul>
 *   <li>write path: recording a case event through HTTP, Axon and the event store, against a plain
 *       single-row insert and commit into a table of the event table's shape (1 and 4 clients);</li>
 *   <li>rebuild: replaying the case timeline from the event store, against reading the event table;</li>
 *   <li>authentication: the median latency of a cheap authenticated GET with a personal access token,
 *       with a session and with HTTP Basic (bcrypt, cost 10, as a real users file holds), against the
 *       unauthenticated health check, the requests of the four kinds taking turns.</li>
 * </ul>
 * The users are the tests' users with their passwords hashed with bcrypt, and programs use tokens, as
 * the README advises.
 */
public final class Benchmarks {

    private static final int CASES = 50;

    private Benchmarks() {
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        System.setProperty("axoniq.update-checker.disabled", "true");
        TestDatabase database = TestDatabase.isolated();
        Path users = bcryptUsers();
        ServletWebServerApplicationContext write = start(CommandServiceApplication.class, database, users);
        ServletWebServerApplicationContext read = start(ProjectionServiceApplication.class, database, users);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(),
                database.password() == null ? "" : database.password()));
        try {
            Http http = new Http(write.getWebServer().getPort());
            String token = http.post(TestUsers.MEGURO_WORKER, "/api/tokens", "{\"name\":\"benchmark\"}").field("token");
            List<String> cases = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                cases.add(http.postWithToken(token, "/api/cases", "{\"municipality\":\"13110\"}").field("caseId"));
            }

            authentication(read.getWebServer().getPort(), token);

            double insert1 = plainInserts(database, events, 1);
            double record1 = recordEvents(http, token, cases, events, 1);
            double insert4 = plainInserts(database, events, 4);
            double record4 = recordEvents(http, token, cases, events, 4);
            bench("plain_insert_commit_1_client", insert1, "rows/s");
            bench("record_case_event_http_1_client", record1, "events/s");
            ratio("record_case_event_vs_plain_commit_1_client", record1 / insert1);
            bench("plain_insert_commit_4_clients", insert4, "rows/s");
            bench("record_case_event_http_4_clients", record4, "events/s");
            ratio("record_case_event_vs_plain_commit_4_clients", record4 / insert4);

            long total = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
            long timelineRows = waitForTimeline(jdbc, -1);
            double scan = scanEventTable(database);
            double rebuild = rebuildTimeline(read, jdbc, timelineRows, total);
            bench("event_table_scan", scan, "events/s");
            bench("case_timeline_rebuild", rebuild, "events/s");
            ratio("case_timeline_rebuild_vs_event_table_scan", rebuild / scan);
        } finally {
            read.close();
            write.close();
        }
    }

    private static ServletWebServerApplicationContext start(Class<?> application, TestDatabase database, Path users) {
        return (ServletWebServerApplicationContext) new SpringApplicationBuilder(application)
                .initializers(TestDatabaseInitializer.on(database),
                        context -> TestPropertyValues.of("nimo.users-file=" + users).applyTo(context))
                .run("--server.port=0", "--logging.level.root=WARN");
    }

    /** The tests' users with their password hashed as a real users file holds it (bcrypt, cost 10). */
    private static Path bcryptUsers() throws Exception {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(10).encode(TestUsers.PASSWORD);
        Path file = Files.createTempFile("nimo-bench-users", ".yaml");
        file.toFile().deleteOnExit();
        Files.writeString(file, Files.readString(TestUsers.file()).replace("{noop}" + TestUsers.PASSWORD, hash));
        return file;
    }

    /**
     * What authentication costs per request: the same cheap GET of the read side with a token, a session
     * and Basic, in turns with the health check, so that all four see the same machine at the same time.
     */
    private static void authentication(int port, String token) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        SessionClient browser = new SessionClient(port);
        if (browser.login(TestUsers.MEGURO_WORKER, TestUsers.PASSWORD).statusCode() != 302) {
            throw new IllegalStateException("the benchmark's session login failed");
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (TestUsers.MEGURO_WORKER + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
        URI cheap = URI.create("http://localhost:" + port + "/api/reference/regions");
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build();
        HttpRequest withToken = HttpRequest.newBuilder(cheap).header("Authorization", "Bearer " + token).build();
        HttpRequest withBasic = HttpRequest.newBuilder(cheap).header("Authorization", basic).build();
        int rounds = 600;
        int warmUp = 100;
        List<Long> healthNanos = new ArrayList<>();
        List<Long> tokenNanos = new ArrayList<>();
        List<Long> sessionNanos = new ArrayList<>();
        List<Long> basicNanos = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            boolean kept = round >= warmUp;
            timedRequest(kept ? healthNanos : null, () -> client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode());
            timedRequest(kept ? tokenNanos : null, () -> client.send(withToken, HttpResponse.BodyHandlers.ofString()).statusCode());
            timedRequest(kept ? sessionNanos : null, () -> browser.send(HttpRequest.newBuilder(cheap).GET()).statusCode());
            if (round % 5 == 0) {
                // a bcrypt check per request is slow enough that a fifth of the rounds tell its median
                timedRequest(kept ? basicNanos : null, () -> client.send(withBasic, HttpResponse.BodyHandlers.ofString()).statusCode());
            }
        }
        double healthMs = median(healthNanos);
        bench("auth_health_median", healthMs, "ms");
        bench("auth_token_median", median(tokenNanos), "ms");
        bench("auth_session_median", median(sessionNanos), "ms");
        bench("auth_basic_bcrypt_median", median(basicNanos), "ms");
        ratio("auth_token_vs_health", median(tokenNanos) / healthMs);
        ratio("auth_session_vs_health", median(sessionNanos) / healthMs);
        ratio("auth_basic_bcrypt_vs_health", median(basicNanos) / healthMs);
    }

    private interface Request {
        int status() throws Exception;
    }

    private static void timedRequest(List<Long> into, Request request) throws Exception {
        long start = System.nanoTime();
        int status = request.status();
        long took = System.nanoTime() - start;
        if (status != 200) {
            throw new IllegalStateException("an authentication benchmark request was answered " + status);
        }
        if (into != null) {
            into.add(took);
        }
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        java.util.Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }

    /** Single-row inserts, each in its own transaction, into a copy of the event table with its indexes. */
    private static double plainInserts(TestDatabase database, int rows, int clients) throws Exception {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_plain_insert");
            s.execute("CREATE TABLE bench_plain_insert (LIKE domainevententry INCLUDING INDEXES)");
            s.execute("ALTER TABLE bench_plain_insert ALTER COLUMN globalindex ADD GENERATED ALWAYS AS IDENTITY");
        }
        byte[] payload = ("{\"caseId\":\"6f1c2d9e-8a47-4e0b-9d61-2b7f3c5a1e00\",\"kind\":\"SupportRefused\","
                + "\"occurredOn\":\"2024-05-01\",\"fields\":{\"refusedService\":\"VISIT\"}}").getBytes();
        return timed(rows, clients, (client, i) -> {
            try (Connection c = connect(database); PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO bench_plain_insert (aggregateidentifier, sequencenumber, type, eventidentifier, payload,"
                            + " payloadtype, timestamp) VALUES (?, ?, 'SupportCase', ?, ?, 'bench', '2024-05-01T00:00:00Z')")) {
                for (int n = i; n < rows; n += clients) {
                    insert.setString(1, "bench-" + client);
                    insert.setLong(2, n);
                    insert.setString(3, java.util.UUID.randomUUID().toString());
                    insert.setBytes(4, payload);
                    insert.executeUpdate();
                }
            }
        });
    }

    private static double recordEvents(Http http, String token, List<String> cases, int events, int clients) throws Exception {
        return timed(events, clients, (client, i) -> {
            for (int n = i; n < events; n += clients) {
                String caseId = cases.get(n % cases.size());
                // an outreach visit is no signal: this measures the write path, not detection's work on top of it
                int status = http.postWithToken(token, "/api/cases/" + caseId + "/events",
                        "{\"kind\":\"OutreachVisitConducted\",\"occurredOn\":\"2024-05-01\","
                                + "\"visitorProfessions\":[\"PUBLIC_HEALTH_NURSE\"],\"contactMade\":true}").status();
                if (status != 201 && status != 409) {
                    throw new IllegalStateException("recording failed with " + status);
                }
            }
        });
    }

    /** Reads every stored event's row in order, as a replay must. */
    private static double scanEventTable(TestDatabase database) throws Exception {
        try (Connection c = connect(database)) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            long rows = 0;
            try (Statement s = c.createStatement()) {
                s.setFetchSize(1000);
                try (ResultSet r = s.executeQuery("SELECT globalindex, eventidentifier, aggregateidentifier, sequencenumber,"
                        + " payloadtype, payload, metadata, timestamp FROM domainevententry ORDER BY globalindex")) {
                    while (r.next()) {
                        r.getBytes("payload");
                        rows++;
                    }
                }
            }
            return rows / seconds(start);
        }
    }

    private static double rebuildTimeline(ServletWebServerApplicationContext read, JdbcTemplate jdbc, long rows, long events) {
        StreamingEventProcessor processor = read.getBean(EventProcessingConfiguration.class)
                .eventProcessor(CaseTimelineProjection.NAME, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        long start = System.nanoTime();
        processor.start();
        waitForTimeline(jdbc, rows);
        return events / seconds(start);
    }

    /** Waits until the timeline holds {@code rows} rows (or, with -1, stops growing after the write load). */
    private static long waitForTimeline(JdbcTemplate jdbc, long rows) {
        long expected = rows >= 0 ? rows : jdbc.queryForObject("SELECT count(*) FROM domainevententry"
                + " WHERE aggregateidentifier IN (SELECT case_id FROM case_file)", Long.class);
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            long now = jdbc.queryForObject("SELECT count(*) FROM case_timeline_entry", Long.class);
            if (now >= expected && expected > 0) {
                return now;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // poll without burning a core the replay needs
        }
        throw new IllegalStateException("the case timeline did not catch up");
    }

    private interface Work {
        void run(int client, int first) throws Exception;
    }

    private static double timed(int operations, int clients, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int id = client;
                done.add(pool.submit(() -> {
                    work.run(id, id);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return operations / seconds(start);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Connection connect(TestDatabase database) throws Exception {
        return java.sql.DriverManager.getConnection(database.url(), database.user(),
                database.password() == null ? "" : database.password());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void bench(String name, double value, String unit) {
        System.out.printf("BENCH %s %.1f %s%n", name, value, unit);
    }

    private static void ratio(String name, double value) {
        System.out.printf("RATIO %s %.3f%n", name, value);
    }
}
