package jp.nimo.projection.issueplane.issue;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.SEINAMBU_SECRETARIAT;
import static jp.nimo.projection.issueplane.issue.Secretariat.meeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reports up and delegations on the read side, from decisions taken on the real write side: each shows on
 * both issues' timelines, files and board items, naming the other issue, the other council and the part
 * a delegation handed over, while both issues stay open.
 */
@NimoServiceTest
class IssueLinksTest {

    private static final String MEETING = meeting("令和6年度 第2回 目黒区協議の場", "2024-10-09");

    @LocalServerPort
    int port;

    private Http read;
    private final Secretariat meguro = new Secretariat(MEGURO_SECRETARIAT);
    private final Secretariat seinambu = new Secretariat(SEINAMBU_SECRETARIAT);

    @BeforeEach
    void setUp() {
        read = new Http(port);
    }

    private JsonNode timelineWith(String issueId, int entries) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> read.get(TestUsers.AUDITOR, "/api/issues/" + issueId + "/timeline"),
                        a -> a.status() == 200 && a.json().get("entries").size() == entries)
                .json().get("entries");
    }

    private JsonNode issue(String user, String issueId) {
        Answer answer = read.get(user, "/api/issues/" + issueId);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    private JsonNode boardItem(String user, String query, String issueId) {
        Answer board = read.get(user, "/api/issues?" + query);
        assertThat(board.status()).as(board.text()).isEqualTo(200);
        for (JsonNode item : board.json().get("items")) {
            if (item.get("issueId").asText().equals(issueId)) {
                return item;
            }
        }
        throw new AssertionError(issueId + " is not on the board of " + user + " for " + query);
    }

    @Test
    void aReportUpShowsOnBothIssuesAndBothBoards() {
        String issue = meguro.raise("退院後の住まいの確保", "C04", "\"municipality\":\"13110\"");
        meguro.act(issue, "promote", "{\"councilId\":\"council-13110\"}");
        String linked = meguro.act(issue, "report-up", "{\"toCouncilId\":\"council-13-ku-seinambu\","
                + "\"reason\":\"区だけでは住まいを確保できない\"," + MEETING + "}").field("linkedIssueId");

        JsonNode from = timelineWith(issue, 3).get(2);
        assertThat(from.get("type").asText()).isEqualTo("IssueReportedUp");
        assertThat(from.get("state").asText()).isEqualTo("PROMOTED");
        assertThat(from.get("reason").asText()).isEqualTo("区だけでは住まいを確保できない");
        assertThat(from.get("at").asText()).isEqualTo("2024-10-09");
        assertThat(from.get("toCouncilId").asText()).isEqualTo("council-13-ku-seinambu");
        assertThat(from.get("otherIssue").get("issueId").asText()).isEqualTo(linked);
        assertThat(from.get("otherIssue").get("relation").asText()).isEqualTo("REPORTED_TO");

        JsonNode to = timelineWith(linked, 3);
        assertThat(to.get(0).get("type").asText()).isEqualTo("IssueRaised");
        assertThat(to.get(0).get("origin").asText()).isEqualTo("REPORT");
        assertThat(to.get(1).get("councilId").asText()).isEqualTo("council-13-ku-seinambu");
        assertThat(to.get(2).get("type").asText()).isEqualTo("IssueLinked");
        assertThat(to.get(2).get("fromCouncilId").asText()).isEqualTo("council-13110");
        assertThat(to.get(2).get("otherIssue").get("issueId").asText()).isEqualTo(issue);
        assertThat(to.get(2).get("otherIssue").get("title").asText()).isEqualTo("退院後の住まいの確保");
        assertThat(to.get(2).get("otherIssue").get("relation").asText()).isEqualTo("REPORTED_FROM");

        JsonNode reporting = issue(MEGURO_SECRETARIAT, issue);
        assertThat(reporting.get("state").asText()).isEqualTo("PROMOTED");
        JsonNode up = reporting.get("links").get(0);
        assertThat(up.get("relation").asText()).isEqualTo("REPORTED_TO");
        assertThat(up.get("issueId").asText()).isEqualTo(linked);
        assertThat(up.get("councilId").asText()).isEqualTo("council-13-ku-seinambu");
        assertThat(up.get("title").asText()).isEqualTo("退院後の住まいの確保");
        JsonNode receiving = issue(SEINAMBU_SECRETARIAT, linked);
        assertThat(receiving.get("state").asText()).isEqualTo("PROMOTED");
        assertThat(receiving.get("origin").asText()).isEqualTo("REPORT");
        assertThat(receiving.get("links").get(0).get("relation").asText()).isEqualTo("REPORTED_FROM");
        assertThat(receiving.get("links").get(0).get("councilId").asText()).isEqualTo("council-13110");

        JsonNode meguroBoard = boardItem(MEGURO_SECRETARIAT, "councilId=council-13110", issue);
        assertThat(meguroBoard.get("links").get(0).get("relation").asText()).isEqualTo("REPORTED_TO");
        assertThat(meguroBoard.get("links").get(0).get("issueId").asText()).isEqualTo(linked);
        JsonNode regionBoard = boardItem(SEINAMBU_SECRETARIAT, "councilId=council-13-ku-seinambu", linked);
        assertThat(regionBoard.get("state").asText()).isEqualTo("PROMOTED");
        assertThat(regionBoard.get("links").get(0).get("relation").asText()).isEqualTo("REPORTED_FROM");
        assertThat(regionBoard.get("links").get(0).get("councilId").asText()).isEqualTo("council-13110");
    }

    @Test
    void aDelegationNamesThePartItHandsOverOnBothEnds() {
        String issue = seinambu.raise("長期入院者の地域移行", "C04", "\"region\":\"13-ku-seinambu\"");
        seinambu.act(issue, "promote", "{\"councilId\":\"council-13-ku-seinambu\"}");
        String linked = seinambu.act(issue, "delegate", "{\"toCouncilId\":\"council-13110\","
                + "\"scope\":\"地域の受け皿（住まいと日中活動）\",\"reason\":\"区で取り組む\"}").field("linkedIssueId");

        JsonNode from = timelineWith(issue, 3).get(2);
        assertThat(from.get("type").asText()).isEqualTo("IssueDelegated");
        assertThat(from.get("delegatedScope").asText()).isEqualTo("地域の受け皿（住まいと日中活動）");
        assertThat(from.get("otherIssue").get("relation").asText()).isEqualTo("DELEGATED_TO");
        JsonNode to = timelineWith(linked, 3).get(2);
        assertThat(to.get("delegatedScope").asText()).isEqualTo("地域の受け皿（住まいと日中活動）");
        assertThat(to.get("otherIssue").get("relation").asText()).isEqualTo("DELEGATED_FROM");

        JsonNode delegating = issue(SEINAMBU_SECRETARIAT, issue).get("links").get(0);
        assertThat(delegating.get("relation").asText()).isEqualTo("DELEGATED_TO");
        assertThat(delegating.get("councilId").asText()).isEqualTo("council-13110");
        assertThat(delegating.get("scope").asText()).isEqualTo("地域の受け皿（住まいと日中活動）");
        JsonNode delegated = issue(MEGURO_SECRETARIAT, linked);
        assertThat(delegated.get("municipality").asText()).isEqualTo("13110");
        assertThat(delegated.get("origin").asText()).isEqualTo("DELEGATION");
        assertThat(delegated.get("links").get(0).get("relation").asText()).isEqualTo("DELEGATED_FROM");
        assertThat(delegated.get("links").get(0).get("scope").asText()).isEqualTo("地域の受け皿（住まいと日中活動）");

        JsonNode meguroBoard = boardItem(MEGURO_SECRETARIAT, "councilId=council-13110", linked);
        assertThat(meguroBoard.get("links").get(0).get("scope").asText()).isEqualTo("地域の受け皿（住まいと日中活動）");
        assertThat(meguroBoard.get("links").get(0).get("councilId").asText()).isEqualTo("council-13-ku-seinambu");
        // as known before the delegation, the region's issue had no link
        String before = from.get("recordedAt").asText();
        Answer earlier = read.get(SEINAMBU_SECRETARIAT, "/api/issues/" + issue + "?asOf="
                + java.time.Instant.parse(before).minusMillis(1));
        assertThat(earlier.json().get("links")).isEmpty();
    }
}
