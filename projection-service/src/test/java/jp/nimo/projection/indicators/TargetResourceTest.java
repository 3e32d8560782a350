package jp.nimo.projection.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static jp.nimo.projection.indicators.AnalyticsWorld.openCase;
import static jp.nimo.projection.indicators.AnalyticsWorld.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Meguro's sheet of FY R4 (2022) rebuilt: targets set when the year starts, beside the actual the
 * indicator projection computes from case events and the actuals the secretariat recorded, each with
 * its source; whether each target is met; as known now and before the late entries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = AnalyticsWorld.ReadSide.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TargetResourceTest {

    private static final String MEETING = "\"meeting\":{\"title\":\"令和4年度第1回協議の場\",\"heldOn\":\"2022-07-20\",\"format\":\"IN_PERSON\"}";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private Http read;
    private String issueId;
    private Instant beforeRaised;
    private Instant beforeSupport;

    @BeforeAll
    void meguroFiscalYear2022() {
        read = new Http(port);
        Http write = AnalyticsWorld.write();
        beforeRaised = Instant.now();
        await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(beforeRaised));
        Answer raised = write.post(TestUsers.MEGURO_SECRETARIAT, "/api/issues", """
                {"title":"措置入院者の退院後支援とアウトリーチ","category":"C07","municipality":"13110",
                 "origin":"PRACTITIONER_REPORT","description":"退院後の支援につながらない事例"}""");
        assertThat(raised.status()).as(raised.text()).isEqualTo(201);
        issueId = raised.field("issueId");
        act(write, "promote", "{\"councilId\":\"council-13110\"," + MEETING + "}");
        act(write, "start-verification", "{" + MEETING + "}");
        act(write, "verify", "{\"statement\":\"区の課題として共有\"," + MEETING + "}");
        act(write, "plan", """
                {"targets":[
                  {"indicator":"COUNCIL_MEETINGS_HELD","fiscalYear":2022,"unit":"meetings","direction":"INCREASE","baseline":0,"target":1},
                  {"indicator":"POST_DISCHARGE_SUPPORT_STARTED","fiscalYear":2022,"unit":"cases","direction":"INCREASE","baseline":1,"target":2},
                  {"indicator":"OUTREACH_VISITS_BY_PSYCHIATRIC_SOCIAL_WORKER","fiscalYear":2022,"unit":"visits","direction":"INCREASE","baseline":0,"target":2}],
                 "roles":[{"organisation":"meguro-health-centre","responsibility":"アウトリーチの実施"}],
                 "milestones":[{"due":"2022-09-30","title":"新しい仕組みでの運用開始"}],""" + MEETING + "}");
        act(write, "start-implementation", "{" + MEETING + "}");

        // the year's cases: one discharge after 措置入院, six visits with a PSW (two in FY2021, not counted)
        String discharged = openCase("13110");
        record(discharged, "Admitted", LocalDate.parse("2022-05-01"), "admissionType", "INVOLUNTARY");
        record(discharged, "Discharged", LocalDate.parse("2022-06-01"), "destination", "HOME");
        String visited = openCase("13110");
        for (String on : List.of("2022-04-05", "2022-05-05", "2022-06-05", "2022-09-05", "2022-12-05", "2023-03-05",
                "2022-03-05", "2021-12-05")) {
            record(visited, "OutreachVisitConducted", LocalDate.parse(on), "visitorProfessions",
                    List.of("PSYCHIATRIC_SOCIAL_WORKER"), "contactMade", true);
        }
        AnalyticsWorld.awaitQuiet(jdbc, List.of(IndicatorProjection.NAME, "issue-plane"));
        beforeSupport = Instant.now();
        await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(beforeSupport));
        record(discharged, "PostDischargeSupportStarted", LocalDate.parse("2022-06-10"), "planCreated", true);
        act(write, "record-actual", "{\"indicator\":\"POST_DISCHARGE_SUPPORT_STARTED\",\"fiscalYear\":2022,\"value\":1,"
                + "\"source\":\"MANUAL\"}");
        act(write, "record-actual", "{\"indicator\":\"COUNCIL_MEETINGS_HELD\",\"fiscalYear\":2022,\"value\":1,"
                + "\"source\":\"OFFICIAL_STATISTIC\"}");
        AnalyticsWorld.awaitQuiet(jdbc, List.of(IndicatorProjection.NAME, "issue-plane"));
    }

    private void act(Http write, String action, String body) {
        Answer answer = write.post(TestUsers.MEGURO_SECRETARIAT, "/api/issues/" + issueId + "/" + action, body);
        assertThat(answer.status()).as(action + ": " + answer.text()).isEqualTo(200);
    }

    private JsonNode targets(String user, String query) {
        Answer answer = read.get(user, "/api/issues/" + issueId + "/targets" + query);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode target(JsonNode answer, String indicator) {
        for (JsonNode target : answer.get("targets")) {
            if (target.get("indicator").asText().equals(indicator)) {
                return target;
            }
        }
        throw new AssertionError("no target " + indicator + " in " + answer);
    }

    @Test
    void eachTargetStandsBesideTheProjectedActualAndTheRecordedOnesWithTheirSources() {
        JsonNode sheet = targets(TestUsers.MEGURO_SECRETARIAT, "");

        assertThat(sheet.get("area").get("code").asText()).isEqualTo("13110");
        assertThat(sheet.get("area").get("label").asText()).isEqualTo("目黒区");
        // ② 措置入院者退院後支援: target 2, actual 1, as the sheet has it
        JsonNode support = target(sheet, "POST_DISCHARGE_SUPPORT_STARTED");
        assertThat(support.get("label").asText()).isEqualTo("措置入院者等の退院後支援の実施件数");
        assertThat(support.get("target").asInt()).isEqualTo(2);
        assertThat(support.get("fiscalYearLabel").asText()).isEqualTo("令和4年度");
        assertThat(support.get("baseline").asInt()).isEqualTo(1);
        assertThat(support.get("projectedActual").get("value").asInt()).isEqualTo(1);
        assertThat(support.get("projectedActual").get("source").asText()).isEqualTo("PROJECTION");
        assertThat(support.get("projectedActual").get("met").asBoolean()).isFalse();
        assertThat(support.get("actuals")).hasSize(1);
        assertThat(support.get("actuals").get(0).get("source").asText()).isEqualTo("MANUAL");
        assertThat(support.get("actuals").get(0).get("value").asInt()).isEqualTo(1);
        assertThat(support.get("met").asBoolean()).isFalse();
        assertThat(support.get("metBy").asText()).isEqualTo("MANUAL");

        // ③ アウトリーチ: 6 PSW visits in the year against a target of 2, from the projection alone
        JsonNode outreach = target(sheet, "OUTREACH_VISITS_BY_PSYCHIATRIC_SOCIAL_WORKER");
        assertThat(outreach.get("projectedActual").get("value").asInt()).isEqualTo(6);
        assertThat(outreach.get("actuals")).isEmpty();
        assertThat(outreach.get("met").asBoolean()).isTrue();
        assertThat(outreach.get("metBy").asText()).isEqualTo("PROJECTION");

        // ① 協議の場: an official figure recorded by hand outranks the count of meetings held that Nimo computes
        // (no meeting of Meguro's council was held in FY2022)
        JsonNode meetings = target(sheet, "COUNCIL_MEETINGS_HELD");
        assertThat(meetings.get("projectedActual").get("value").asInt()).isZero();
        assertThat(meetings.get("actuals").get(0).get("source").asText()).isEqualTo("OFFICIAL_STATISTIC");
        assertThat(meetings.get("met").asBoolean()).isTrue();
        assertThat(meetings.get("metBy").asText()).isEqualTo("OFFICIAL_STATISTIC");
    }

    @Test
    void asKnownBeforeTheSupportWasEnteredTheProjectedActualWasNothing() {
        JsonNode before = targets(TestUsers.MEGURO_SECRETARIAT, "?asOf=" + beforeSupport);

        JsonNode support = target(before, "POST_DISCHARGE_SUPPORT_STARTED");
        assertThat(support.get("projectedActual").get("value").asInt()).isZero();
        assertThat(support.get("actuals")).isEmpty();
        assertThat(support.get("met").asBoolean()).isFalse();
        assertThat(support.get("metBy").asText()).isEqualTo("PROJECTION");
        // no meeting held and no figure recorded yet: judged on the meetings held, none
        assertThat(target(before, "COUNCIL_MEETINGS_HELD").get("met").asBoolean()).isFalse();
        assertThat(target(before, "COUNCIL_MEETINGS_HELD").get("metBy").asText()).isEqualTo("PROJECTION");

        assertThat(read.get(TestUsers.MEGURO_SECRETARIAT, "/api/issues/" + issueId + "/targets?asOf=" + beforeRaised)
                .status()).isEqualTo(404);
    }

    @Test
    void anAnalystSeesSmallActualsHiddenAndNotWhetherTheyMetTheTarget() {
        JsonNode sheet = targets(TestUsers.ANALYST, "");

        assertThat(sheet.get("suppression").get("applied").asBoolean()).isTrue();
        JsonNode support = target(sheet, "POST_DISCHARGE_SUPPORT_STARTED");
        // 1 of a target of 2: "not met" would tell that it is 1
        assertThat(support.get("projectedActual").get("value").isNull()).isTrue();
        assertThat(support.get("projectedActual").get("suppressed").asBoolean()).isTrue();
        assertThat(support.get("actuals").get(0).get("value").isNull()).isTrue();
        assertThat(support.get("actuals").get(0).get("suppressed").asBoolean()).isTrue();
        assertThat(support.get("met").isNull()).isTrue();
        assertThat(support.get("baseline").isNull()).isTrue();
        assertThat(target(sheet, "OUTREACH_VISITS_BY_PSYCHIATRIC_SOCIAL_WORKER").get("projectedActual").get("value").asInt())
                .isEqualTo(6);
    }

    @Test
    void theSheetDownloadsAsCsvAndOnlyReadersOfAggregatesMayReadIt() {
        Answer csv = read.get(TestUsers.AUDITOR, "/api/issues/" + issueId + "/targets?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text()).startsWith("\uFEFFissue_id,");
        assertThat(csv.text()).contains("POST_DISCHARGE_SUPPORT_STARTED,措置入院者等の退院後支援の実施件数,2022,cases,INCREASE,1,2,"
                + "PROJECTED_ACTUAL,PROJECTION,1,false,false");

        assertThat(read.get(TestUsers.MEGURO_WORKER, "/api/issues/" + issueId + "/targets").status()).isEqualTo(403);
        assertThat(read.get(TestUsers.ADMIN, "/api/issues/" + issueId + "/targets").status()).isEqualTo(403);
        assertThat(read.get(null, "/api/issues/" + issueId + "/targets").status()).isEqualTo(401);
        assertThat(read.get(TestUsers.OBSERVER, "/api/issues/00000000-0000-0000-0000-000000000000/targets").status())
                .isEqualTo(404);
        assertThat(read.get(TestUsers.OBSERVER, "/api/issues/not-an-issue/targets").status()).isEqualTo(404);
    }
}
