package jp.nimo.projection.bench;

import jp.nimo.command.CommandServiceApplication;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.TestDatabase;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.infra.workload.Workload;
import jp.nimo.reference.Areas;
import jp.nimo.projection.ProjectionServiceApplication;
import jp.nimo.projection.SessionClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
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
 * <p>All on a database of its own that commits durably, as {@code ./nimo run}'s does, with each service in a
 * JVM of its own ({@link ServiceProcess}).
 * <ul>
 *   <li>ingest over HTTP: recording a case event through HTTP, Axon and the event store (1 client, and 8 with
 *       tokens), against a plain single-row insert and commit into a table of the event table's shape;</li>
 *   <li>detection latency: the 50th and 99th percentile, under the load of ingest over HTTP with 8 clients, from
 *       the signal that crosses a rule's threshold being answered to the new candidate on the board
 *       ({@link DetectionProbe});</li>
 *   <li>bulk ingest: a synthetic Tokyo through {@code POST /api/import}, against COPY of as many rows;</li>
 *   <li>rebuild: every rebuildable projection replayed from the store at once, asked for through the read side's
 *       admin API ({@link ReadSideAdmin}), against an ordered read of the event table;</li>
 *   <li>queries: the 95th percentile of the board, a case timeline and the indicators over what the run stored;</li>
 *   <li>the peak heap of each service, from its GC log;</li>
 *   <li>authentication: the median latency of a cheap authenticated GET with a personal access token,
 *       with a session and with HTTP Basic (bcrypt, cost 10, as a real users file holds), against the
 *       unauthenticated health check, the requests of the four kinds taking turns.</li>
 * </ul>
 * The users are the tests' users with their passwords hashed with bcrypt, and programs use tokens, as
 * the README advises. Arguments: the events each HTTP benchmark records (default 2000), the cases of the
 * imported Tokyo (default 2000) and the candidates the detection probe times (default 60, at most 124: each
 * takes over a second, and the run should stay well inside ten minutes; below 100 the p99 is the slowest).
 * Each run's figures are appended to {@code bench/results.md}.
 *
 * <p>{@code --stored N} (with {@code --stored-first M}, default a tenth of N) runs the large-store measurement
 * instead: the HTTP ingest at about M and at N events stored and their ratio ({@code RATIO ingest_1m_vs_100k} for
 * a million), how long the fill and the processors' catch-up took, the dead letters after it, the queries and the
 * peak heaps at N ({@link #measureAtScale}). The first argument still sets the events each ingest round records.
 */
public final class Benchmarks {

    private static final int CASES = 50;
    /** Events recorded before the HTTP ingest is measured, unmeasured. */
    private static final int WARM_UP_EVENTS = 1000;

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

    private static void run(String[] arguments) throws Exception {
        List<String> args = new ArrayList<>();
        long stored = 0;
        long storedFirst = 0;
        for (int i = 0; i < arguments.length; i++) {
            switch (arguments[i]) {
                case "--stored" -> stored = Long.parseLong(arguments[++i]);
                case "--stored-first" -> storedFirst = Long.parseLong(arguments[++i]);
                default -> args.add(arguments[i]);
            }
        }
        int events = args.size() > 0 ? Integer.parseInt(args.get(0)) : 2000;
        int importCases = args.size() > 1 ? Integer.parseInt(args.get(1)) : 2000;
        int detectionSamples = args.size() > 2 ? Integer.parseInt(args.get(2)) : 60;
        Scale scale = stored > 0 ? new Scale(storedFirst > 0 ? storedFirst : stored / 10, stored) : null;
        List<String> results = new ArrayList<>();
        Path directory = Files.createTempDirectory("nimo-bench");
        try (TestDatabase.OwnServer server = TestDatabase.durable()) {
            TestDatabase database = server.database();
            List<String> settings = settings(database, directory);
            ServiceProcess write = ServiceProcess.start("command-service", CommandServiceApplication.class, directory,
                    with(settings, "nimo.data-dir=" + Files.createDirectory(directory.resolve("write-data"))));
            ServiceProcess read = null;
            try {
                read = ServiceProcess.start("projection-service", ProjectionServiceApplication.class, directory,
                        with(settings, "nimo.data-dir=" + Files.createDirectory(directory.resolve("read-data")),
                                "nimo.write-url=http://127.0.0.1:" + write.port()));
                if (scale == null) {
                    measure(database, write.port(), read.port(), events, importCases, detectionSamples, results);
                } else {
                    measureAtScale(database, masterKey(settings), write.port(), read.port(), events, scale, results);
                }
            } finally {
                if (read != null) {
                    read.close();
                }
                write.close();
            }
            bench(results, "peak_heap_command_service", write.peakHeapMegabytes(), "MB");
            bench(results, "peak_heap_projection_service", read.peakHeapMegabytes(), "MB");
        } catch (Exception e) {
            System.err.println("The services' logs are kept in " + directory);
            throw e;
        }
        delete(directory);
        record(results, scale == null ? events + " HTTP events, " + importCases + " imported cases"
                : events + " HTTP events at " + scale.first() + " and at " + scale.stored() + " events stored");
    }

    /** The two sizes of the store the large-store run measures at: the ingest at both, the queries at the larger. */
    private record Scale(long first, long stored) {
    }

    private static String masterKey(List<String> settings) {
        return settings.stream().filter(s -> s.startsWith("nimo.master-key=")).findFirst().orElseThrow()
                .substring("nimo.master-key=".length());
    }

    /**
     * What both services are started with: the database, the users file with bcrypt hashes and one master key.
     * Everything else is as {@code ./nimo run} has it (no test settings: the event store is polled every 100 ms,
     * as in production).
     */
    private static List<String> settings(TestDatabase database, Path directory) throws Exception {
        byte[] masterKey = new byte[32];
        new java.security.SecureRandom().nextBytes(masterKey);
        return List.of("nimo.db.url=" + database.url(), "nimo.db.user=" + database.user(),
                "nimo.db.password=" + (database.password() == null ? "" : database.password()),
                "nimo.users-file=" + bcryptUsers(directory),
                "nimo.master-key=" + Base64.getEncoder().encodeToString(masterKey));
    }

    private static List<String> with(List<String> settings, String... more) {
        List<String> all = new ArrayList<>(settings);
        all.addAll(List.of(more));
        return all;
    }

    private static void measure(TestDatabase database, int writePort, int readPort, int events, int importCases,
                                int detectionSamples, List<String> results) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), ""));
        Http http = new Http(writePort);
        String token = http.post(TestUsers.MEGURO_WORKER, "/api/tokens", "{\"name\":\"benchmark\"}").field("token");
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(http.postWithToken(token, "/api/cases", "{\"municipality\":\"13110\"}").field("caseId"));
        }

        // a service just started compiles its hot paths and fills its connection pool while it serves: warm
        // the write path up (on cases of its own) before it is measured, as a service that has run a while is
        List<String> warmUpCases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            warmUpCases.add(http.postWithToken(token, "/api/cases", "{\"municipality\":\"13110\"}").field("caseId"));
        }
        recordEvents(http, token, warmUpCases, WARM_UP_EVENTS, 8);

        authentication(readPort, token, results);

        double insert1 = plainInserts(database, events, 1);
        double record1 = recordEvents(http, token, cases, events, 1);
        double insert8 = plainInserts(database, events, 8);
        double record8 = recordEvents(http, token, cases, events, 8);
        bench(results, "plain_insert_commit_1_client", insert1, "rows/s");
        bench(results, "record_case_event_http_1_client", record1, "events/s");
        ratio(results, "record_case_event_vs_plain_commit_1_client", record1 / insert1);
        bench(results, "raw_insert_8_connections", insert8, "rows/s");
        bench(results, "ingest_http", record8, "events/s");
        ratio(results, "ingest_http_vs_raw_insert", record8 / insert8);

        detection(http, readPort, token, cases, detectionSamples, results);

        Bulk bulk = importWorkload(writePort, importCases);
        double copy = copyRows(database, bulk.events());
        bench(results, "raw_copy", copy, "rows/s");
        bench(results, "ingest_bulk", bulk.events() / bulk.seconds(), "events/s");
        ratio(results, "ingest_bulk_vs_copy", bulk.events() / bulk.seconds() / copy);

        long total = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        String admin = http.post(TestUsers.ADMIN, "/api/tokens", "{\"name\":\"benchmark\"}").field("token");
        ReadSideAdmin projections = new ReadSideAdmin(new Http(readPort), admin, jdbc);
        List<String> processors = projections.rebuildable();
        projections.awaitCaughtUp(processors);
        double scan = scanEventTable(database);
        double rebuild = projections.rebuildAll(processors, total);
        bench(results, "raw_read", scan, "events/s");
        bench(results, "rebuild", rebuild, "events/s");
        ratio(results, "rebuild_vs_raw_read", rebuild / scan);

        queries(readPort, http, bulk, total, results);
    }

    /**
     * The large-store run: a synthetic Tokyo imported until the store holds about {@code scale.first()} events,
     * the HTTP ingest measured there; the store filled to {@code scale.stored()} with copies of the imported cases
     * ({@link CaseCopies}) and every processor caught up; the HTTP ingest measured again with the same clients
     * and work, then the pages' queries. The import alone would take about 13 minutes a million events here.
     */
    private static void measureAtScale(TestDatabase database, String masterKey, int writePort, int readPort, int events,
                                       Scale scale, List<String> results) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(), ""));
        Http http = new Http(writePort);
        String token = http.post(TestUsers.MEGURO_WORKER, "/api/tokens", "{\"name\":\"benchmark\"}").field("token");
        String admin = http.post(TestUsers.ADMIN, "/api/tokens", "{\"name\":\"benchmark\"}").field("token");
        ReadSideAdmin processors = new ReadSideAdmin(new Http(readPort), admin, jdbc);
        recordEvents(http, token, openCases(http, token), WARM_UP_EVENTS, 8);

        Bulk bulk = importWorkload(writePort, casesFor(scale.first() - storedEvents(jdbc)));
        bench(results, "ingest_bulk", bulk.events() / bulk.seconds(), "events/s");
        long start = System.nanoTime();
        processors.awaitEveryProcessorCaughtUp();
        bench(results, "catch_up_after_import_seconds", seconds(start), "s");
        long first = storedEvents(jdbc);
        double ingestFirst = ingestRounds(http, token, events);
        bench(results, "events_stored_first", first, "events");
        bench(results, "ingest_http_at_" + size(scale.first()), ingestFirst, "events/s");

        start = System.nanoTime();
        CaseCopies.Filled filled = new CaseCopies(() -> connect(database), jdbc, masterKey).fill(bulk.caseIds(), scale.stored());
        double fillSeconds = seconds(start);
        List<String> copies = filled.cases();
        bench(results, "fill_copied_cases", copies.size(), "cases");
        bench(results, "fill_seconds", fillSeconds, "s");
        bench(results, "fill", filled.events() / fillSeconds, "events/s");
        start = System.nanoTime();
        processors.awaitEveryProcessorCaughtUp();
        bench(results, "catch_up_after_fill_seconds", seconds(start), "s");
        long deadLetters = processors.deadLetters();
        bench(results, "dead_letters", deadLetters, "count");
        if (deadLetters != 0) {
            throw new IllegalStateException(deadLetters + " events of the copies went to the dead-letter queue");
        }
        double ingestStored = ingestRounds(http, token, events);
        bench(results, "ingest_http_at_" + size(scale.stored()), ingestStored, "events/s");
        ratio(results, "ingest_" + size(scale.stored()) + "_vs_" + size(scale.first()), ingestStored / ingestFirst);

        processors.awaitEveryProcessorCaughtUp();
        List<String> cases = new ArrayList<>(bulk.caseIds());
        cases.addAll(copies);
        java.util.Collections.shuffle(cases, new java.util.Random(1));
        queries(readPort, http, new Bulk(bulk.events(), bulk.seconds(), cases), storedEvents(jdbc), results);
    }

    /**
     * The median rate of three rounds of the HTTP ingest with 8 clients, each on fresh cases: a build that shares
     * the machine for part of one round moves the median less than a single figure.
     */
    private static double ingestRounds(Http http, String token, int events) throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            rates.add(recordEvents(http, token, openCases(http, token), events, 8));
        }
        return rates.stream().sorted().toList().get(1);
    }

    /** Fresh cases for a measured ingest, so that both measurements load aggregates of the same length. */
    private static List<String> openCases(Http http, String token) {
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(http.postWithToken(token, "/api/cases", "{\"municipality\":\"13110\"}").field("caseId"));
        }
        return cases;
    }

    /** How many cases of the synthetic Tokyo store about that many events (its lines and the cases they open). */
    private static int casesFor(long events) {
        int sample = 1000;
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
        List<Workload.Line> lines = Workload.shipped(Areas.load()).lines(new Workload.Settings(1, "13", sample,
                today.minusYears(3), today.minusDays(1))).toList();
        long opened = lines.stream().map(Workload.Line::caseRef).distinct().count();
        return (int) Math.max(1, Math.ceil(events * (double) sample / (lines.size() + opened)));
    }

    private static long storedEvents(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    /** A size as the figures' names give it: 100k, 1m. */
    private static String size(long events) {
        return events >= 1_000_000 && events % 1_000_000 == 0 ? events / 1_000_000 + "m"
                : events >= 1000 && events % 1000 == 0 ? events / 1000 + "k" : Long.toString(events);
    }

    /**
     * Detection latency under the load of {@code ingest_http}: from the signal that crosses a rule's threshold
     * being answered until the candidate is on the board, over {@code samples} new candidates.
     */
    private static void detection(Http write, int readPort, String loadToken, List<String> loadCases, int samples,
                                  List<String> results) throws Exception {
        String worker = write.post(TestUsers.TOKYO_WORKER, "/api/tokens", "{\"name\":\"benchmark\"}").field("token");
        String analyst = write.post(TestUsers.ANALYST, "/api/tokens", "{\"name\":\"benchmark\"}").field("token");
        DetectionProbe.Result probed = new DetectionProbe(write, readPort, worker, analyst).underLoad(samples, loadToken, loadCases);
        List<Double> sorted = probed.latenciesMillis().stream().sorted().toList();
        bench(results, "detection_latency_samples", sorted.size(), "count");
        bench(results, "detection_latency_p50_ms", percentile(sorted, 0.50), "ms");
        bench(results, "detection_latency_p99_ms", percentile(sorted, 0.99), "ms");
        bench(results, "detection_latency_max_ms", sorted.get(sorted.size() - 1), "ms");
        bench(results, "ingest_http_during_detection", probed.loadEventsPerSecond(), "events/s");
    }

    /** The nearest-rank percentile of sorted values. */
    private static double percentile(List<Double> sorted, double fraction) {
        return sorted.get((int) Math.ceil(sorted.size() * fraction) - 1);
    }

    /** The tests' users with their password hashed as a real users file holds it (bcrypt, cost 10). */
    private static Path bcryptUsers(Path directory) throws Exception {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(10).encode(TestUsers.PASSWORD);
        Path file = directory.resolve("users.yaml");
        Files.writeString(file, Files.readString(TestUsers.file()).replace("{noop}" + TestUsers.PASSWORD, hash));
        return file;
    }

    /**
     * What authentication costs per request: the same cheap GET of the read side with a token, a session
     * and Basic, in turns with the health check, so that all four see the same machine at the same time.
     */
    private static void authentication(int port, String token, List<String> results) throws Exception {
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
        bench(results, "auth_health_median", healthMs, "ms");
        bench(results, "auth_token_median", median(tokenNanos), "ms");
        bench(results, "auth_session_median", median(sessionNanos), "ms");
        bench(results, "auth_basic_bcrypt_median", median(basicNanos), "ms");
        ratio(results, "auth_token_vs_health", median(tokenNanos) / healthMs);
        ratio(results, "auth_session_vs_health", median(sessionNanos) / healthMs);
        ratio(results, "auth_basic_bcrypt_vs_health", median(basicNanos) / healthMs);
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
                recordOutreachVisit(http, token, cases.get(n % cases.size()));
            }
        });
    }

    /**
     * An outreach visit is no signal: the write path is measured, not detection's work on top of it. The answer's
     * status is all the load generator reads, so that its own work takes as little of the machine as it can.
     */
    static void recordOutreachVisit(Http http, String token, String caseId) {
        int status = http.postWithTokenForStatus(token, "/api/cases/" + caseId + "/events",
                "{\"kind\":\"OutreachVisitConducted\",\"occurredOn\":\"2024-05-01\","
                        + "\"visitorProfessions\":[\"PUBLIC_HEALTH_NURSE\"],\"contactMade\":true}");
        if (status != 201 && status != 409) {
            throw new IllegalStateException("recording failed with " + status);
        }
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

    /** What a bulk import stored and how long it took. */
    private record Bulk(long events, double seconds, List<String> caseIds) {
    }

    /**
     * Imports a synthetic Tokyo of {@code cases} cases in one NDJSON body, as the prefecture's mental health
     * centre; the events it stores are its lines and the cases it opens.
     */
    private static Bulk importWorkload(int writePort, int cases) throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
        java.io.StringWriter body = new java.io.StringWriter();
        Workload.shipped(Areas.load()).writeNdjson(new Workload.Settings(1, "13", cases, today.minusYears(3),
                today.minusDays(1)), body);
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (TestUsers.TOKYO_WORKER + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + writePort + "/api/import"))
                .header("Content-Type", "application/x-ndjson").header("Authorization", basic)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        long start = System.nanoTime();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        double seconds = seconds(start);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the import was answered " + answer.statusCode() + ": " + answer.body());
        }
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
        if (report.get("rejectedCount").asLong() != 0) {
            throw new IllegalStateException("the import rejected lines: " + report.get("rejected"));
        }
        List<String> caseIds = new ArrayList<>();
        report.get("cases").forEach(id -> caseIds.add(id.asText()));
        return new Bulk(report.get("accepted").asLong() + caseIds.size(), seconds, caseIds);
    }

    /** COPY of as many rows into a copy of the event table with its indexes, in one durable transaction. */
    private static double copyRows(TestDatabase database, long rows) throws Exception {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_copy");
            s.execute("CREATE TABLE bench_copy (LIKE domainevententry INCLUDING INDEXES)");
            s.execute("ALTER TABLE bench_copy ALTER COLUMN globalindex ADD GENERATED ALWAYS AS IDENTITY");
            String payload = "\\x" + java.util.HexFormat.of().formatHex(("{\"caseId\":\"6f1c2d9e-8a47-4e0b-9d61-2b7f3c5a1e00\","
                    + "\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"fields\":{\"reason\":\"PREJUDICE\"}}")
                    .getBytes(StandardCharsets.UTF_8));
            StringBuilder text = new StringBuilder();
            for (long n = 0; n < rows; n++) {
                text.append("bench-").append(n / 4).append('\t').append(n % 4).append("\tSupportCase\t")
                        .append(java.util.UUID.randomUUID()).append('\t').append(payload)
                        .append("\tbench\t2024-05-01T00:00:00Z\n");
            }
            org.postgresql.copy.CopyManager copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            long start = System.nanoTime();
            copy.copyIn("COPY bench_copy (aggregateidentifier, sequencenumber, type, eventidentifier, payload, payloadtype,"
                    + " timestamp) FROM STDIN", new java.io.StringReader(text.toString()));
            return rows / seconds(start);
        }
    }

    /** The 95th percentile of the pages' main queries over what the run stored, each asked 200 times after 20. */
    private static void queries(int readPort, Http write, Bulk bulk, long stored, List<String> results) throws Exception {
        String analyst = write.post(TestUsers.ANALYST, "/api/tokens", "{\"name\":\"benchmark\"}").field("token");
        String worker = write.post(TestUsers.TOKYO_WORKER, "/api/tokens", "{\"name\":\"benchmark\"}").field("token");
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://localhost:" + readPort;
        bench(results, "events_stored", stored, "events");
        bench(results, "board_query_p95_ms", p95(client, i -> get(base + "/api/issues", analyst)), "ms");
        bench(results, "timeline_query_p95_ms", p95(client, i -> get(base + "/api/cases/"
                + bulk.caseIds().get(i % bulk.caseIds().size()) + "/timeline", worker)), "ms");
        bench(results, "indicators_query_p95_ms", p95(client, i -> get(base + "/api/indicators?municipality="
                + (13101 + i % 23) + "&fiscalYear=2024", analyst)), "ms");
    }

    private static HttpRequest get(String uri, String token) {
        return HttpRequest.newBuilder(URI.create(uri)).header("Authorization", "Bearer " + token).build();
    }

    private static double p95(HttpClient client, java.util.function.IntFunction<HttpRequest> request) throws Exception {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < 220; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = client.send(request.apply(i), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(request.apply(i).uri() + " was answered " + answer.statusCode());
            }
            if (i >= 20) {
                nanos.add(System.nanoTime() - start);
            }
        }
        java.util.Collections.sort(nanos);
        return nanos.get((int) Math.ceil(nanos.size() * 0.95) - 1) / 1e6;
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

    private static void delete(Path directory) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void bench(List<String> results, String name, double value, String unit) {
        String line = String.format(java.util.Locale.ROOT, "BENCH %s %.1f %s", name, value, unit);
        System.out.println(line);
        results.add(line);
    }

    private static void ratio(List<String> results, String name, double value) {
        String line = String.format(java.util.Locale.ROOT, "RATIO %s %.3f", name, value);
        System.out.println(line);
        results.add(line);
    }

    /** Appends the run's figures, with its date, sizes and machine, to bench/results.md (when run from the project). */
    private static void record(List<String> results, String sizes) throws Exception {
        Path file = Path.of("bench", "results.md");
        if (!Files.isDirectory(file.getParent())) {
            return;
        }
        String machine = Runtime.getRuntime().availableProcessors() + " cores, each service a JVM with -Xmx"
                + ServiceProcess.HEAP_LIMIT + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
        StringBuilder entry = new StringBuilder("\n## " + java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                .truncatedTo(java.time.temporal.ChronoUnit.MINUTES) + " (" + sizes + "; " + machine + ")\n\n```\n");
        results.forEach(line -> entry.append(line).append('\n'));
        entry.append("```\n");
        Files.writeString(file, entry, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }
}
