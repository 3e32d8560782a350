package jp.nimo.projection.issueplane.issue;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static jp.nimo.cases.RecordingWindow.JAPAN;
import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.OBSERVER;
import static jp.nimo.infra.test.TestUsers.SEINAMBU_SECRETARIAT;
import static jp.nimo.projection.issueplane.issue.Secretariat.meeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue timelines and issue files over real HTTP, from decisions taken on the real write side: Meguro's
 * council takes a housing issue from a practitioner's report to resolution and back; escalations,
 * merges and scope changes show on both ends.
 */
@NimoServiceTest
class IssueTimelineTest {

    private static final String MEGURO = "\"municipality\":\"13110\"";
    private static final String FIRST = meeting("令和6年度 第1回 目黒区協議の場", "2024-07-10");
    private static final String SECOND = meeting("令和6年度 第2回 目黒区協議の場", "2024-09-12");
    private static final String THIRD = meeting("令和6年度 第3回 目黒区協議の場（書面開催）", "2025-02-20");

    @LocalServerPort
    int port;

    private Http read;
    private final Secretariat meguro = new Secretariat(MEGURO_SECRETARIAT);
    private final Secretariat seinambu = new Secretariat(SEINAMBU_SECRETARIAT);

    @BeforeEach
    void setUp() {
        read = new Http(port);
    }

    /** Waits until the issue's timeline has the entries expected: the read side catches up on its own. */
    private JsonNode timelineWith(String issueId, int entries) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> read.get(TestUsers.AUDITOR, "/api/issues/" + issueId + "/timeline"),
                        a -> a.status() == 200 && a.json().get("entries").size() == entries)
                .json();
    }

    private JsonNode issue(String user, String issueId) {
        Answer answer = read.get(user, "/api/issues/" + issueId);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> texts(JsonNode entries, String field) {
        List<String> values = new ArrayList<>();
        entries.forEach(e -> values.add(e.path(field).isMissingNode() ? null : e.get(field).asText()));
        return values;
    }

    @Test
    void aTimelineReproducesTheWholeLifecycleWithItsMeetingsAndReasons() {
        String issue = meguro.raise("精神障害のある人の住まいの確保", "C04", MEGURO);
        meguro.act(issue, "promote", "{\"councilId\":\"council-13110\",\"reason\":\"入居を断られる事例が続いている\"," + FIRST + "}");
        meguro.act(issue, "start-verification", "{" + FIRST + "}");
        meguro.act(issue, "verify", "{\"statement\":\"個別の課題ではなく地域の課題として共有\"," + SECOND + "}");
        meguro.act(issue, "plan", """
                {"targets":[{"indicator":"RENTAL_REFUSALS","fiscalYear":2024,"unit":"cases","direction":"DECREASE","baseline":12,"target":6}],
                 "roles":[{"organisation":"setagaya-realtors-association","responsibility":"物件情報の提供"}],
                 "milestones":[{"due":"2024-12-31","title":"生活サポートシートの試行"}],""" + SECOND + "}");
        meguro.act(issue, "start-implementation", "{}");
        meguro.act(issue, "record-actual", "{\"indicator\":\"RENTAL_REFUSALS\",\"fiscalYear\":2024,\"value\":3,\"source\":\"MANUAL\"}");
        meguro.act(issue, "start-evaluation", "{" + THIRD + "}");
        meguro.act(issue, "resolve", "{\"reason\":\"目標を達成した\"," + THIRD + "}");
        meguro.act(issue, "reopen", "{\"reason\":\"新たな事例が報告された\"}");

        JsonNode timeline = timelineWith(issue, 10);
        JsonNode entries = timeline.get("entries");
        String today = LocalDate.now(JAPAN).toString();
        assertThat(timeline.get("issueId").asText()).isEqualTo(issue);
        assertThat(texts(entries, "type")).containsExactly("IssueRaised", "IssuePromoted", "VerificationStarted",
                "IssueVerified", "IssuePlanned", "ImplementationStarted", "ActualRecorded", "EvaluationStarted",
                "IssueResolved", "IssueReopened");
        assertThat(texts(entries, "state")).containsExactly("CANDIDATE", "PROMOTED", "UNDER_VERIFICATION", "VERIFIED",
                "PLANNED", "IN_IMPLEMENTATION", "IN_IMPLEMENTATION", "UNDER_EVALUATION", "RESOLVED", "PROMOTED");
        // business time: the meeting's day, or the day decided when no meeting is named
        assertThat(texts(entries, "at")).containsExactly(today, "2024-07-10", "2024-07-10", "2024-09-12", "2024-09-12",
                today, today, "2025-02-20", "2025-02-20", today);
        assertThat(texts(entries, "reason")).containsExactly(null, "入居を断られる事例が続いている", null, null, null, null,
                null, null, "目標を達成した", "新たな事例が報告された");
        List<Instant> recorded = texts(entries, "recordedAt").stream().map(Instant::parse).toList();
        assertThat(recorded).isSorted();
        entries.forEach(e -> {
            assertThat(e.get("actor").get("user").asText()).isEqualTo(MEGURO_SECRETARIAT);
            assertThat(e.get("actor").get("organisation").asText()).isEqualTo("meguro-disability-welfare-division");
            assertThat(e.get("actor").get("role").asText()).isEqualTo("SECRETARIAT");
        });
        assertThat(entries.get(1).get("meeting").get("title").asText()).isEqualTo("令和6年度 第1回 目黒区協議の場");
        assertThat(entries.get(1).get("meeting").get("format").asText()).isEqualTo("IN_PERSON");
        assertThat(entries.get(1).get("councilId").asText()).isEqualTo("council-13110");
        assertThat(entries.get(5).has("meeting")).isFalse();
        assertThat(entries.get(0).get("title").asText()).isEqualTo("精神障害のある人の住まいの確保");
        assertThat(entries.get(0).get("scope").get("municipality").asText()).isEqualTo("13110");
        assertThat(entries.get(0).get("origin").asText()).isEqualTo("PRACTITIONER_REPORT");
        assertThat(entries.get(3).get("statement").asText()).isEqualTo("個別の課題ではなく地域の課題として共有");
        assertThat(entries.get(4).get("targets").get(0).get("target").asInt()).isEqualTo(6);
        assertThat(entries.get(4).get("roles").get(0).get("organisation").asText()).isEqualTo("setagaya-realtors-association");
        assertThat(entries.get(6).get("actual").get("value").asInt()).isEqualTo(3);
        assertThat(entries.get(9).get("reopenedFrom").asText()).isEqualTo("RESOLVED");

        // the issue file: targets, the plan, actuals; an actual of 3 cases is a small count for an observer
        JsonNode file = issue(MEGURO_SECRETARIAT, issue);
        assertThat(file.get("state").asText()).isEqualTo("PROMOTED");
        assertThat(file.get("councilId").asText()).isEqualTo("council-13110");
        assertThat(file.get("description").asText()).isEqualTo("相談支援の現場からの報告");
        assertThat(file.get("targets").get(0).get("indicator").asText()).isEqualTo("RENTAL_REFUSALS");
        assertThat(file.get("targets").get(0).get("baseline").asInt()).isEqualTo(12);
        assertThat(file.get("plan").get("plannedOn").asText()).isEqualTo("2024-09-12");
        assertThat(file.get("plan").get("milestones").get(0).get("title").asText()).isEqualTo("生活サポートシートの試行");
        assertThat(file.get("actuals").get(0).get("value").asInt()).isEqualTo(3);
        assertThat(file.get("actuals").get(0).get("suppressed").asBoolean()).isFalse();
        assertThat(file.get("links")).isEmpty();
        JsonNode observed = issue(OBSERVER, issue);
        assertThat(observed.get("actuals").get(0).has("value")).isTrue();
        assertThat(observed.get("actuals").get(0).get("value").isNull()).isTrue();
        assertThat(observed.get("actuals").get(0).get("suppressed").asBoolean()).isTrue();
        assertThat(observed.get("targets").get(0).get("baseline").asInt()).isEqualTo(12);
        JsonNode observedTimeline = read.get(OBSERVER, "/api/issues/" + issue + "/timeline").json().get("entries");
        assertThat(observedTimeline.get(6).get("actual").get("value").isNull()).isTrue();
    }

    @Test
    void anEscalationShowsOnBothIssuesNamingTheOther() {
        String issue = meguro.raise("措置入院者の退院後支援が途切れる", "C07", MEGURO);
        meguro.act(issue, "promote", "{\"councilId\":\"council-13110\"}");
        meguro.act(issue, "start-verification", "{}");
        String linked = meguro.act(issue, "escalate", "{\"toCouncilId\":\"council-13-ku-seinambu\","
                + "\"reason\":\"圏域の医療機関との調整が必要\"," + FIRST + "}").field("linkedIssueId");

        JsonNode from = timelineWith(issue, 4).get("entries").get(3);
        assertThat(from.get("type").asText()).isEqualTo("IssueEscalated");
        assertThat(from.get("state").asText()).isEqualTo("ESCALATED");
        assertThat(from.get("reason").asText()).isEqualTo("圏域の医療機関との調整が必要");
        assertThat(from.get("at").asText()).isEqualTo("2024-07-10");
        assertThat(from.get("fromCouncilId").asText()).isEqualTo("council-13110");
        assertThat(from.get("toCouncilId").asText()).isEqualTo("council-13-ku-seinambu");
        assertThat(from.get("otherIssue").get("issueId").asText()).isEqualTo(linked);
        assertThat(from.get("otherIssue").get("relation").asText()).isEqualTo("ESCALATED_TO");

        JsonNode to = timelineWith(linked, 2).get("entries");
        assertThat(texts(to, "type")).containsExactly("IssueRaised", "IssuePromoted");
        assertThat(to.get(0).get("origin").asText()).isEqualTo("ESCALATION");
        assertThat(to.get(0).get("reason").asText()).isEqualTo("圏域の医療機関との調整が必要");
        assertThat(to.get(0).get("otherIssue").get("issueId").asText()).isEqualTo(issue);
        assertThat(to.get(0).get("otherIssue").get("title").asText()).isEqualTo("措置入院者の退院後支援が途切れる");
        assertThat(to.get(0).get("otherIssue").get("relation").asText()).isEqualTo("ESCALATED_FROM");
        assertThat(to.get(1).get("councilId").asText()).isEqualTo("council-13-ku-seinambu");

        JsonNode escalated = issue(MEGURO_SECRETARIAT, issue);
        assertThat(escalated.get("state").asText()).isEqualTo("ESCALATED");
        assertThat(escalated.get("links").get(0).get("relation").asText()).isEqualTo("ESCALATED_TO");
        assertThat(escalated.get("links").get(0).get("issueId").asText()).isEqualTo(linked);
        assertThat(escalated.get("links").get(0).get("councilId").asText()).isEqualTo("council-13-ku-seinambu");
        assertThat(escalated.get("links").get(0).get("title").asText()).isEqualTo("措置入院者の退院後支援が途切れる");
        JsonNode receiving = issue(SEINAMBU_SECRETARIAT, linked);
        assertThat(receiving.get("state").asText()).isEqualTo("PROMOTED");
        assertThat(receiving.get("councilId").asText()).isEqualTo("council-13-ku-seinambu");
        assertThat(receiving.get("links").get(0).get("relation").asText()).isEqualTo("ESCALATED_FROM");
        assertThat(receiving.get("links").get(0).get("issueId").asText()).isEqualTo(issue);
    }

    @Test
    void aMergeShowsOnBothIssuesNamingTheOther() {
        String into = meguro.raise("精神障害のある人の住まいの確保", "C04", MEGURO);
        String merged = meguro.raise("不動産業者に入居を断られる", "C04", MEGURO);
        meguro.act(merged, "merge", "{\"intoIssueId\":\"" + into + "\",\"reason\":\"同じ課題\"," + FIRST + "}");

        JsonNode mergedEnd = timelineWith(merged, 2).get("entries").get(1);
        assertThat(mergedEnd.get("type").asText()).isEqualTo("IssueMerged");
        assertThat(mergedEnd.get("state").asText()).isEqualTo("MERGED");
        assertThat(mergedEnd.get("reason").asText()).isEqualTo("同じ課題");
        assertThat(mergedEnd.get("otherIssue").get("issueId").asText()).isEqualTo(into);
        assertThat(mergedEnd.get("otherIssue").get("title").asText()).isEqualTo("精神障害のある人の住まいの確保");
        assertThat(mergedEnd.get("otherIssue").get("relation").asText()).isEqualTo("MERGED_INTO");

        JsonNode intoEnd = timelineWith(into, 2).get("entries").get(1);
        assertThat(intoEnd.get("type").asText()).isEqualTo("MergedIssueTakenIn");
        assertThat(intoEnd.get("state").asText()).isEqualTo("CANDIDATE");
        assertThat(intoEnd.get("reason").asText()).isEqualTo("同じ課題");
        assertThat(intoEnd.get("at").asText()).isEqualTo("2024-07-10");
        assertThat(intoEnd.get("otherIssue").get("issueId").asText()).isEqualTo(merged);
        assertThat(intoEnd.get("otherIssue").get("title").asText()).isEqualTo("不動産業者に入居を断られる");
        assertThat(intoEnd.get("otherIssue").get("relation").asText()).isEqualTo("TOOK_IN");

        assertThat(issue(MEGURO_SECRETARIAT, merged).get("links").get(0).get("relation").asText()).isEqualTo("MERGED_INTO");
        JsonNode took = issue(MEGURO_SECRETARIAT, into).get("links").get(0);
        assertThat(took.get("relation").asText()).isEqualTo("TOOK_IN");
        assertThat(took.get("issueId").asText()).isEqualTo(merged);
    }

    @Test
    void aScopeChangeShowsTheOldAndTheNewScopeAndMovesTheIssueOnTheBoard() {
        String issue = meguro.raise("精神障害のある人の住まいの確保", "C04", MEGURO);
        seinambu.act(issue, "change-scope", "{\"region\":\"13-ku-seinambu\",\"population\":\"ALL_DISABILITIES\","
                + "\"reason\":\"他障害・近隣区でも同様のニーズ\"}");

        JsonNode change = timelineWith(issue, 2).get("entries").get(1);
        assertThat(change.get("type").asText()).isEqualTo("IssueScopeChanged");
        assertThat(change.get("reason").asText()).isEqualTo("他障害・近隣区でも同様のニーズ");
        assertThat(change.get("actor").get("user").asText()).isEqualTo(SEINAMBU_SECRETARIAT);
        assertThat(change.get("oldScope").get("municipality").asText()).isEqualTo("13110");
        assertThat(change.get("oldScope").get("region").asText()).isEqualTo("13-ku-seinambu");
        assertThat(change.get("oldScope").get("population").asText()).isEqualTo("MENTAL_DISABILITY");
        assertThat(change.get("newScope").has("municipality")).isFalse();
        assertThat(change.get("newScope").get("region").asText()).isEqualTo("13-ku-seinambu");
        assertThat(change.get("newScope").get("population").asText()).isEqualTo("ALL_DISABILITIES");
        assertThat(change.get("newScope").get("category").asText()).isEqualTo("C04");

        JsonNode file = issue(SEINAMBU_SECRETARIAT, issue);
        assertThat(file.has("municipality")).isFalse();
        assertThat(file.get("region").asText()).isEqualTo("13-ku-seinambu");
        assertThat(file.get("population").asText()).isEqualTo("ALL_DISABILITIES");
        JsonNode meguroBoard = read.get(MEGURO_SECRETARIAT, "/api/issues?municipality=13110").json();
        assertThat(meguroBoard.findValuesAsText("issueId")).doesNotContain(issue);
        // widened to the region before Meguro's council took it up: now the region's councils' to read
        assertThat(read.get(MEGURO_SECRETARIAT, "/api/issues/" + issue).status()).isEqualTo(404);
    }

    @Test
    void anUnknownIssueIsA404AndCredentialsAreRequired() {
        for (String path : List.of("/api/issues/00000000-0000-0000-0000-000000000000",
                "/api/issues/00000000-0000-0000-0000-000000000000/timeline", "/api/issues/not-an-id",
                "/api/issues/not-an-id/timeline")) {
            Answer answer = read.get(MEGURO_SECRETARIAT, path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(read.get(null, path).status()).as(path).isEqualTo(401);
        }
    }
}
