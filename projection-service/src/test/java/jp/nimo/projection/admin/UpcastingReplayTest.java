package jp.nimo.projection.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.nimo.command.detection.DetectionConfiguration;
import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.TestDatabase;
import jp.nimo.infra.test.TestDatabaseInitializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A store written before DischargeDelayed had a list of reasons (case events without a revision, one
 * {@code reason}) is read through the upcaster: the read side replayed from it equals, table for
 * table, the read side replayed from the same history stored at revision 2, and the write side loads
 * its cases and takes further commands on them.
 */
class UpcastingReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORDED = "jp.nimo.cases.CaseEvent$CaseEventRecorded";

    @Test
    void aStoreOfRevisionOneEventsReplaysToTheSameProjectionsAndItsCasesTakeFurtherCommands() {
        TestDatabase recorded = TestDatabase.isolated();
        List<String> cases = new ArrayList<>();
        try (RunningService write = RunningService.writeSide(TestDatabaseInitializer.on(recorded))) {
            cases.addAll(history(write.http()));
            JdbcTemplate jdbc = write.bean(JdbcTemplate.class);
            // three delays for want of housing in three Meguro cases: detection raises a C04 candidate
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> EventStoreRows.caughtUp(jdbc, DetectionConfiguration.PROCESSORS)
                            && count(jdbc, "payloadtype = 'jp.nimo.issues.IssueEvent$IssueRaised'") == 1);
        }
        TestDatabase atRevisionTwo = TestDatabase.copyOf(recorded);
        TestDatabase atRevisionOne = TestDatabase.copyOf(recorded);
        JdbcTemplate old = jdbc(atRevisionOne);
        assertThat(storeAsTheOldCodeDid(old)).isEqualTo(4);
        assertThat(count(old, "payloadtype = '" + RECORDED + "' AND payloadrevision IS NOT NULL")).isZero();
        assertThat(count(old, "convert_from(payload, 'UTF8') LIKE '%\"reason\":\"HOUSING_NOT_FOUND\"%'")).isEqualTo(3);
        assertThat(count(jdbc(atRevisionTwo), "payloadtype = '" + RECORDED + "' AND payloadrevision = '2'")).isEqualTo(9);

        Map<String, List<String>> fromRevisionTwo;
        try (RunningService read = RunningService.readSide(TestDatabaseInitializer.on(atRevisionTwo))) {
            fromRevisionTwo = replayed(read);
        }
        try (RunningService read = RunningService.readSide(TestDatabaseInitializer.on(atRevisionOne))) {
            Map<String, List<String>> fromRevisionOne = replayed(read);
            JdbcTemplate projected = read.bean(JdbcTemplate.class);
            assertThat(fromRevisionOne.get("case_timeline_entry")).hasSize(12);
            assertThat(projected.queryForObject("SELECT count(*) FROM case_timeline_entry"
                    + " WHERE fields @> '{\"reasons\":[\"HOUSING_NOT_FOUND\"]}'", Long.class)).isEqualTo(3);
            assertThat(projected.queryForObject("SELECT count(*) FROM case_timeline_entry WHERE fields->'reason' IS NOT NULL"
                    + " AND kind = 'DischargeDelayed'", Long.class)).isZero();
            assertThat(fromRevisionOne.get("issue_board_version")).isNotEmpty();
            assertThat(fromRevisionOne).isEqualTo(fromRevisionTwo);

            JsonNode timeline = read.http().get(MEGURO_WORKER, "/api/cases/" + cases.get(0) + "/timeline").json();
            JsonNode delay = find(timeline, "DischargeDelayed");
            assertThat(delay.toString()).contains("\"reasons\":[\"HOUSING_NOT_FOUND\"]").contains("住まいが見つからない");

            try (RunningService write = RunningService.writeSide(TestDatabaseInitializer.on(atRevisionOne))) {
                // a discharge needs the admission the case's revision-one history holds: the aggregate loaded it
                Answer discharged = write.http().post(MEGURO_WORKER, "/api/cases/" + cases.get(0) + "/events",
                        "{\"kind\":\"Discharged\",\"occurredOn\":\"2024-05-20\",\"destination\":\"GROUP_HOME\"}");
                assertThat(discharged.status()).as(discharged.text()).isEqualTo(201);
                assertThat(discharged.json().get("sequence").asLong()).isEqualTo(3);
                Answer delayed = write.http().post(MEGURO_WORKER, "/api/cases/" + cases.get(2) + "/events",
                        "{\"kind\":\"DischargeDelayed\",\"occurredOn\":\"2024-05-21\",\"reasons\":[\"SERVICE_UNAVAILABLE\",\"OTHER\"]}");
                assertThat(delayed.status()).as(delayed.text()).isEqualTo(201);
                assertThat(delayed.json().get("sequence").asLong()).isEqualTo(5);
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(read.http().get(MEGURO_WORKER, "/api/cases/" + cases.get(2) + "/timeline").text())
                            .contains("\"reasons\":[\"SERVICE_UNAVAILABLE\",\"OTHER\"]"));
        }
    }

    /** Three admissions in Meguro held up for want of housing, one also by the family; one case leaves hospital. */
    private static List<String> history(Http write) {
        String first = open(write);
        record(write, first, "{\"kind\":\"Admitted\",\"occurredOn\":\"2024-03-01\",\"admissionType\":\"INVOLUNTARY\"}");
        record(write, first, "{\"kind\":\"DischargeDelayed\",\"occurredOn\":\"2024-04-10\",\"reasons\":[\"HOUSING_NOT_FOUND\"],"
                + "\"note\":\"退院先の住まいが見つからない\"}");
        String second = open(write);
        record(write, second, "{\"kind\":\"Admitted\",\"occurredOn\":\"2024-03-05\",\"admissionType\":\"VOLUNTARY\"}");
        record(write, second, "{\"kind\":\"DischargeDelayed\",\"occurredOn\":\"2024-04-12\",\"reasons\":[\"HOUSING_NOT_FOUND\"]}");
        record(write, second, "{\"kind\":\"Discharged\",\"occurredOn\":\"2024-05-01\",\"destination\":\"HOME\"}");
        String third = open(write);
        record(write, third, "{\"kind\":\"Admitted\",\"occurredOn\":\"2024-03-08\",\"admissionType\":\"MEDICAL_PROTECTION\"}");
        record(write, third, "{\"kind\":\"DischargeDelayed\",\"occurredOn\":\"2024-04-20\",\"reasons\":[\"HOUSING_NOT_FOUND\"]}");
        // a client still on the earlier catalogue sends the former single reason
        record(write, third, "{\"kind\":\"DischargeDelayed\",\"occurredOn\":\"2024-05-02\",\"reason\":\"FAMILY_OPPOSITION\"}");
        record(write, third, "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-10\",\"reason\":\"PREJUDICE\"}");
        return List.of(first, second, third);
    }

    /**
     * Turns the copy into the store the code before revision 2 wrote: its case events carry no revision
     * and the catalogue version 1, and each DischargeDelayed row is written anew in the old shape, with
     * one {@code reason}, at the same position and with the same identity. Answers the rows written.
     */
    private static int storeAsTheOldCodeDid(JdbcTemplate jdbc) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM domainevententry WHERE payloadtype = ?"
                + " ORDER BY globalindex", RECORDED);
        int written = 0;
        for (Map<String, Object> row : rows) {
            ObjectNode payload = (ObjectNode) read((byte[]) row.get("payload"));
            payload.put("catalogueVersion", 1);
            boolean delay = payload.path("kind").asText().equals("DischargeDelayed");
            if (delay) {
                ObjectNode fields = (ObjectNode) payload.get("fields");
                JsonNode reasons = fields.remove("reasons");
                assertThat(reasons.size()).as("revision 1 holds one reason").isEqualTo(1);
                fields.set("reason", reasons.get(0));
                jdbc.update("DELETE FROM domainevententry WHERE globalindex = ?", row.get("globalindex"));
                jdbc.update("INSERT INTO domainevententry (globalindex, eventidentifier, aggregateidentifier, sequencenumber,"
                                + " type, timestamp, payloadtype, payloadrevision, payload, metadata)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
                        row.get("globalindex"), row.get("eventidentifier"), row.get("aggregateidentifier"),
                        row.get("sequencenumber"), row.get("type"), row.get("timestamp"), row.get("payloadtype"),
                        payload.toString().getBytes(StandardCharsets.UTF_8), row.get("metadata"));
                written++;
            } else {
                jdbc.update("UPDATE domainevententry SET payloadrevision = NULL, payload = ? WHERE globalindex = ?",
                        payload.toString().getBytes(StandardCharsets.UTF_8), row.get("globalindex"));
            }
        }
        return written;
    }

    /** Every projection table after the read side has replayed the whole store from the start. */
    private static Map<String, List<String>> replayed(RunningService read) {
        JdbcTemplate jdbc = read.bean(JdbcTemplate.class);
        ReadSideTables tables = new ReadSideTables(jdbc);
        tables.awaitQuiet(new ArrayList<>(read.bean(EventProcessingConfiguration.class).eventProcessors().keySet()));
        return tables.snapshot();
    }

    private static String open(Http write) {
        Answer opened = write.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\",\"ageBand\":\"40-49\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        return opened.field("caseId");
    }

    private static void record(Http write, String caseId, String body) {
        Answer recorded = write.post(MEGURO_WORKER, "/api/cases/" + caseId + "/events", body);
        assertThat(recorded.status()).as(body + ": " + recorded.text()).isEqualTo(201);
    }

    private static JsonNode find(JsonNode timeline, String kind) {
        for (JsonNode entry : timeline.path("entries")) {
            if (entry.path("kind").asText().equals(kind)) {
                return entry;
            }
        }
        throw new AssertionError("no " + kind + " in " + timeline);
    }

    private static long count(JdbcTemplate jdbc, String where) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE " + where, Long.class);
        return count == null ? 0 : count;
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JdbcTemplate jdbc(TestDatabase database) {
        return new JdbcTemplate(new DriverManagerDataSource(database.url(), database.user(),
                database.password() == null ? "" : database.password()));
    }
}
