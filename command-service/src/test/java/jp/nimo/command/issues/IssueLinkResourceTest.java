package jp.nimo.command.issues;

import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.issues.Actor;
import jp.nimo.issues.Decision;
import jp.nimo.issues.IssueCommand.ReportIssueUp;
import jp.nimo.issues.IssueId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static jp.nimo.infra.test.TestUsers.COUNCIL_MEMBER;
import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static jp.nimo.infra.test.TestUsers.SEINAMBU_SECRETARIAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Levels working in parallel over REST and the real event store: Meguro's council reports its housing issue
 * up to 区西南部 and to Tokyo while it keeps working on it; 区西南部 delegates the community half of its own
 * issue to Meguro. Each opens one linked issue, PROMOTED at the other council, linked both ways.
 */
@NimoServiceTest
class IssueLinkResourceTest {

    private static final String MEETING = "\"meeting\":{\"title\":\"令和6年度 第2回 目黒区協議の場\",\"heldOn\":\"2024-10-09\",\"format\":\"IN_PERSON\"}";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    /** Meguro's housing issue, on its council's agenda and under verification. */
    private String meguroIssue() {
        Answer raised = http.post(MEGURO_SECRETARIAT, "/api/issues", """
                {"title":"退院後の住まいの確保","category":"C04","municipality":"13110",
                 "origin":"PRACTITIONER_REPORT","description":"入居を断られる事例が続く"}""");
        assertThat(raised.status()).isEqualTo(201);
        String issue = raised.field("issueId");
        assertThat(act(MEGURO_SECRETARIAT, issue, "promote", "{\"councilId\":\"council-13110\"}").status()).isEqualTo(200);
        assertThat(act(MEGURO_SECRETARIAT, issue, "start-verification", "{}").status()).isEqualTo(200);
        return issue;
    }

    private Answer act(String user, String issue, String action, String body) {
        return http.post(user, "/api/issues/" + issue + "/" + action, body);
    }

    private Answer reportUp(String issue, String council, String key) {
        return http.post(MEGURO_SECRETARIAT, "/api/issues/" + issue + "/report-up",
                "{\"toCouncilId\":\"" + council + "\",\"reason\":\"区だけでは確保できない\"," + MEETING + "}", key);
    }

    private String payload(String issue, long sequence) {
        return jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND sequencenumber = ?", String.class, issue, sequence);
    }

    private List<String> types(String issue) {
        return jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ?"
                + " ORDER BY sequencenumber", String.class, issue);
    }

    @Test
    void aMunicipalityReportsUpToItsRegionAndToTokyoAndKeepsWorkingOnTheIssue() {
        String issue = meguroIssue();
        Answer toRegion = reportUp(issue, "council-13-ku-seinambu", UUID.randomUUID().toString());
        assertThat(toRegion.status()).as(toRegion.text()).isEqualTo(200);
        assertThat(toRegion.field("state")).isEqualTo("UNDER_VERIFICATION");
        String regional = toRegion.field("linkedIssueId");
        Answer toTokyo = reportUp(issue, "council-13", UUID.randomUUID().toString());
        assertThat(toTokyo.status()).as(toTokyo.text()).isEqualTo(200);
        String prefectural = toTokyo.field("linkedIssueId");
        assertThat(prefectural).isNotEqualTo(regional).isNotEqualTo(issue);

        // this issue: both links to, still under verification
        assertThat(types(issue)).filteredOn(t -> t.endsWith("IssueReportedUp")).hasSize(2);
        assertThat(payload(issue, 3)).contains("\"toCouncilId\":\"council-13-ku-seinambu\"",
                "\"linkedIssueId\":\"" + regional + "\"", "\"state\":\"UNDER_VERIFICATION\"");
        assertThat(payload(issue, 4)).contains("\"toCouncilId\":\"council-13\"", "\"linkedIssueId\":\"" + prefectural + "\"");
        // the other ends: opened PROMOTED at the region and at Tokyo, origin REPORT, linked back
        for (String[] other : List.of(new String[]{regional, "council-13-ku-seinambu"}, new String[]{prefectural, "council-13"})) {
            assertThat(types(other[0])).hasSize(3);
            assertThat(payload(other[0], 0)).contains("\"origin\":\"REPORT\"", "\"title\":\"退院後の住まいの確保\"",
                    "\"code\":\"13110\"");
            assertThat(payload(other[0], 1)).contains("\"councilId\":\"" + other[1] + "\"", "\"state\":\"PROMOTED\"");
            assertThat(payload(other[0], 2)).contains("\"link\":\"REPORTED_FROM\"", "\"otherIssueId\":\"" + issue + "\"",
                    "\"otherCouncilId\":\"council-13110\"");
        }
        // both stay open: Meguro verifies its issue, the region starts verifying its own
        Answer verified = act(MEGURO_SECRETARIAT, issue, "verify", "{\"statement\":\"地域の課題として共有\"}");
        assertThat(verified.field("state")).isEqualTo("VERIFIED");
        assertThat(act(MEGURO_SECRETARIAT, regional, "start-verification", "{}").status()).isEqualTo(403);
        Answer regionVerifies = act(SEINAMBU_SECRETARIAT, regional, "start-verification", "{}");
        assertThat(regionVerifies.status()).as(regionVerifies.text()).isEqualTo(200);
        assertThat(regionVerifies.field("state")).isEqualTo("UNDER_VERIFICATION");
    }

    @Test
    void aRetriedReportOpensNothingNew() {
        String issue = meguroIssue();
        String key = UUID.randomUUID().toString();
        Answer first = reportUp(issue, "council-13-ku-seinambu", key);
        assertThat(first.status()).isEqualTo(200);
        long stored = EventStoreRows.count(jdbc);
        Answer retried = reportUp(issue, "council-13-ku-seinambu", key);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.field("linkedIssueId")).isEqualTo(first.field("linkedIssueId"));
        assertThat(EventStoreRows.count(jdbc)).as("the same key opens nothing new").isEqualTo(stored);
        // a new request for the same link (another key) is refused: the issue is already reported there
        Answer again = reportUp(issue, "council-13-ku-seinambu", UUID.randomUUID().toString());
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.field("rule")).isEqualTo("already-linked");
        assertThat(again.field("field")).isEqualTo("toCouncilId");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(stored);
    }

    @Test
    void aReportToALowerOrUnrelatedCouncilIsRefusedNamingIt() {
        String issue = meguroIssue();
        long stored = EventStoreRows.count(jdbc);
        for (String council : List.of("council-13112", "council-13-minamitama")) {
            Answer refused = reportUp(issue, council, UUID.randomUUID().toString());
            assertThat(refused.status()).as(council + ": " + refused.text()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.field("field")).isEqualTo("toCouncilId");
            assertThat(refused.field("rule")).isEqualTo("report-up-to-higher-level");
        }
        Answer unknown = reportUp(issue, "council-99999", UUID.randomUUID().toString());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").findValuesAsText("field")).containsExactly("toCouncilId");
        Answer noReason = act(MEGURO_SECRETARIAT, issue, "report-up", "{\"toCouncilId\":\"council-13\"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errors").findValuesAsText("field")).containsExactly("reason");
        assertThat(EventStoreRows.count(jdbc)).as("nothing stored").isEqualTo(stored);
    }

    @Test
    void aReportWhoseLinkedIssueCannotBeOpenedIsNotRecordedEither() {
        String issue = meguroIssue();
        // the linked issue's id is taken, so opening it at the region fails after the report
        String taken = meguroIssue();
        long issueBefore = EventStoreRows.countFor(jdbc, issue);
        long takenBefore = EventStoreRows.countFor(jdbc, taken);
        Decision decision = new Decision(Actor.SYSTEM, Instant.now(), null, "区だけでは確保できない");
        assertThatThrownBy(() -> commands.sendAndWait(new ReportIssueUp(IssueId.of(issue), "council-13-ku-seinambu",
                IssueId.of(taken), decision))).hasMessageContaining(taken);
        assertThat(EventStoreRows.countFor(jdbc, issue)).as("no IssueReportedUp").isEqualTo(issueBefore);
        assertThat(EventStoreRows.countFor(jdbc, taken)).isEqualTo(takenBefore);
        // and the report can be made afterwards
        assertThat(reportUp(issue, "council-13-ku-seinambu", UUID.randomUUID().toString()).status()).isEqualTo(200);
    }

    @Test
    void onlyTheSecretariatOfTheIssuesCouncilReportsUp() {
        String issue = meguroIssue();
        long stored = EventStoreRows.count(jdbc);
        String body = "{\"toCouncilId\":\"council-13-ku-seinambu\",\"reason\":\"区だけでは確保できない\"}";
        for (String user : List.of(MEGURO_WORKER, COUNCIL_MEMBER, SEINAMBU_SECRETARIAT)) {
            Answer refused = act(user, issue, "report-up", body);
            assertThat(refused.status()).as(user).isEqualTo(403);
        }
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(stored);
    }

    @Test
    void theRegionDelegatesTheCommunityHalfOfItsIssueToMeguro() {
        Answer raised = http.post(SEINAMBU_SECRETARIAT, "/api/issues", """
                {"title":"長期入院者の地域移行","category":"C04","region":"13-ku-seinambu",
                 "origin":"PRACTITIONER_REPORT","description":"病院と地域の両方で取り組みが要る"}""");
        assertThat(raised.status()).as(raised.text()).isEqualTo(201);
        String issue = raised.field("issueId");
        assertThat(act(SEINAMBU_SECRETARIAT, issue, "promote", "{\"councilId\":\"council-13-ku-seinambu\"}").status())
                .isEqualTo(200);
        long stored = EventStoreRows.count(jdbc);
        Answer upward = act(SEINAMBU_SECRETARIAT, issue, "delegate",
                "{\"toCouncilId\":\"council-13\",\"reason\":\"都で\"}");
        assertThat(upward.status()).isEqualTo(422);
        assertThat(upward.field("field")).isEqualTo("toCouncilId");
        Answer outside = act(SEINAMBU_SECRETARIAT, issue, "delegate",
                "{\"toCouncilId\":\"council-13201\",\"reason\":\"八王子で\"}");
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.field("rule")).isEqualTo("delegate-to-lower-level");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(stored);

        Answer delegated = act(SEINAMBU_SECRETARIAT, issue, "delegate",
                "{\"toCouncilId\":\"council-13110\",\"scope\":\"地域の受け皿（住まいと日中活動）\",\"reason\":\"区で取り組む\"}");
        assertThat(delegated.status()).as(delegated.text()).isEqualTo(200);
        assertThat(delegated.field("state")).isEqualTo("PROMOTED");
        String linked = delegated.field("linkedIssueId");
        assertThat(payload(issue, 2)).contains("\"toCouncilId\":\"council-13110\"",
                "\"scope\":\"地域の受け皿（住まいと日中活動）\"", "\"linkedIssueId\":\"" + linked + "\"");
        assertThat(payload(linked, 0)).contains("\"origin\":\"DELEGATION\"",
                "\"area\":{\"level\":\"MUNICIPALITY\",\"code\":\"13110\"}");
        assertThat(payload(linked, 1)).contains("\"councilId\":\"council-13110\"");
        assertThat(payload(linked, 2)).contains("\"link\":\"DELEGATED_FROM\"", "\"otherIssueId\":\"" + issue + "\"",
                "\"scope\":\"地域の受け皿（住まいと日中活動）\"");
        // Meguro works on its half; the region keeps its issue
        assertThat(act(MEGURO_SECRETARIAT, linked, "start-verification", "{}").field("state"))
                .isEqualTo("UNDER_VERIFICATION");
        assertThat(act(SEINAMBU_SECRETARIAT, issue, "start-verification", "{}").field("state"))
                .isEqualTo("UNDER_VERIFICATION");
    }
}
