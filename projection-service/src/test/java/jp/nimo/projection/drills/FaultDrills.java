package jp.nimo.projection.drills;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The fault drills of {@code ./nimo drills}: Nimo started as an operator starts it ({@code ./nimo run}, the
 * durable embedded PostgreSQL, both services), then faults injected while keyed requests flow — PostgreSQL
 * killed, the write side killed, the database frozen, the read side killed — and after each the promises
 * checked: every event answered 201 is in the store exactly once, a retried key is answered as the first
 * time, the read side catches up and agrees with the store, and nothing needed a hand. Prints a line per
 * drill and {@code drills: N passed, M failed}; exits non-zero if any failed.
 */
public final class FaultDrills {

    private static final String WORKER = "worker-meguro";
    private static final String ADMIN = "admin";
    private static final int CLIENTS = 4;
    private static final int EVENTS_PER_CASE = 30;
    private static final Duration RECOVERY = Duration.ofMinutes(3);
    /** How long a request may take to be refused while the database is frozen: the pool's wait plus margin. */
    private static final Duration PROMPT_REFUSAL = Duration.ofSeconds(10);

    private final RunningNimo nimo;
    private final NimoClient write;
    private final NimoClient read;
    private final String workerPassword;
    private final String adminPassword;
    /** Every case a drill recorded on, with the event ids answered for it: the read side must hold them all. */
    private final Map<String, Set<String>> recorded = new LinkedHashMap<>();

    private FaultDrills(RunningNimo nimo) throws Exception {
        this.nimo = nimo;
        this.write = new NimoClient(nimo.writePort);
        this.read = new NimoClient(nimo.readPort);
        this.workerPassword = nimo.password(WORKER);
        this.adminPassword = nimo.password(ADMIN);
    }

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int passed = 0;
        int failed = 0;
        try (RunningNimo nimo = RunningNimo.start(root)) {
            FaultDrills drills = new FaultDrills(nimo);
            Map<String, Drill> all = new LinkedHashMap<>();
            all.put("the launcher's database commits durably", drills::durableSettings);
            all.put("PostgreSQL killed mid-load", drills::postgresKilled);
            all.put("the write side killed mid-load, clients retrying", drills::writeSideKilled);
            all.put("the database frozen, then thawed", drills::databaseFrozen);
            all.put("the read side killed", drills::readSideKilled);
            all.put("backup while running, restore into an empty database", drills::backupAndRestore);
            for (Map.Entry<String, Drill> drill : all.entrySet()) {
                System.out.println("drill: " + drill.getKey());
                try {
                    drill.getValue().run();
                    System.out.println("drill passed: " + drill.getKey());
                    passed++;
                } catch (Exception | AssertionError e) {
                    System.out.println("drill FAILED: " + drill.getKey() + ": " + e.getMessage());
                    if (!(e instanceof DrillFailure)) {
                        e.printStackTrace(System.out);
                    }
                    failed++;
                }
            }
        } catch (Exception e) {
            System.out.println("the drills could not run: " + e);
            e.printStackTrace(System.out);
            failed++;
        }
        System.out.println("drills: " + passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    @FunctionalInterface
    private interface Drill {
        void run() throws Exception;
    }

    // ---- the drills

    private void durableSettings() throws Exception {
        try (Connection connection = nimo.database(); Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet value = statement.executeQuery("SHOW " + setting)) {
                    value.next();
                    expect("on".equals(value.getString(1)), setting + " is " + value.getString(1) + ", not on");
                }
            }
        }
    }

    private void postgresKilled() throws Exception {
        long writeSide = nimo.pid("write-side");
        long readSide = nimo.pid("read-side");
        long postgres = nimo.pid("postgres");
        int mark = nimo.linesSoFar();
        KeyedLoad load = loadWithFault("pg-kill", () -> {
            RunningNimo.signal("KILL", postgres, false);
            nimo.awaitOutputAfter(mark, line -> line.contains("PostgreSQL is back"), RECOVERY);
        });
        expect(load.internalErrors.get() == 0, load.internalErrors.get() + " answers were 500, not 503");
        expect(RunningNimo.alive(writeSide) && RunningNimo.alive(readSide)
                        && nimo.pid("write-side") == writeSide && nimo.pid("read-side") == readSide,
                "the services were restarted; they should have reconnected on their own");
        expect(nimo.pid("postgres") != postgres, "nimo.pids still names the killed PostgreSQL");
        readSideCatchesUp();
    }

    private void writeSideKilled() throws Exception {
        long writeSide = nimo.pid("write-side");
        int mark = nimo.linesSoFar();
        KeyedLoad load = loadWithFault("write-kill", () -> {
            RunningNimo.signal("KILL", writeSide, false);
            nimo.awaitOutputAfter(mark, line -> line.contains("the write side is starting again"), RECOVERY);
        });
        expect(load.noAnswer.get() > 0, "no request went unanswered: the write side was not killed mid-load");
        readSideCatchesUp();
    }

    private void databaseFrozen() throws Exception {
        List<String> cases = openCases("freeze", 1);
        String caseId = cases.get(0);
        String key = "freeze-" + UUID.randomUUID();
        long postgres = nimo.pid("postgres");
        RunningNimo.signal("STOP", postgres, true);
        try {
            refusedPromptly("POST an event", () -> write.post(WORKER, workerPassword,
                    "/api/cases/" + caseId + "/events", key, KeyedLoad.EVENT), true);
            refusedPromptly("GET the case timeline", () -> read.get(WORKER, workerPassword,
                    "/api/cases/" + caseId + "/timeline"), true);
            refusedPromptly("the write side's health", () -> write.get(null, null, "/actuator/health"), false);
            refusedPromptly("the read side's health", () -> read.get(null, null, "/actuator/health"), false);
            NimoClient.Answer health = write.get(null, null, "/actuator/health");
            expect(health.body().contains("\"DOWN\""), "health while frozen: " + health);
        } finally {
            RunningNimo.signal("CONT", postgres, true);
        }
        NimoClient.Answer answer = eventually("the write side to record again", () -> write.post(WORKER,
                workerPassword, "/api/cases/" + caseId + "/events", key, KeyedLoad.EVENT), a -> a.status() == 201);
        expect(write.get(null, null, "/actuator/health").status() == 200, "the write side is not healthy again");
        eventually("the read side to be healthy again", () -> read.get(null, null, "/actuator/health"),
                a -> a.status() == 200);
        recorded.computeIfAbsent(caseId, c -> new HashSet<>()).add(answer.field("eventId"));
        storeHoldsExactly(Map.of(caseId, Set.of(answer.field("eventId"))));
        readSideCatchesUp();
    }

    private void readSideKilled() throws Exception {
        long readSide = nimo.pid("read-side");
        int mark = nimo.linesSoFar();
        RunningNimo.signal("KILL", readSide, false);
        nimo.awaitOutputAfter(mark, line -> line.contains("the read side is starting again"), RECOVERY);
        readSideCatchesUp();
    }

    private void backupAndRestore() throws Exception {
        Path backup = nimo.dataDir.resolveSibling(nimo.dataDir.getFileName() + ".backup");
        RunningNimo.Command written = nimo.command(Map.of(), "backup", backup.toString());
        expect(written.exitCode() == 0, "backup exited " + written.exitCode());
        String counts = tablesAndRows(written.output());

        RunningNimo.Command intoRunning = nimo.command(Map.of(), "restore", backup.toString());
        expect(intoRunning.exitCode() != 0, "a restore into the running Nimo's database was not refused");

        Path elsewhere = java.nio.file.Files.createTempDirectory("nimo-drill-restore");
        Map<String, String> empty = Map.of("NIMO_DATA_DIR", elsewhere.toString(),
                "NIMO_DB_PORT", String.valueOf(RunningNimo.freePort()));
        RunningNimo.Command restored = nimo.command(empty, "restore", backup.toString());
        expect(restored.exitCode() == 0, "restore into an empty database exited " + restored.exitCode());
        expect(tablesAndRows(restored.output()).equals(counts), "the restore holds " + tablesAndRows(restored.output())
                + ", the backup " + counts);
        RunningNimo.Command again = nimo.command(empty, "restore", backup.toString());
        expect(again.exitCode() == 3, "a second restore into the now full database exited " + again.exitCode() + ", not 3");
    }

    private static String tablesAndRows(String output) {
        java.util.regex.Matcher counts = java.util.regex.Pattern.compile("(\\d+ tables, \\d+ rows)").matcher(output);
        expect(counts.find(), "no 'N tables, M rows' in: " + output);
        return counts.group(1);
    }

    // ---- load and checks

    private KeyedLoad loadWithFault(String name, KeyedLoad.ThrowingRunnable fault) throws Exception {
        List<String> cases = openCases(name, CLIENTS);
        String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        KeyedLoad load = new KeyedLoad(write, WORKER, workerPassword, prefix);
        load.run(cases, EVENTS_PER_CASE, CLIENTS * EVENTS_PER_CASE / 4, fault);
        System.out.println("  " + load.summary());
        expect(load.accepted.size() == CLIENTS * EVENTS_PER_CASE, "not every request was accepted: " + load.summary());

        Map<String, Set<String>> answered = new HashMap<>();
        load.accepted.values().forEach(a -> answered.computeIfAbsent(a.caseId(), c -> new HashSet<>()).add(a.eventId()));
        expect(answered.values().stream().mapToInt(Set::size).sum() == load.accepted.size(),
                "two keys were answered with the same event id");
        storeHoldsExactly(answered);
        retriesAnswerAsTheFirstTime(load);
        answered.forEach((caseId, ids) -> recorded.computeIfAbsent(caseId, c -> new HashSet<>()).addAll(ids));
        return load;
    }

    private List<String> openCases(String name, int count) {
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = "open-" + name + "-" + UUID.randomUUID();
            String body = "{\"municipality\":\"13110\",\"externalRef\":\"DRILL-" + name + "-" + i + "\",\"ageBand\":\"40-49\"}";
            NimoClient.Answer answer = eventually("a case to open", () -> write.post(WORKER, workerPassword,
                    "/api/cases", key, body), a -> a.status() == 201);
            cases.add(answer.field("caseId"));
        }
        return cases;
    }

    /** The store holds, for each case, exactly the recorded events that were answered 201: none lost, none twice. */
    private void storeHoldsExactly(Map<String, Set<String>> answered) throws Exception {
        try (Connection connection = nimo.database();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT aggregateIdentifier, convert_from(payload, 'UTF8')::jsonb ->> 'eventId' "
                             + "FROM DomainEventEntry WHERE aggregateIdentifier = ANY (?) "
                             + "AND payloadType LIKE '%CaseEventRecorded'")) {
            Array ids = connection.createArrayOf("varchar", answered.keySet().toArray());
            query.setArray(1, ids);
            Map<String, List<String>> stored = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.computeIfAbsent(rows.getString(1), c -> new ArrayList<>()).add(rows.getString(2));
                }
            }
            for (Map.Entry<String, Set<String>> c : answered.entrySet()) {
                List<String> inStore = stored.getOrDefault(c.getKey(), List.of());
                Set<String> missing = new HashSet<>(c.getValue());
                missing.removeAll(inStore);
                expect(missing.isEmpty(), "case " + c.getKey() + ": answered 201 but not in the store: " + missing);
                expect(inStore.size() == c.getValue().size(), "case " + c.getKey() + ": " + inStore.size()
                        + " events stored for " + c.getValue().size() + " answered (stored twice or unanswered)");
            }
        }
    }

    /** Sending every key once more stores nothing and answers what the first 201 answered. */
    private void retriesAnswerAsTheFirstTime(KeyedLoad load) {
        for (Map.Entry<String, KeyedLoad.Accepted> entry : load.accepted.entrySet()) {
            KeyedLoad.Accepted first = entry.getValue();
            NimoClient.Answer again = write.post(WORKER, workerPassword, "/api/cases/" + first.caseId() + "/events",
                    entry.getKey(), KeyedLoad.EVENT);
            expect(again.status() == 201 && first.eventId().equals(again.field("eventId"))
                            && String.valueOf(first.sequence()).equals(again.field("sequence")),
                    "the retry of " + entry.getKey() + " was answered " + again + ", not as the first time ("
                            + first + ")");
        }
    }

    /**
     * Every case's timeline on the read side shows exactly the events answered for it, and the reconciliation
     * finds every projection consistent with the store.
     */
    private void readSideCatchesUp() {
        for (Map.Entry<String, Set<String>> c : recorded.entrySet()) {
            eventually("the timeline of case " + c.getKey() + " to show its " + c.getValue().size() + " events",
                    () -> read.get(WORKER, workerPassword, "/api/cases/" + c.getKey() + "/timeline"),
                    a -> a.status() == 200 && timelineEventIds(a).equals(c.getValue()));
        }
        NimoClient.Answer reconciliation;
        try {
            reconciliation = eventually("the reconciliation to find the read side consistent",
                    () -> read.get(ADMIN, adminPassword, "/api/admin/reconciliation"),
                    a -> a.status() == 200 && a.json().path("consistent").asBoolean(false));
        } catch (DrillFailure e) {
            throw new DrillFailure("the reconciliation finds differences: "
                    + differences(read.get(ADMIN, adminPassword, "/api/admin/reconciliation")));
        }
        StringBuilder positions = new StringBuilder();
        for (JsonNode projection : reconciliation.json().path("projections")) {
            positions.append(' ').append(projection.path("name").asText()).append('=')
                    .append(projection.path("state").asText());
        }
        System.out.println("  reconciliation: consistent;" + positions);
    }

    /** The reconciliation's differences, one "processor/check aggregate expected found" each. */
    private static List<String> differences(NimoClient.Answer reconciliation) {
        List<String> found = new ArrayList<>();
        for (JsonNode projection : reconciliation.json().path("projections")) {
            for (JsonNode check : projection.path("checks")) {
                for (JsonNode d : check.path("differences")) {
                    found.add(projection.path("name").asText() + "/" + check.path("name").asText() + " "
                            + d.path("aggregateId").asText() + " expected " + d.path("expected").asLong()
                            + " found " + d.path("found").asLong());
                }
            }
        }
        return found;
    }

    private static Set<String> timelineEventIds(NimoClient.Answer timeline) {
        Set<String> ids = new HashSet<>();
        for (JsonNode entry : timeline.json().path("entries")) {
            if ("RentalRefused".equals(entry.path("kind").asText())) {
                ids.add(entry.path("eventId").asText());
            }
        }
        return ids;
    }

    private void refusedPromptly(String what, Supplier<NimoClient.Answer> request, boolean problem) {
        NimoClient.Answer answer = request.get();
        expect(answer.status() == 503, what + " while the database is frozen was answered " + answer + ", not 503");
        expect(answer.millis() <= PROMPT_REFUSAL.toMillis(),
                what + " took " + answer.millis() + " ms to be refused, more than " + PROMPT_REFUSAL);
        expect(!problem || answer.isProblem(), what + " was answered " + answer.contentType() + ", not problem+json");
        System.out.println("  " + what + ": 503 after " + answer.millis() + " ms");
    }

    private static NimoClient.Answer eventually(String what, Supplier<NimoClient.Answer> request,
                                                java.util.function.Predicate<NimoClient.Answer> done) {
        Instant deadline = Instant.now().plus(RECOVERY);
        NimoClient.Answer last;
        do {
            last = request.get();
            if (done.test(last)) {
                return last;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(250_000_000L);
        } while (Instant.now().isBefore(deadline));
        throw new DrillFailure("waited " + RECOVERY + " for " + what + "; last answer " + last);
    }

    private static void expect(boolean condition, String failure) {
        if (!condition) {
            throw new DrillFailure(failure);
        }
    }
}
