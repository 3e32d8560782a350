package jp.nimo.projection.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.projection.InPlaceRebuild;
import jp.nimo.projection.WriteSide;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** From a POST on the write side to the case timeline on the read side, and a rebuild of it. */
@NimoServiceTest
class CaseTimelineTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    private Http read;
    private Http write;

    @BeforeEach
    void setUp() {
        read = new Http(port);
        write = WriteSide.http();
    }

    private String openCase(String body) {
        Answer opened = write.post(MEGURO_WORKER, "/api/cases", body);
        assertThat(opened.status()).isEqualTo(201);
        return opened.field("caseId");
    }

    private void record(String caseId, String body) {
        assertThat(write.post(MEGURO_WORKER, "/api/cases/" + caseId + "/events", body).status()).isEqualTo(201);
    }

    private JsonNode timelineWith(String caseId, int entries) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> read.get(MEGURO_WORKER, "/api/cases/" + caseId + "/timeline"),
                        a -> a.status() == 200 && a.json().get("entries").size() == entries)
                .json();
    }

    @Test
    void theTimelineShowsTheAgeBandAtEachEventAndTheHouseholdWithItsOtherCases() {
        String mother = openCase("{\"municipality\":\"13110\",\"birthYearMonth\":\"1944-09\"}");
        String son = openCase("{\"municipality\":\"13110\",\"birthYearMonth\":\"1974-02\"}");
        record(son, "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"PREJUDICE\"}");
        Answer linked = write.post(MEGURO_WORKER, "/api/households", "{\"cases\":[\"" + mother + "\",\"" + son + "\"]}");
        assertThat(linked.status()).isEqualTo(201);

        JsonNode timeline = timelineWith(son, 3);
        assertThat(timeline.get("household").get("householdId").asText()).isEqualTo(linked.field("householdId"));
        assertThat(timeline.get("household").get("otherCases").get(0).asText()).isEqualTo(mother);
        JsonNode entries = timeline.get("entries");
        assertThat(entries.findValuesAsText("kind")).containsExactly("RentalRefused", "CaseOpened", "HouseholdJoined");
        assertThat(entries.get(0).get("ageBand").asText()).isEqualTo("50-59");
        assertThat(entries.get(1).get("personal").get("birthYearMonth").asText()).isEqualTo("1974-02");
        assertThat(entries.get(1).get("fields").get("ageBand").asText()).isEqualTo("50-59");
    }

    @Test
    void aRecordedEventAppearsOnTheTimelineInBusinessOrderWithItsNote() {
        String caseId = openCase("{\"municipality\":\"13110\",\"externalRef\":\"MG-002\",\"ageBand\":\"50-59\"}");
        record(caseId, "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"PREJUDICE\",\"note\":\"家主に断られた\"}");
        record(caseId, "{\"kind\":\"HousingSearchStarted\",\"occurredOn\":\"2024-04-10\",\"targetType\":\"SINGLE_APARTMENT\"}");

        JsonNode timeline = timelineWith(caseId, 3);
        assertThat(timeline.get("caseId").asText()).isEqualTo(caseId);
        assertThat(timeline.get("organisation").asText()).isEqualTo("meguro-health-centre");
        JsonNode entries = timeline.get("entries");
        // in business order: the housing search was entered later but happened first, and the case was
        // opened in Nimo (today) after both
        assertThat(entries.findValuesAsText("kind"))
                .containsExactly("HousingSearchStarted", "RentalRefused", "CaseOpened");
        JsonNode refusal = entries.get(1);
        assertThat(refusal.get("kind").asText()).isEqualTo("RentalRefused");
        assertThat(refusal.get("label").asText()).isEqualTo("入居を断られた");
        assertThat(refusal.get("sequence").asLong()).isEqualTo(1);
        assertThat(refusal.get("occurredOn").asText()).isEqualTo("2024-05-01");
        assertThat(refusal.get("fields").get("reason").asText()).isEqualTo("PREJUDICE");
        assertThat(refusal.get("personal").get("note").asText()).isEqualTo("家主に断られた");
        assertThat(refusal.get("recordedBy").get("user").asText()).isEqualTo(MEGURO_WORKER);
        assertThat(refusal.get("recordedBy").get("profession").asText()).isEqualTo("PUBLIC_HEALTH_NURSE");
        assertThat(entries.get(2).get("personal").get("externalRef").asText()).isEqualTo("MG-002");
        // the case's own lifecycle is named from the bundle, in Japanese as the API always answers
        assertThat(entries.get(2).get("label").asText()).isEqualTo("支援開始");
        assertThat(entries.get(2).get("fields").get("ageBand").asText()).isEqualTo("50-59");
    }

    @Test
    void aWorkerOfAnotherOrganisationCannotTellTheCaseExists() {
        String caseId = openCase("{\"municipality\":\"13110\"}");
        timelineWith(caseId, 1);
        Answer otherOrganisation = read.get(TestUsers.SETAGAYA_WORKER, "/api/cases/" + caseId + "/timeline");
        Answer unknown = read.get(TestUsers.SETAGAYA_WORKER, "/api/cases/00000000-0000-0000-0000-000000000000/timeline");
        assertThat(otherOrganisation.status()).isEqualTo(404);
        assertThat(otherOrganisation.json().get("detail")).isEqualTo(unknown.json().get("detail"));
        assertThat(read.get(TestUsers.ANALYST, "/api/cases/" + caseId + "/timeline").status()).isEqualTo(403);
        assertThat(read.get(TestUsers.AUDITOR, "/api/cases/" + caseId + "/timeline").status()).isEqualTo(200);
        assertThat(read.get(null, "/api/cases/" + caseId + "/timeline").status()).isEqualTo(401);
    }

    @Test
    void aRebuildFromTheEventStoreEqualsTheLiveProjection() {
        String caseId = openCase("{\"municipality\":\"13110\",\"ageBand\":\"60-69\"}");
        record(caseId, "{\"kind\":\"Admitted\",\"occurredOn\":\"2024-03-01\",\"admissionType\":\"INVOLUNTARY\"}");
        record(caseId, "{\"kind\":\"Discharged\",\"occurredOn\":\"2024-04-20\",\"destination\":\"GROUP_HOME\"}");
        record(caseId, "{\"kind\":\"CaseClosed\",\"occurredOn\":\"2024-05-31\",\"closureReason\":\"STABLY_USING_SERVICES\"}");
        timelineWith(caseId, 4);
        List<Map<String, Object>> live = snapshot();

        InPlaceRebuild.rebuildsTo(live, this::snapshot, processing, CaseTimelineProjection.NAME,
                () -> assertThat(jdbc.queryForObject("SELECT count(*) FROM case_timeline_entry", Long.class)).isZero(),
                Duration.ofSeconds(30));
        assertThat(read.get(MEGURO_WORKER, "/api/cases/" + caseId + "/timeline").json().get("closed").asBoolean()).isTrue();
    }

    private List<Map<String, Object>> snapshot() {
        List<Map<String, Object>> rows = new java.util.ArrayList<>(jdbc.queryForList(
                "SELECT case_id, sequence, event_id, kind, occurred_on, recorded_at, recorded_by, organisation, profession,"
                        + " municipality, fields::text, personal::text FROM case_timeline_entry ORDER BY case_id, sequence"));
        rows.addAll(jdbc.queryForList("SELECT * FROM case_file ORDER BY case_id"));
        return rows;
    }
}
