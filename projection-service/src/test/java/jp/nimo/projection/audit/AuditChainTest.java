package jp.nimo.projection.audit;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.command.detection.DetectionConfiguration;
import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.projection.admin.IsolatedServices;
import jp.nimo.projection.admin.RealisticHistory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static jp.nimo.infra.test.TestUsers.ADMIN;
import static jp.nimo.infra.test.TestUsers.ANALYST;
import static jp.nimo.infra.test.TestUsers.AUDITOR;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit chain over a realistic history, and what the integrity check says when someone edits the
 * event table behind Nimo's back. On a database of its own: the test alters and removes stored events.
 */
class AuditChainTest {

    private static IsolatedServices services;
    private static JdbcTemplate jdbc;
    private static Http read;

    @BeforeAll
    static void servicesOnADatabaseOfTheirOwn() {
        services = IsolatedServices.start("nimo.node-id=audit-read-node");
        jdbc = services.jdbc();
        read = services.readSide().http();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void anUntouchedLogVerifiesAndEveryAlteredOrRemovedEventIsNamed() {
        RealisticHistory.on(services.writeSide().http());
        awaitChained();
        long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);

        JsonNode clean = verify(AUDITOR);
        assertThat(clean.get("verified").asBoolean()).as(clean.toString()).isTrue();
        assertThat(clean.get("events").asLong()).isEqualTo(events);
        assertThat(clean.get("chainedUpTo").asLong()).isEqualTo(head);
        assertThat(clean.get("unchained").asLong()).isZero();
        assertThat(clean.get("problems")).isEmpty();
        assertThat(clean.get("headHash").asText()).matches("[0-9a-f]{64}");
        assertThat(verify(ADMIN).get("headHash")).isEqualTo(clean.get("headHash"));

        // someone rewrites a refusal's reason in the table itself
        Map<String, Object> refusal = jdbc.queryForMap("SELECT globalindex, eventidentifier FROM domainevententry"
                + " WHERE convert_from(payload, 'UTF8') LIKE '%PREJUDICE%' ORDER BY globalindex LIMIT 1");
        assertThat(jdbc.update("UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                + " 'PREJUDICE', 'UNKNOWN'), 'UTF8') WHERE globalindex = ?", refusal.get("globalindex"))).isEqualTo(1);

        JsonNode altered = verify(AUDITOR);
        assertThat(altered.get("verified").asBoolean()).isFalse();
        assertThat(altered.get("problems")).hasSize(1);
        assertProblem(altered.get("problems").get(0), refusal, "ALTERED");
        assertThat(altered.get("events").asLong()).isEqualTo(events);
        assertThat(altered.get("headHash")).isEqualTo(clean.get("headHash"));

        // and removes a later event altogether
        Map<String, Object> removed = jdbc.queryForMap("SELECT globalindex, eventidentifier FROM domainevententry"
                + " WHERE globalindex > ? ORDER BY globalindex LIMIT 1", refusal.get("globalindex"));
        jdbc.update("DELETE FROM domainevententry WHERE globalindex = ?", removed.get("globalindex"));

        JsonNode missing = verify(AUDITOR);
        assertThat(missing.get("verified").asBoolean()).isFalse();
        assertThat(missing.get("problems")).hasSize(2);
        assertProblem(missing.get("problems").get(0), refusal, "ALTERED");
        assertProblem(missing.get("problems").get(1), removed, "MISSING");
        assertThat(missing.get("problemCount").asLong()).isEqualTo(2);
        assertThat(missing.get("unchained").asLong()).isZero();

        // editing the chain to hide it breaks the chain instead
        long position = jdbc.queryForObject("SELECT chain_position FROM audit_chain WHERE global_index = ?", Long.class,
                refusal.get("globalindex"));
        jdbc.update("DELETE FROM audit_chain WHERE chain_position = ?", position);
        JsonNode broken = verify(AUDITOR);
        assertThat(broken.get("verified").asBoolean()).isFalse();
        assertThat(broken.get("unchained").asLong()).as("the altered event is no longer chained").isEqualTo(1);
        assertThat(broken.get("problems")).anySatisfy(p -> {
            assertThat(p.get("problem").asText()).isEqualTo("CHAIN_BROKEN");
            assertThat(p.get("chainPosition").asLong()).isEqualTo(position + 1);
        });
    }

    @Test
    void onlyAuditorsAndTheOperatorMayVerify() {
        assertThat(read.get(null, "/api/audit/verify").status()).isEqualTo(401);
        Answer worker = read.get(MEGURO_WORKER, "/api/audit/verify");
        assertThat(worker.status()).isEqualTo(403);
        assertThat(worker.contentType()).startsWith("application/problem+json");
        assertThat(read.get(ANALYST, "/api/audit/verify").status()).isEqualTo(403);
        assertThat(read.get(ADMIN, "/api/audit/verify").status()).isEqualTo(200);
    }

    private static void assertProblem(JsonNode problem, Map<String, Object> event, String kind) {
        assertThat(problem.get("problem").asText()).isEqualTo(kind);
        assertThat(problem.get("globalIndex").asLong()).isEqualTo(((Number) event.get("globalindex")).longValue());
        assertThat(problem.get("eventIdentifier").asText()).isEqualTo(event.get("eventidentifier"));
    }

    private static JsonNode verify(String user) {
        Answer answer = read.get(user, "/api/audit/verify");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    /** Until the write side has stopped appending (detection included) and the chain covers the whole log. */
    private static void awaitChained() {
        awaitChained(jdbc);
    }

    /** Shared with the signed head's tests, which wait for the same quiet log. */
    static void awaitChained(JdbcTemplate jdbc) {
        AtomicLong lastHead = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).during(Duration.ofSeconds(1))
                .until(() -> {
                    Long head = jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry", Long.class);
                    boolean still = lastHead.getAndSet(head) == head;
                    Long chained = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM audit_chain", Long.class);
                    return still && head.equals(chained) && EventStoreRows.caughtUp(jdbc, DetectionConfiguration.PROCESSORS);
                });
    }
}
