package jp.nimo.projection.drills;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Support workers' programs recording case events as a careful client does: every request carries an
 * Idempotency-Key, and a request without an answer, or answered 503 or 409, is sent again with the same key
 * until it is answered 201. One client a case, all at once; after a given number of 201 answers the fault is
 * injected while the clients go on.
 */
final class KeyedLoad {

    static final String EVENT = "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"PREJUDICE\","
            + "\"note\":\"drill\"}";
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

    /** The first 201 answer to a key. */
    record Accepted(String caseId, String eventId, long sequence) {
    }

    final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    final AtomicInteger retries = new AtomicInteger();
    final AtomicInteger noAnswer = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger internalErrors = new AtomicInteger();

    private final NimoClient write;
    private final String user;
    private final String password;
    private final String prefix;

    KeyedLoad(NimoClient write, String user, String password, String prefix) {
        this.write = write;
        this.user = user;
        this.password = password;
        this.prefix = prefix;
    }

    static String key(String prefix, int client, int event) {
        return prefix + "-c" + client + "-e" + event;
    }

    /** Records {@code eventsPerCase} events on each case, injecting {@code fault} after {@code faultAfter} 201s. */
    void run(List<String> cases, int eventsPerCase, int faultAfter, ThrowingRunnable fault) throws Exception {
        AtomicInteger answered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(cases.size() + 1);
        List<Future<?>> clients = new ArrayList<>();
        AtomicReference<Future<?>> faultRun = new AtomicReference<>();
        for (int c = 0; c < cases.size(); c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                for (int e = 0; e < eventsPerCase; e++) {
                    String key = key(prefix, client, e);
                    accepted.put(key, recordUntilAccepted(cases.get(client), key));
                    if (answered.incrementAndGet() == faultAfter) {
                        faultRun.set(pool.submit(() -> {
                            fault.run();
                            return null;
                        }));
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> client : clients) {
                client.get();
            }
            if (faultRun.get() == null) {
                throw new DrillFailure("the fault was never injected (" + answered.get() + " answers)");
            }
            faultRun.get().get();
        } finally {
            pool.shutdownNow();
        }
    }

    private Accepted recordUntilAccepted(String caseId, String key) {
        Instant deadline = Instant.now().plus(GIVE_UP_AFTER);
        int attempt = 0;
        while (true) {
            NimoClient.Answer answer = write.post(user, password, "/api/cases/" + caseId + "/events", key, EVENT);
            switch (answer.status()) {
                case 201 -> {
                    return new Accepted(caseId, answer.field("eventId"), Long.parseLong(answer.field("sequence")));
                }
                case 0 -> noAnswer.incrementAndGet();
                case 503 -> unavailable.incrementAndGet();
                case 409 -> { }
                case 500 -> internalErrors.incrementAndGet();
                default -> throw new DrillFailure("the request of " + key + " was refused: " + answer);
            }
            retries.incrementAndGet();
            if (Instant.now().isAfter(deadline)) {
                throw new DrillFailure("no 201 for " + key + " within " + GIVE_UP_AFTER + "; last answer " + answer);
            }
            attempt++;
            backOff(attempt);
        }
    }

    /** A retrying client waits a little longer each time, up to a second: no hammering of a service that is down. */
    private static void backOff(int attempt) {
        long millis = Math.min(1000, 50L * attempt);
        java.util.concurrent.locks.LockSupport.parkNanos(millis * 1_000_000);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    String summary() {
        return accepted.size() + " accepted, " + retries.get() + " retries (" + noAnswer.get() + " without answer, "
                + unavailable.get() + " answered 503, " + internalErrors.get() + " answered 500)";
    }
}
