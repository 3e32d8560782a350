package jp.nimo.command.detection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.IsolatedDatabaseInitializer;
import jp.nimo.infra.test.MutableClock;
import jp.nimo.infra.test.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static jp.nimo.infra.test.TestUsers.TOKYO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Detection through the REST API and the real event store: refused tenancies gather into a housing
 * candidate, discharges after 措置入院 without follow-up into a C07 candidate. Time is a clock the
 * test moves, on a database of this class's own (the detection clock only moves forward).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = IsolatedDatabaseInitializer.class)
class DetectionResourceTest {

    static final Instant START = Instant.parse("2024-09-02T01:00:00Z");

    @TestConfiguration
    static class ControlledTime {
        @Bean
        @Primary
        MutableClock controlledClock() {
            return new MutableClock(START);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;

    private Http http;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private String openCase(String municipality) {
        Http.Answer opened = http.post(TOKYO_WORKER, "/api/cases",
                "{\"municipality\":\"" + municipality + "\",\"externalRef\":\"EXT-" + municipality + "-" + System.nanoTime() + "\"}");
        assertThat(opened.status()).isEqualTo(201);
        return opened.field("caseId");
    }

    private void record(String caseId, String body) {
        Http.Answer answer = http.post(TOKYO_WORKER, "/api/cases/" + caseId + "/events", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    }

    private String refusal(String municipality, String on) {
        String caseId = openCase(municipality);
        record(caseId, "{\"kind\":\"RentalRefused\",\"occurredOn\":\"" + on + "\",\"reason\":\"PREJUDICE\",\"note\":\"note of " + caseId + "\"}");
        return caseId;
    }

    /** Waits until detection has read the whole log as it stands. */
    private void detectionCaughtUp() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> EventStoreRows.caughtUp(jdbc, DetectionConfiguration.PROCESSORS));
    }

    private List<String> candidates(String municipalityOrRegion) {
        return jdbc.queryForList("SELECT aggregateidentifier FROM domainevententry"
                + " WHERE payloadtype = 'jp.nimo.issues.IssueEvent$IssueRaised'"
                + " AND convert_from(payload, 'UTF8') LIKE '%\"origin\":\"CASE_CLUSTER\"%'"
                + " AND convert_from(payload, 'UTF8') LIKE ?", String.class, "%\"code\":\"" + municipalityOrRegion + "\"%");
    }

    private List<JsonNode> evidence(String issueId) throws Exception {
        List<JsonNode> batches = new ArrayList<>();
        for (String payload : jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND payloadtype = 'jp.nimo.issues.IssueEvent$EvidenceAttached'"
                + " ORDER BY sequencenumber", String.class, issueId)) {
            batches.add(json.readTree(payload));
        }
        return batches;
    }

    @Test
    void threeRefusalsInOneMunicipalityRaiseOneHousingCandidateAndAFourthAttaches() throws Exception {
        List<String> cases = new ArrayList<>();
        cases.add(refusal("13101", "2024-05-01"));
        cases.add(refusal("13101", "2024-06-15"));
        cases.add(refusal("13101", "2024-07-20"));
        detectionCaughtUp();
        List<String> raised = candidates("13101");
        assertThat(raised).hasSize(1);
        JsonNode first = evidence(raised.get(0)).get(0);
        assertThat(first.get("items")).hasSize(3);
        assertThat(first.get("distinctCases").asInt()).isEqualTo(3);
        assertThat(first.get("items").findValuesAsText("kind")).containsOnly("RentalRefused");
        assertThat(first.get("items").findValuesAsText("month")).containsExactly("2024-05", "2024-06", "2024-07");
        String raisedPayload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND sequencenumber = 0", String.class, raised.get(0));
        assertThat(raisedPayload).contains("\"category\":\"C04\"");
        // title and description are shown to every role, so they carry no (possibly small) counts
        JsonNode raisedEvent = json.readTree(raisedPayload);
        assertThat(raisedEvent.get("title").asText()).contains("千代田区", "住まいの確保").doesNotContainPattern("\\d");
        assertThat(raisedEvent.get("description").asText()).contains("入居を断られた", "90日以内に3件以上・3事例以上")
                .doesNotContainPattern("\\d+件[^以]");
        // why the candidate exists is in the log: each piece of evidence is a recorded signal event, of a
        // refusal recorded in one of the cases
        for (String ref : first.get("items").findValuesAsText("ref")) {
            JsonNode signal = json.readTree(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                    + " WHERE eventidentifier = ? AND payloadtype = 'jp.nimo.detection.SignalEvent$SignalObserved'",
                    String.class, ref));
            assertThat(signal.at("/signal/signalId").asText()).isEqualTo(ref);
            assertThat(signal.at("/signal/caseId").asText()).isIn(cases);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?"
                    + " AND payloadtype = 'jp.nimo.cases.CaseEvent$CaseEventRecorded'"
                    + " AND convert_from(payload, 'UTF8')::jsonb ->> 'eventId' = ?", Long.class,
                    signal.at("/signal/caseId").asText(), signal.get("eventId").asText())).isEqualTo(1);
        }

        cases.add(refusal("13101", "2024-08-01"));
        detectionCaughtUp();
        assertThat(candidates("13101")).hasSize(1);
        List<JsonNode> batches = evidence(raised.get(0));
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1).get("items")).hasSize(1);
        assertThat(batches.get(1).get("distinctCases").asInt()).isEqualTo(4);

        // the issue plane holds none of the cases' ids, notes or external references
        List<String> issuePlane = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ?", String.class, raised.get(0));
        for (String caseId : cases) {
            assertThat(issuePlane).noneMatch(p -> p.contains(caseId));
        }
        assertThat(issuePlane).noneMatch(p -> p.contains("note of") || p.contains("EXT-13101"));
    }

    @Test
    void threePeopleWithRepeatedCrisesRaiseAnEmergencyCareCandidateWhoseEvidenceNamesNoOne() {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String caseId = openCase("13108");
            people.add(caseId);
            record(caseId, "{\"kind\":\"SelfHarmIncidentReported\",\"occurredOn\":\"2024-05-01\",\"type\":\"OVERDOSE\"}");
            record(caseId, "{\"kind\":\"EmergencyServiceCalled\",\"occurredOn\":\"2024-05-10\",\"caller\":\"PERSON\"}");
            // two crises are not yet a repetition
            detectionCaughtUp();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM detection_signal WHERE case_id = ? AND signal_code = 'REPEATED_CRISIS'",
                    Long.class, caseId)).isZero();
            record(caseId, "{\"kind\":\"SupporterCalledOut\",\"occurredOn\":\"2024-05-20\",\"staffRole\":\"VISITING_NURSE\",\"timeOfDay\":\"DAYTIME\"}");
        }
        detectionCaughtUp();
        assertThat(jdbc.queryForList("SELECT case_id FROM detection_signal WHERE signal_code = 'REPEATED_CRISIS'"
                + " AND municipality = '13108'", String.class)).containsExactlyInAnyOrderElementsOf(people);
        List<String> raised = candidates("13108");
        assertThat(raised).hasSize(1);
        String payloads = String.join("\n", jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ?", String.class, raised.get(0)));
        assertThat(payloads).contains("C10", "REPEATED_CRISIS");
        people.forEach(caseId -> assertThat(payloads).doesNotContain(caseId));
    }

    @Test
    void twoRefusalsOrThreeSpreadOverMoreThan90DaysRaiseNothing() {
        refusal("13102", "2024-05-01");
        refusal("13102", "2024-05-02");
        refusal("13103", "2024-01-10");
        refusal("13103", "2024-03-01");
        refusal("13103", "2024-04-20");
        detectionCaughtUp();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM detection_signal WHERE municipality IN ('13102', '13103')",
                Long.class)).isEqualTo(5);
        assertThat(candidates("13102")).isEmpty();
        assertThat(candidates("13103")).isEmpty();
    }

    @Test
    void dischargesAfterInvoluntaryAdmissionWithoutFollowUpRaiseAC07CandidateAndThoseWithFollowUpDoNot() throws Exception {
        List<String> withoutFollowUp = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String caseId = openCase("13104");
            record(caseId, "{\"kind\":\"Admitted\",\"occurredOn\":\"2024-07-01\",\"admissionType\":\"INVOLUNTARY\"}");
            record(caseId, "{\"kind\":\"Discharged\",\"occurredOn\":\"2024-08-2" + i + "\",\"destination\":\"HOME\"}");
            withoutFollowUp.add(caseId);
        }
        String followed = openCase("13104");
        record(followed, "{\"kind\":\"Admitted\",\"occurredOn\":\"2024-07-01\",\"admissionType\":\"EMERGENCY_INVOLUNTARY\"}");
        record(followed, "{\"kind\":\"Discharged\",\"occurredOn\":\"2024-08-20\",\"destination\":\"GROUP_HOME\"}");
        record(followed, "{\"kind\":\"PostDischargeSupportStarted\",\"occurredOn\":\"2024-09-01\"}");
        String voluntary = openCase("13104");
        record(voluntary, "{\"kind\":\"Admitted\",\"occurredOn\":\"2024-07-01\",\"admissionType\":\"VOLUNTARY\"}");
        record(voluntary, "{\"kind\":\"Discharged\",\"occurredOn\":\"2024-08-20\",\"destination\":\"HOME\"}");
        detectionCaughtUp();
        assertThat(candidates("13104")).isEmpty();

        // a month later the clock ticks past every deadline (business 30 days, grace 14 days after recording)
        ((MutableClock) clock).advance(Duration.ofDays(40));
        assertThat(http.post(TestUsers.ADMIN, "/api/admin/detection-clock/tick", "").status()).isEqualTo(202);
        detectionCaughtUp();

        List<String> raised = candidates("13104");
        assertThat(raised).hasSize(1);
        JsonNode batch = evidence(raised.get(0)).get(0);
        assertThat(batch.get("items")).hasSize(3);
        assertThat(batch.get("items").findValuesAsText("signal")).containsOnly("NO_POST_DISCHARGE_SUPPORT");
        assertThat(jdbc.queryForList("SELECT case_id FROM detection_signal WHERE signal_code = 'NO_POST_DISCHARGE_SUPPORT'",
                String.class)).containsExactlyInAnyOrderElementsOf(withoutFollowUp);
        assertThat(jdbc.queryForObject("SELECT status FROM detection_absence WHERE case_id = ?", String.class, followed))
                .isEqualTo("ANSWERED");
    }

    @Test
    void anAdminRuleChangeAppliesToSignalsFromThenOnWithoutARestart() {
        refusal("13105", "2024-05-01");
        refusal("13105", "2024-05-02");
        detectionCaughtUp();
        assertThat(candidates("13105")).isEmpty();

        Http.Answer change = http.post(TestUsers.ADMIN, "/api/admin/detection-rules", """
                {"councilId":"council-13105","category":"C04","minSignals":3,"minDistinctCases":2,"windowDays":30,"areaLevel":"MUNICIPALITY"}""");
        assertThat(change.status()).as(change.text()).isEqualTo(200);
        detectionCaughtUp();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%DetectionRuleChanged'",
                Long.class)).isPositive();
        assertThat(candidates("13105")).isEmpty();

        // a third signal from one of the same cases: enough under the new rule (2 distinct cases), not under the default
        String caseId = jdbc.queryForObject("SELECT case_id FROM detection_signal WHERE municipality = '13105' LIMIT 1", String.class);
        record(caseId, "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-03\",\"reason\":\"INCOME\"}");
        detectionCaughtUp();
        assertThat(candidates("13105")).hasSize(1);

        Http.Answer rules = http.get(TestUsers.ADMIN, "/api/admin/detection-rules");
        assertThat(rules.json().get("rules").findValuesAsText("councilId")).contains("council-13105");
        assertThat(http.post(TOKYO_WORKER, "/api/admin/detection-rules", "{}").status()).isEqualTo(403);
        Http.Answer bad = http.post(TestUsers.ADMIN, "/api/admin/detection-rules",
                "{\"category\":\"C04\",\"minSignals\":2,\"minDistinctCases\":3,\"windowDays\":30,\"areaLevel\":\"PREFECTURE\"}");
        assertThat(bad.status()).isEqualTo(400);
    }
}
