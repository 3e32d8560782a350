package jp.nimo.projection.bench;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.Http;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The read side's projections as an operator sees them, through its admin API (the service runs in a
 * process of its own), and how far they have read, from the token table.
 */
final class ReadSideAdmin {

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration POLL = Duration.ofMillis(20);

    private final Http read;
    private final String adminToken;
    private final JdbcTemplate jdbc;

    ReadSideAdmin(Http read, String adminToken, JdbcTemplate jdbc) {
        this.read = read;
        this.adminToken = adminToken;
        this.jdbc = jdbc;
    }

    /** The processors a rebuild replays (the audit chain is never replayed, only checked). */
    List<String> rebuildable() {
        Http.Answer answer = read.getWithToken(adminToken, "/api/admin/projections");
        if (answer.status() != 200) {
            throw new IllegalStateException("the projections were answered " + answer.status() + ": " + answer.text());
        }
        List<String> names = new ArrayList<>();
        answer.json().get("projections").forEach(p -> {
            if (p.get("rebuildable").asBoolean()) {
                names.add(p.get("name").asText());
            }
        });
        return names.stream().sorted().toList();
    }

    void awaitCaughtUp(List<String> processors) {
        await(() -> EventStoreRows.caughtUp(jdbc, processors), "the projections did not catch up");
    }

    /**
     * Every rebuildable projection replayed from the store at once, as after an upgrade; events per second from
     * the requests until every processor has read the whole log again.
     */
    double rebuildAll(List<String> processors, long events) {
        long start = System.nanoTime();
        for (String processor : processors) {
            Http.Answer accepted = read.postWithToken(adminToken, "/api/admin/projections/" + processor + "/rebuild", "");
            if (accepted.status() != 202) {
                throw new IllegalStateException("the rebuild of " + processor + " was answered " + accepted.status()
                        + ": " + accepted.text());
            }
        }
        // the next versions are built by processors of their own while the live ones stay caught up; until a
        // next-version processor's tokens are reset, its idle tokens (at the head) would pass for caught up
        await(() -> processors.stream().allMatch(this::reset), "the processors were not released for the rebuild");
        awaitCaughtUp(processors.stream().map(processor -> processor + "~next").toList());
        double eventsPerSecond = events / ((System.nanoTime() - start) / 1e9);
        for (String processor : processors) {
            await(() -> !progress(processor).get("status").asText().equals("REBUILDING"), "the rebuild did not finish");
            JsonNode settled = progress(processor);
            if (!settled.get("status").asText().equals("DONE")) {
                throw new IllegalStateException("the rebuild of " + processor + " did not finish: " + settled);
            }
        }
        return eventsPerSecond;
    }

    /** Whether the rebuild is past releasing the processor's segments, that is its tokens were reset. */
    private boolean reset(String processor) {
        JsonNode progress = progress(processor);
        if (progress.get("status").asText().equals("FAILED")) {
            throw new IllegalStateException("the rebuild of " + processor + " failed: " + progress);
        }
        return !progress.path("phase").asText().equals("RELEASING");
    }

    private JsonNode progress(String processor) {
        Http.Answer answer = read.getWithToken(adminToken, "/api/admin/projections/" + processor + "/rebuild");
        if (answer.status() != 200) {
            throw new IllegalStateException("the rebuild of " + processor + " was answered " + answer.status());
        }
        return answer.json();
    }

    private static void await(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure);
            }
            LockSupport.parkNanos(POLL.toNanos()); // poll without burning a core the replay needs
        }
    }
}
