package jp.nimo.projection.issueplane.issue;

import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.projection.InPlaceRebuild;
import jp.nimo.projection.issueplane.board.IssueBoardProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.SEINAMBU_SECRETARIAT;
import static jp.nimo.projection.issueplane.issue.Secretariat.meeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The issue plane rebuilt from the real event store equals the live one, versions and knowledge times included. */
@NimoServiceTest
class IssuePlaneRebuildTest {

    private static final List<String> TABLES = List.of("issue_board_version", "issue_evidence_version",
            "issue_target_version", "issue_plan", "issue_actual", "issue_link", "issue_timeline_entry");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aRebuildFromTheEventStoreEqualsTheLiveProjection() {
        Secretariat meguro = new Secretariat(MEGURO_SECRETARIAT);
        String first = meeting("令和6年度 第1回 目黒区協議の場", "2024-07-10");
        String planned = meguro.raise("精神障害のある人の住まいの確保", "C04", "\"municipality\":\"13110\"");
        meguro.act(planned, "promote", "{\"councilId\":\"council-13110\"," + first + "}");
        meguro.act(planned, "start-verification", "{}");
        meguro.act(planned, "verify", "{\"statement\":\"地域の課題として共有\"}");
        meguro.act(planned, "plan", """
                {"targets":[{"indicator":"RENTAL_REFUSALS","fiscalYear":2024,"unit":"cases","direction":"DECREASE","baseline":12,"target":6}],
                 "milestones":[{"due":"2024-12-31","title":"生活サポートシートの試行"}]}""");
        meguro.act(planned, "start-implementation", "{}");
        meguro.act(planned, "record-actual", "{\"indicator\":\"RENTAL_REFUSALS\",\"fiscalYear\":2024,\"value\":8,\"source\":\"MANUAL\"}");
        String merged = meguro.raise("不動産業者に入居を断られる", "C04", "\"municipality\":\"13110\"");
        meguro.act(merged, "merge", "{\"intoIssueId\":\"" + planned + "\",\"reason\":\"同じ課題\"}");
        String escalated = meguro.raise("措置入院者の退院後支援が途切れる", "C07", "\"municipality\":\"13110\"");
        meguro.act(escalated, "promote", "{\"councilId\":\"council-13110\"}");
        meguro.act(escalated, "start-verification", "{}");
        String linked = meguro.act(escalated, "escalate", "{\"toCouncilId\":\"council-13-ku-seinambu\",\"reason\":\"圏域で検討\"}")
                .field("linkedIssueId");
        // levels in parallel: Meguro reports its planned issue up, the region delegates part of the escalated one back
        String reported = meguro.act(planned, "report-up", "{\"toCouncilId\":\"council-13-ku-seinambu\",\"reason\":\"圏域でも共有\"}")
                .field("linkedIssueId");
        String delegated = new Secretariat(SEINAMBU_SECRETARIAT).act(linked, "delegate",
                "{\"toCouncilId\":\"council-13110\",\"scope\":\"地域の受け皿\",\"reason\":\"区で取り組む\"}")
                .field("linkedIssueId");
        List<String> issues = List.of(planned, merged, escalated, linked, reported, delegated);
        Http read = new Http(port);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                entries(read, planned) == 9 && entries(read, merged) == 2 && entries(read, escalated) == 4
                        && entries(read, linked) == 3 && entries(read, reported) == 3 && entries(read, delegated) == 3);
        List<List<Map<String, Object>>> live = snapshot(issues);
        assertThat(live.get(0)).as("board versions").hasSize(9 + 2 + 4 + 3 + 3 + 3);
        assertThat(live.get(5)).as("links").hasSize(2 + 2 + 2 + 2);

        InPlaceRebuild.rebuildsTo(live, () -> snapshot(issues), processing, IssueBoardProjection.ISSUE_PLANE,
                () -> assertThat(snapshot(issues)).allMatch(List::isEmpty), Duration.ofSeconds(30));
    }

    /** How many entries the issue's timeline has on the read side so far; none while it is not known there. */
    private static int entries(Http read, String issueId) {
        Http.Answer answer = read.get(MEGURO_SECRETARIAT, "/api/issues/" + issueId + "/timeline");
        return answer.status() == 200 ? answer.json().get("entries").size() : 0;
    }

    private List<List<Map<String, Object>>> snapshot(List<String> issues) {
        String ids = String.join(", ", Collections.nCopies(issues.size(), "?"));
        List<List<Map<String, Object>>> tables = new ArrayList<>();
        for (String table : TABLES) {
            tables.add(jdbc.queryForList("SELECT * FROM " + table + " WHERE issue_id IN (" + ids + ") ORDER BY issue_id, 2, 3, 4",
                    issues.toArray()).stream().map(row -> {
                        // JSONB comes back as PGobject; compare its text
                        row.replaceAll((column, value) -> value instanceof org.postgresql.util.PGobject json ? json.getValue() : value);
                        return row;
                    }).toList());
        }
        return tables;
    }
}
