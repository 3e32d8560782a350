package jp.nimo.projection.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.projection.WriteSide;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static jp.nimo.infra.test.TestUsers.ADMIN;
import static jp.nimo.infra.test.TestUsers.AUDITOR;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection that fails on an event parks it in Axon's dead-letter queue and goes on with the others;
 * the operator sees the parked events (never their content) and, once the cause is fixed, retries them.
 */
@NimoServiceTest
@ActiveProfiles(DeadLetterTest.PROFILE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeadLetterTest {

    static final String PROFILE = "dead-letter-test";
    private static final String LETTERS = "/api/admin/dead-letters?processor=" + PoisonableProjection.NAME;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private Http read;
    private final Http write = WriteSide.http();

    @BeforeEach
    void setUp() {
        read = new Http(port);
    }

    @AfterEach
    void cure() {
        PoisonableProjection.POISONED_CASES.clear();
    }

    private String openCase(String externalRef) {
        Answer opened = write.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\",\"externalRef\":\"" + externalRef + "\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        return opened.field("caseId");
    }

    private Answer record(String caseId, String body) {
        Answer recorded = write.post(MEGURO_WORKER, "/api/cases/" + caseId + "/events", body);
        assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
        return recorded;
    }

    @Test
    void aPoisonEventIsParkedWhileOtherCasesFlowAndARetryAfterTheFixEmptiesTheQueue() {
        String poisoned = openCase("MG-DLQ-1");
        String healthy = openCase("MG-DLQ-2");
        PoisonableProjection.POISONED_CASES.add(poisoned);

        Answer poisonAnswer = record(poisoned, "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"PREJUDICE\","
                + "\"note\":\"管理会社に精神疾患を理由に断られた\"}");
        String poison = poisonAnswer.field("eventId");
        String healthyFirst = record(healthy, "{\"kind\":\"HousingSearchStarted\",\"occurredOn\":\"2024-04-10\",\"targetType\":\"SINGLE_APARTMENT\"}")
                .field("eventId");
        Answer parkedAnswer = record(poisoned, "{\"kind\":\"HousingSearchStarted\",\"occurredOn\":\"2024-05-10\",\"targetType\":\"SINGLE_APARTMENT\"}");
        String parkedBehind = parkedAnswer.field("eventId");
        String healthyLater = record(healthy, "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-20\",\"reason\":\"INCOME\"}")
                .field("eventId");

        // the stream goes on: the projection handles the other case's events, before and after the poison
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> PoisonableProjection.HANDLED.containsAll(List.of(healthyFirst, healthyLater)));
        JsonNode letters = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> read.get(ADMIN, LETTERS), a -> a.status() == 200 && a.json().get("total").asLong() == 2)
                .json();
        assertThat(PoisonableProjection.HANDLED).doesNotContain(poison, parkedBehind);
        // another processor is not held up either: the case timeline has both of the poisoned case's events
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM case_timeline_entry WHERE case_id = ? AND event_id IN (?, ?)", Long.class,
                poisoned, poison, parkedBehind) == 2);

        // the operator sees what failed, where and why: the poison event first, the later one parked behind it
        JsonNode first = letters.get("deadLetters").get(0);
        JsonNode second = letters.get("deadLetters").get(1);
        assertThat(first.get("processor").asText()).isEqualTo(PoisonableProjection.NAME);
        assertThat(first.get("sequenceIdentifier").asText()).isEqualTo(poisoned);
        assertThat(first.get("aggregateIdentifier").asText()).isEqualTo(poisoned);
        assertThat(first.get("sequenceIndex").asLong()).isLessThan(second.get("sequenceIndex").asLong());
        assertThat(first.get("aggregateSequence").asLong()).isEqualTo(poisonAnswer.json().get("sequence").asLong());
        assertThat(second.get("aggregateSequence").asLong()).isEqualTo(parkedAnswer.json().get("sequence").asLong());
        assertThat(first.get("payloadType").asText()).endsWith("CaseEventRecorded");
        assertThat(first.get("globalIndex").asLong()).isEqualTo(jdbc.queryForObject(
                "SELECT globalindex FROM domainevententry WHERE eventidentifier = ?", Long.class,
                first.get("eventIdentifier").asText()));
        assertThat(first.get("cause").get("type").asText()).isNotBlank();
        assertThat(first.get("cause").get("message").asText()).contains("division by zero");
        assertThat(first.get("enqueuedAt").asText()).isNotBlank();
        assertThat(second.has("cause")).as("parked behind the poison event, it did not fail itself").isFalse();
        // never the payload: it carries the person's data
        assertThat(letters.toString()).doesNotContain("管理会社", "payload\"", "metaData");

        JsonNode projection = projection(PoisonableProjection.NAME);
        assertThat(projection.get("deadLetters").asLong()).isEqualTo(2);
        assertThat(projection.get("status").asText()).isEqualTo("RUNNING");
        assertThat(read.get(AUDITOR, LETTERS).status()).isEqualTo(403);

        // a retry before the cause is fixed changes nothing
        Answer tooEarly = read.post(ADMIN, "/api/admin/dead-letters/" + PoisonableProjection.NAME + "/retry", "");
        assertThat(tooEarly.status()).as(tooEarly.text()).isEqualTo(200);
        assertThat(tooEarly.json().get("processed").asLong()).isZero();
        assertThat(tooEarly.json().get("remaining").asLong()).isEqualTo(2);
        assertThat(PoisonableProjection.HANDLED).doesNotContain(poison, parkedBehind);

        PoisonableProjection.POISONED_CASES.remove(poisoned);
        Answer retried = read.post(ADMIN, "/api/admin/dead-letters/" + PoisonableProjection.NAME + "/retry", "");
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        assertThat(retried.json().get("processed").asLong()).isEqualTo(2);
        assertThat(retried.json().get("remaining").asLong()).isZero();
        List<String> handled = new ArrayList<>(PoisonableProjection.HANDLED);
        assertThat(handled).containsSubsequence(poison, parkedBehind);
        assertThat(read.get(ADMIN, LETTERS).json().get("total").asLong()).isZero();
        assertThat(projection(PoisonableProjection.NAME).get("deadLetters").asLong()).isZero();

        // and the case goes on like any other
        String after = record(poisoned, "{\"kind\":\"HousingSecured\",\"occurredOn\":\"2024-06-20\",\"via\":\"HOUSING_SUPPORT\"}")
                .field("eventId");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> PoisonableProjection.HANDLED.contains(after));
        assertThat(read.get(ADMIN, LETTERS).json().get("total").asLong()).isZero();
    }

    private JsonNode projection(String name) {
        Answer answer = read.get(ADMIN, "/api/admin/projections");
        for (JsonNode projection : answer.json().get("projections")) {
            if (projection.get("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError(name + " is not listed: " + answer.text());
    }
}
