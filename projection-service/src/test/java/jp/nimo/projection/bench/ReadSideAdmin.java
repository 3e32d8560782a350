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
    private static final Duration PROGRESS = Duration.ofSeconds(30);
    private static final Duration STALLED = Duration.ofMinutes(5);

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
     * Until every processor of both services has read the whole log: the write side's detection appends
     * signals that the read side then reads, so the head must not have moved while they were all checked.
     */
    void awaitEveryProcessorCaughtUp() {
        // a million events take longer than any fixed timeout here: fail when no processor has moved for a while
        String seen = positions();
        long moved = System.nanoTime();
        long reported = moved;
        while (!everyProcessorCaughtUp()) {
            long now = System.nanoTime();
            if (now - reported > PROGRESS.toNanos()) {
                String positions = positions();
                // a long catch-up tells how far each processor is, so a run that is slow says which one holds it
                System.out.println("catching up: head " + head() + ", " + positions);
                if (!positions.equals(seen)) {
                    seen = positions;
                    moved = now;
                } else if (now - moved > STALLED.toNanos()) {
                    throw new IllegalStateException("no processor moved for " + STALLED + ": " + positions);
                }
                reported = now;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    private boolean everyProcessorCaughtUp() {
        Long head = head();
        List<String> processors = jdbc.queryForList("SELECT DISTINCT processorname FROM tokenentry", String.class);
        return EventStoreRows.caughtUp(jdbc, processors) && head.equals(head());
    }

    private Long head() {
        return jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
    }

    /** Each processor's lowest position over its segments, from its tokens. */
    private String positions() {
        java.util.Map<String, Long> lowest = new java.util.TreeMap<>();
        jdbc.query("SELECT processorname, convert_from(token, 'UTF8') FROM tokenentry", row -> {
            long index = -1;
            String token = row.getString(2);
            java.util.regex.Matcher found = java.util.regex.Pattern.compile("\"index\":(\\d+)").matcher(token == null ? "" : token);
            while (found.find()) {
                long at = Long.parseLong(found.group(1));
                index = index < 0 ? at : Math.min(index, at);
            }
            lowest.merge(row.getString(1), index, Math::min);
        });
        return lowest.toString();
    }

    /** The events that a processor put aside because it could not handle them. */
    long deadLetters() {
        return jdbc.queryForObject("SELECT count(*) FROM deadletterentry", Long.class);
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
