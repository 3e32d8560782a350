package jp.nimo.projection.drills;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak of {@code ./nimo soak [minutes]}: a scratch Nimo started as {@code ./nimo run} starts it, held
 * under a steady paced load (workers recording events with keys and reading their timelines, a secretariat
 * reading its board) for a bounded number of minutes. Each minute prints the requests, the failures, the
 * latency percentiles and the resident memory of each process; at the end the last minute is set against the
 * first. Flat lines are the result; a growing one is a leak or a history-sized request.
 */
public final class Soak {

    private static final int CLIENTS = 4;
    /** Requests a second for each client: steady, well under what the machine can do, so that drift shows. */
    private static final int RATE_PER_CLIENT = 5;
    private static final int MAX_MINUTES = 60;
    /**
     * The services run with a bounded heap, as in production: a leak then shows as a live heap that grows and
     * collections that come ever more often, not as a JVM that merely takes the room a large machine offers.
     */
    private static final String HEAP = "-Xmx512m";

    private Soak() {
    }

    private static final class Minute {
        final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failures = new AtomicInteger();
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int minutes = Math.max(1, Math.min(MAX_MINUTES, args.length > 1 ? Integer.parseInt(args[1]) : 10));
        try (RunningNimo nimo = RunningNimo.start(root, java.util.Map.of("JAVA_TOOL_OPTIONS", HEAP))) {
            NimoClient write = new NimoClient(nimo.writePort);
            NimoClient read = new NimoClient(nimo.readPort);
            String worker = "worker-meguro";
            String password = nimo.password(worker);
            String admin = "admin";
            String adminPassword = nimo.password(admin);
            String secretariat = "secretariat-meguro";
            String secretariatPassword = nimo.password(secretariat);

            List<String> cases = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                NimoClient.Answer opened = write.post(worker, password, "/api/cases", "soak-open-" + UUID.randomUUID(),
                        "{\"municipality\":\"13110\",\"externalRef\":\"SOAK-" + i + "\",\"ageBand\":\"40-49\"}");
                if (opened.status() != 201) {
                    throw new DrillFailure("could not open a case: " + opened);
                }
                cases.add(opened.field("caseId"));
            }

            List<Minute> perMinute = new ArrayList<>();
            for (int m = 0; m < minutes; m++) {
                perMinute.add(new Minute());
            }
            long start = System.nanoTime();
            long end = start + TimeUnit.MINUTES.toNanos(minutes);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                pool.submit(() -> {
                    long interval = TimeUnit.SECONDS.toNanos(1) / RATE_PER_CLIENT;
                    long next = System.nanoTime();
                    for (int n = 0; System.nanoTime() < end; n++) {
                        NimoClient.Answer answer;
                        int kind = n % 5;
                        if (kind < 3) {
                            answer = write.post(worker, password, "/api/cases/" + cases.get(client) + "/events",
                                    "soak-" + client + "-" + n, KeyedLoad.EVENT);
                        } else if (kind == 3) {
                            answer = read.get(worker, password, "/api/cases/" + cases.get(client) + "/timeline");
                        } else {
                            answer = read.get(secretariat, secretariatPassword, "/api/issues?council=council-13110");
                        }
                        int minute = (int) TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - start);
                        if (minute < minutes) {
                            Minute bucket = perMinute.get(minute);
                            bucket.latencies.add(answer.millis());
                            if (answer.status() >= 400 || answer.status() == 0) {
                                bucket.failures.incrementAndGet();
                            }
                        }
                        next += interval;
                        LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
                    }
                    return null;
                });
            }
            List<long[]> baselineFigures = new ArrayList<>();
            long[] lastRss = null;
            System.out.println("SOAK minute requests failures p50_ms p95_ms p99_ms write_rss_mib read_rss_mib postgres_rss_mib"
                    + " write_live_heap_mib read_live_heap_mib");
            for (int m = 0; m < minutes; m++) {
                long due = start + TimeUnit.MINUTES.toNanos(m + 1);
                LockSupport.parkNanos(Math.max(0, due - System.nanoTime()));
                long[] rss = report(m + 1, perMinute.get(m), nimo, liveHeap(write, admin, adminPassword),
                        liveHeap(read, admin, adminPassword));
                baselineFigures.add(rss);
                lastRss = rss;
            }
            pool.shutdown();
            pool.awaitTermination(2, TimeUnit.MINUTES);
            // the first minute warms the JVMs up; what follows is set against the second when there is one
            int baseline = minutes >= 3 ? 1 : 0;
            Minute first = perMinute.get(baseline);
            Minute last = perMinute.get(minutes - 1);
            System.out.printf(Locale.ROOT, "RATIO soak_p95_last_vs_minute_%d %.2f%n", baseline + 1,
                    (double) percentile(last.latencies, 95) / Math.max(1, percentile(first.latencies, 95)));
            String[] names = {"rss_write_side", "rss_read_side", "rss_postgres", "live_heap_write_side", "live_heap_read_side"};
            for (int i = 0; i < names.length; i++) {
                if (baselineFigures.get(baseline)[i] > 0) {
                    System.out.printf(Locale.ROOT, "RATIO soak_%s_last_vs_minute_%d %.2f%n", names[i], baseline + 1,
                            (double) lastRss[i] / baselineFigures.get(baseline)[i]);
                }
            }
        }
    }

    private static long[] report(int minute, Minute bucket, RunningNimo nimo, long writeLive, long readLive)
            throws Exception {
        List<Long> latencies;
        synchronized (bucket.latencies) {
            latencies = new ArrayList<>(bucket.latencies);
        }
        long[] rss = {rss(nimo, "write-side"), rss(nimo, "read-side"), rss(nimo, "postgres")};
        System.out.printf(Locale.ROOT, "SOAK %d %d %d %d %d %d %d %d %d %d %d%n", minute, latencies.size(),
                bucket.failures.get(), percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
                rss[0], rss[1], rss[2], writeLive, readLive);
        return new long[] {rss[0], rss[1], rss[2], writeLive, readLive};
    }

    /**
     * The heap still in use after the last full collection (Micrometer's jvm.gc.live.data.size): unlike the
     * resident memory, which a JVM grows while it has room, this grows only with what is kept.
     */
    private static long liveHeap(NimoClient service, String admin, String password) {
        NimoClient.Answer metrics = service.get(admin, password, "/actuator/prometheus");
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) / (1024 * 1024);
            }
        }
        return -1;
    }

    /** Resident memory in MiB; for PostgreSQL the postmaster's own (its backends share most of theirs). */
    private static long rss(RunningNimo nimo, String process) throws Exception {
        return RunningNimo.residentMiB(nimo.pid(process)).orElse(0L);
    }

    private static long percentile(List<Long> values, int percent) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
