package jp.nimo.command.issues;

import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.issues.Actor;
import jp.nimo.issues.Decision;
import jp.nimo.issues.IssueAction;
import jp.nimo.issues.IssueCommand.EscalateIssue;
import jp.nimo.issues.IssueId;
import jp.nimo.issues.IssueState;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static jp.nimo.infra.test.TestUsers.SEINAMBU_SECRETARIAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The council lifecycle over REST and the real event store: Meguro's council (council-13110) takes a
 * housing issue from a practitioner's report to resolution and back, and every action the lifecycle
 * does not allow is refused with the current state and stores nothing.
 */
@NimoServiceTest
class IssueResourceTest {

    private static final String MEETING = "\"meeting\":{\"title\":\"令和6年度 第1回 目黒区協議の場\",\"heldOn\":\"2024-07-10\",\"format\":\"IN_PERSON\"}";

    /** What DESIGN.md's table allows from each state, written out independently of the code. */
    private static final Map<IssueState, Set<IssueAction>> ALLOWED = Map.ofEntries(
            Map.entry(IssueState.CANDIDATE, EnumSet.of(IssueAction.PROMOTE, IssueAction.DISMISS, IssueAction.MERGE, IssueAction.CHANGE_SCOPE)),
            Map.entry(IssueState.PROMOTED, EnumSet.of(IssueAction.DISMISS, IssueAction.MERGE, IssueAction.START_VERIFICATION, IssueAction.CHANGE_SCOPE, IssueAction.REPORT_UP, IssueAction.DELEGATE)),
            Map.entry(IssueState.UNDER_VERIFICATION, EnumSet.of(IssueAction.DISMISS, IssueAction.MERGE, IssueAction.VERIFY, IssueAction.ESCALATE, IssueAction.CHANGE_SCOPE, IssueAction.REPORT_UP, IssueAction.DELEGATE)),
            Map.entry(IssueState.VERIFIED, EnumSet.of(IssueAction.ESCALATE, IssueAction.PLAN, IssueAction.CHANGE_SCOPE, IssueAction.REPORT_UP, IssueAction.DELEGATE)),
            Map.entry(IssueState.PLANNED, EnumSet.of(IssueAction.START_IMPLEMENTATION, IssueAction.CHANGE_SCOPE, IssueAction.REPORT_UP, IssueAction.DELEGATE)),
            Map.entry(IssueState.IN_IMPLEMENTATION, EnumSet.of(IssueAction.RECORD_ACTUAL, IssueAction.START_EVALUATION, IssueAction.CHANGE_SCOPE, IssueAction.REPORT_UP, IssueAction.DELEGATE)),
            Map.entry(IssueState.UNDER_EVALUATION, EnumSet.of(IssueAction.ESCALATE, IssueAction.PLAN, IssueAction.RECORD_ACTUAL, IssueAction.RESOLVE, IssueAction.MONITOR, IssueAction.CHANGE_SCOPE, IssueAction.REPORT_UP, IssueAction.DELEGATE)),
            Map.entry(IssueState.MONITORING, EnumSet.of(IssueAction.RESOLVE, IssueAction.REOPEN, IssueAction.CHANGE_SCOPE, IssueAction.REPORT_UP, IssueAction.DELEGATE)),
            Map.entry(IssueState.RESOLVED, EnumSet.of(IssueAction.REOPEN)),
            Map.entry(IssueState.ESCALATED, EnumSet.noneOf(IssueAction.class)),
            Map.entry(IssueState.DISMISSED, EnumSet.of(IssueAction.REOPEN)),
            Map.entry(IssueState.MERGED, EnumSet.noneOf(IssueAction.class)));

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

    private String raise() {
        Answer raised = http.post(MEGURO_SECRETARIAT, "/api/issues", """
                {"title":"精神障害のある人の住まいの確保","category":"C04","municipality":"13110",
                 "origin":"PRACTITIONER_REPORT","description":"入居を断られる事例が散見される"}""");
        assertThat(raised.status()).isEqualTo(201);
        assertThat(raised.field("state")).isEqualTo("CANDIDATE");
        return raised.field("issueId");
    }

    /** A valid body for each action, so that only the lifecycle can refuse it. */
    private static String body(IssueAction action, String otherIssue) {
        return switch (action) {
            case PROMOTE -> "{\"councilId\":\"council-13110\"," + MEETING + "}";
            case START_VERIFICATION, START_IMPLEMENTATION, START_EVALUATION, RESOLVE, MONITOR -> "{" + MEETING + "}";
            case VERIFY -> "{\"statement\":\"個別の課題ではなく地域の課題として共有\"," + MEETING + "}";
            case ESCALATE -> "{\"toCouncilId\":\"council-13-ku-seinambu\",\"reason\":\"圏域で検討が必要\"," + MEETING + "}";
            case PLAN -> """
                    {"targets":[{"indicator":"RENTAL_REFUSALS","fiscalYear":2024,"unit":"cases","direction":"DECREASE","baseline":12,"target":6}],
                     "roles":[{"organisation":"setagaya-realtors-association","responsibility":"物件情報の提供"}],
                     "milestones":[{"due":"2024-09-30","title":"生活サポートシートの試行"}],""" + MEETING + "}";
            case RECORD_ACTUAL -> "{\"indicator\":\"RENTAL_REFUSALS\",\"fiscalYear\":2024,\"value\":8,\"source\":\"MANUAL\"}";
            case DISMISS -> "{\"reason\":\"個別の課題として対応\"," + MEETING + "}";
            case REOPEN -> "{\"reason\":\"新たな事例が報告された\"}";
            case MERGE -> "{\"intoIssueId\":\"" + otherIssue + "\",\"reason\":\"同じ課題\"}";
            case CHANGE_SCOPE -> "{\"region\":\"13-ku-seinambu\",\"population\":\"ALL_DISABILITIES\",\"reason\":\"他障害・近隣区でも同様のニーズ\"}";
            case REPORT_UP -> "{\"toCouncilId\":\"council-13-ku-seinambu\",\"reason\":\"圏域でも共有が必要\"," + MEETING + "}";
            case DELEGATE -> "{\"toCouncilId\":\"council-13112\",\"scope\":\"地域の受け皿\",\"reason\":\"区で対応\"," + MEETING + "}";
        };
    }

    private Answer act(String user, String issueId, IssueAction action, String otherIssue) {
        return http.post(user, "/api/issues/" + issueId + "/" + action.path(), body(action, otherIssue));
    }

    private void moves(String issueId, IssueAction action, IssueState expected, String otherIssue) {
        long before = EventStoreRows.countFor(jdbc, issueId);
        Answer answer = act(MEGURO_SECRETARIAT, issueId, action, otherIssue);
        assertThat(answer.status()).as(action + ": " + answer.text()).isEqualTo(200);
        assertThat(answer.field("issueId")).isEqualTo(issueId);
        assertThat(answer.field("state")).isEqualTo(expected.name());
        assertThat(EventStoreRows.countFor(jdbc, issueId)).isEqualTo(before + 1);
    }

    /** Tries every action the table does not allow from the state: each is 409 with the state, nothing stored. */
    private void refusesAllButAllowed(String issueId, IssueState state, String otherIssue) {
        long before = EventStoreRows.count(jdbc);
        for (IssueAction action : IssueAction.values()) {
            if (ALLOWED.get(state).contains(action)) {
                continue;
            }
            Answer answer = act(MEGURO_SECRETARIAT, issueId, action, otherIssue);
            assertThat(answer.status()).as(action + " from " + state + ": " + answer.text()).isEqualTo(409);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.field("currentState")).isEqualTo(state.name());
        }
        assertThat(EventStoreRows.count(jdbc)).as("nothing stored by refused actions from " + state).isEqualTo(before);
    }

    @Test
    void aManuallyRaisedIssueGoesThroughTheWholeLifecycleAndEveryOtherTransitionIsRefused() {
        String other = raise();
        String issue = raise();
        List<Object[]> path = List.of(
                new Object[]{IssueAction.PROMOTE, IssueState.PROMOTED},
                new Object[]{IssueAction.START_VERIFICATION, IssueState.UNDER_VERIFICATION},
                new Object[]{IssueAction.VERIFY, IssueState.VERIFIED},
                new Object[]{IssueAction.PLAN, IssueState.PLANNED},
                new Object[]{IssueAction.START_IMPLEMENTATION, IssueState.IN_IMPLEMENTATION},
                new Object[]{IssueAction.RECORD_ACTUAL, IssueState.IN_IMPLEMENTATION},
                new Object[]{IssueAction.START_EVALUATION, IssueState.UNDER_EVALUATION},
                new Object[]{IssueAction.RESOLVE, IssueState.RESOLVED},
                new Object[]{IssueAction.REOPEN, IssueState.PROMOTED});
        refusesAllButAllowed(issue, IssueState.CANDIDATE, other);
        for (Object[] step : path) {
            moves(issue, (IssueAction) step[0], (IssueState) step[1], other);
            refusesAllButAllowed(issue, (IssueState) step[1], other);
        }
    }

    @Test
    void monitoringDismissalMergingAndEscalationAreRefusedAfterwardsToo() {
        String other = raise();
        String monitored = raise();
        for (IssueAction a : List.of(IssueAction.PROMOTE, IssueAction.START_VERIFICATION, IssueAction.VERIFY,
                IssueAction.PLAN, IssueAction.START_IMPLEMENTATION, IssueAction.START_EVALUATION)) {
            assertThat(act(MEGURO_SECRETARIAT, monitored, a, null).status()).isEqualTo(200);
        }
        moves(monitored, IssueAction.MONITOR, IssueState.MONITORING, null);
        refusesAllButAllowed(monitored, IssueState.MONITORING, other);

        String dismissed = raise();
        moves(dismissed, IssueAction.DISMISS, IssueState.DISMISSED, null);
        refusesAllButAllowed(dismissed, IssueState.DISMISSED, other);

        String merged = raise();
        moves(merged, IssueAction.MERGE, IssueState.MERGED, other);
        refusesAllButAllowed(merged, IssueState.MERGED, other);

        String escalated = raise();
        for (IssueAction a : List.of(IssueAction.PROMOTE, IssueAction.START_VERIFICATION)) {
            assertThat(act(MEGURO_SECRETARIAT, escalated, a, null).status()).isEqualTo(200);
        }
        moves(escalated, IssueAction.ESCALATE, IssueState.ESCALATED, null);
        refusesAllButAllowed(escalated, IssueState.ESCALATED, other);
    }

    @Test
    void escalationOpensALinkedIssueOnTheReceivingCouncilsAgenda() {
        String issue = raise();
        act(MEGURO_SECRETARIAT, issue, IssueAction.PROMOTE, null);
        act(MEGURO_SECRETARIAT, issue, IssueAction.START_VERIFICATION, null);
        Answer escalated = act(MEGURO_SECRETARIAT, issue, IssueAction.ESCALATE, null);
        assertThat(escalated.status()).isEqualTo(200);
        assertThat(escalated.field("state")).isEqualTo("ESCALATED");
        String linked = escalated.field("linkedIssueId");
        assertThat(EventStoreRows.countFor(jdbc, linked)).isEqualTo(2);
        String stored = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND sequencenumber = 0", String.class, linked);
        assertThat(stored).contains("\"escalatedFrom\":\"" + issue + "\"", "\"origin\":\"ESCALATION\"");
        // the receiving council's secretariat takes it from there; Meguro's may not
        assertThat(act(MEGURO_SECRETARIAT, linked, IssueAction.START_VERIFICATION, null).status()).isEqualTo(403);
        Answer verification = act(SEINAMBU_SECRETARIAT, linked, IssueAction.START_VERIFICATION, null);
        assertThat(verification.status()).isEqualTo(200);
        assertThat(verification.field("state")).isEqualTo("UNDER_VERIFICATION");
    }

    @Test
    void anEscalationWhoseLinkedIssueCannotBeOpenedIsNotRecordedEither() {
        String issue = raise();
        act(MEGURO_SECRETARIAT, issue, IssueAction.PROMOTE, null);
        act(MEGURO_SECRETARIAT, issue, IssueAction.START_VERIFICATION, null);
        // the linked issue's id is taken, so opening it at the receiving council fails after the escalation
        String taken = raise();
        long escalatedBefore = EventStoreRows.countFor(jdbc, issue);
        long takenBefore = EventStoreRows.countFor(jdbc, taken);
        Decision decision = new Decision(Actor.SYSTEM, Instant.now(), null, "圏域で検討が必要");
        assertThatThrownBy(() -> commands.sendAndWait(new EscalateIssue(IssueId.of(issue), "council-13-ku-seinambu",
                IssueId.of(taken), decision))).hasMessageContaining(taken);
        assertThat(EventStoreRows.countFor(jdbc, issue)).as("no IssueEscalated").isEqualTo(escalatedBefore);
        assertThat(EventStoreRows.countFor(jdbc, taken)).isEqualTo(takenBefore);
        Answer verified = act(MEGURO_SECRETARIAT, issue, IssueAction.VERIFY, null);
        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        assertThat(verified.field("state")).isEqualTo("VERIFIED");
    }

    @Test
    void aMergedIssueAndTheIssueItJoinsAreLinkedBothWays() {
        String into = raise();
        String merged = raise();
        Answer answer = act(MEGURO_SECRETARIAT, merged, IssueAction.MERGE, into);
        assertThat(answer.field("state")).isEqualTo("MERGED");
        assertThat(answer.field("intoIssueId")).isEqualTo(into);
        String takenIn = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? ORDER BY sequencenumber DESC LIMIT 1", String.class, into);
        assertThat(takenIn).contains("\"mergedIssueId\":\"" + merged + "\"");
    }

    @Test
    void mergingIntoAnUnknownOrClosedIssueStoresNothing() {
        String merged = raise();
        long before = EventStoreRows.count(jdbc);
        Answer unknown = act(MEGURO_SECRETARIAT, merged, IssueAction.MERGE, UUID.randomUUID().toString());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").findValuesAsText("field")).containsExactly("intoIssueId");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
        String closed = raise();
        act(MEGURO_SECRETARIAT, closed, IssueAction.DISMISS, null);
        before = EventStoreRows.count(jdbc);
        Answer intoClosed = act(MEGURO_SECRETARIAT, merged, IssueAction.MERGE, closed);
        assertThat(intoClosed.status()).isEqualTo(422);
        assertThat(intoClosed.field("rule")).isEqualTo("merge-target-not-open");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void aScopeChangeRecordsTheOldAndTheNewScope() {
        String issue = raise();
        moves(issue, IssueAction.CHANGE_SCOPE, IssueState.CANDIDATE, null);
        String stored = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? ORDER BY sequencenumber DESC LIMIT 1", String.class, issue);
        assertThat(stored).contains("\"oldScope\":{\"category\":\"C04\",\"area\":{\"level\":\"MUNICIPALITY\",\"code\":\"13110\"}")
                .contains("\"newScope\":{\"category\":\"C04\",\"area\":{\"level\":\"REGION\",\"code\":\"13-ku-seinambu\"},\"population\":\"ALL_DISABILITIES\"}");
    }

    @Test
    void aDecisionRecordsWhoWhenTheMeetingAndTheReason() {
        String issue = raise();
        moves(issue, IssueAction.DISMISS, IssueState.DISMISSED, null);
        String stored = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? ORDER BY sequencenumber DESC LIMIT 1", String.class, issue);
        assertThat(stored).contains("\"user\":\"secretariat-meguro\"", "\"decidedAt\":",
                "\"title\":\"令和6年度 第1回 目黒区協議の場\"", "\"heldOn\":\"2024-07-10\"", "\"format\":\"IN_PERSON\"",
                "\"reason\":\"個別の課題として対応\"");
    }

    @Test
    void badRequestsAreRefusedNamingTheFieldAndStoreNothing() {
        String issue = raise();
        long before = EventStoreRows.count(jdbc);
        assertThat(fields(http.post(MEGURO_SECRETARIAT, "/api/issues/" + issue + "/dismiss", "{}"))).containsExactly("reason");
        assertThat(fields(http.post(MEGURO_SECRETARIAT, "/api/issues/" + issue + "/reopen", "{\"reason\":\" \"}"))).containsExactly("reason");
        assertThat(fields(http.post(MEGURO_SECRETARIAT, "/api/issues/" + issue + "/promote", "{\"councilId\":\"council-99999\"}")))
                .containsExactly("councilId");
        assertThat(fields(http.post(MEGURO_SECRETARIAT, "/api/issues/" + issue + "/promote",
                "{\"councilId\":\"council-13110\",\"meeting\":{\"title\":\"x\",\"heldOn\":\"2024-07-10\",\"format\":\"PHONE\"}}")))
                .containsExactly("meeting.format");
        assertThat(fields(http.post(MEGURO_SECRETARIAT, "/api/issues", """
                {"title":"t","category":"C77","municipality":"13110","region":"13-ku-seinambu","origin":"RUMOUR"}""")))
                .containsExactlyInAnyOrder("category", "region", "origin");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void aPlanWithoutValidTargetsIsRefusedNamingTheTarget() {
        String issue = raise();
        for (IssueAction a : List.of(IssueAction.PROMOTE, IssueAction.START_VERIFICATION, IssueAction.VERIFY)) {
            act(MEGURO_SECRETARIAT, issue, a, null);
        }
        long before = EventStoreRows.count(jdbc);
        assertThat(fields(http.post(MEGURO_SECRETARIAT, "/api/issues/" + issue + "/plan", "{\"targets\":[]}")))
                .containsExactly("targets");
        assertThat(fields(http.post(MEGURO_SECRETARIAT, "/api/issues/" + issue + "/plan",
                "{\"targets\":[{\"indicator\":\"HAPPINESS\",\"fiscalYear\":2024,\"direction\":\"UP\",\"baseline\":1}]}")))
                .containsExactlyInAnyOrder("targets[0].indicator", "targets[0].direction", "targets[0].target");
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void anActualNeedsATargetForItsIndicatorAndYear() {
        String issue = raise();
        for (IssueAction a : List.of(IssueAction.PROMOTE, IssueAction.START_VERIFICATION, IssueAction.VERIFY,
                IssueAction.PLAN, IssueAction.START_IMPLEMENTATION)) {
            act(MEGURO_SECRETARIAT, issue, a, null);
        }
        Answer answer = http.post(MEGURO_SECRETARIAT, "/api/issues/" + issue + "/record-actual",
                "{\"indicator\":\"OUTREACH_VISITS\",\"fiscalYear\":2024,\"value\":77,\"source\":\"PROJECTION\"}");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.field("rule")).isEqualTo("actual-without-target");
    }

    @Test
    void aLongIssueIsSnapshottedAndKeepsItsStateAndTargets() {
        String issue = raise();
        for (IssueAction a : List.of(IssueAction.PROMOTE, IssueAction.START_VERIFICATION, IssueAction.VERIFY,
                IssueAction.PLAN, IssueAction.START_IMPLEMENTATION)) {
            act(MEGURO_SECRETARIAT, issue, a, null);
        }
        for (int i = 0; i < jp.nimo.issues.RegionalIssue.SNAPSHOT_EVERY; i++) {
            assertThat(act(MEGURO_SECRETARIAT, issue, IssueAction.RECORD_ACTUAL, null).status()).isEqualTo(200);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?",
                Long.class, issue)).isPositive();
        // loaded from the snapshot: the plan's targets and the state are still known
        Answer noTarget = http.post(MEGURO_SECRETARIAT, "/api/issues/" + issue + "/record-actual",
                "{\"indicator\":\"OUTREACH_VISITS\",\"fiscalYear\":2024,\"value\":77,\"source\":\"PROJECTION\"}");
        assertThat(noTarget.field("rule")).isEqualTo("actual-without-target");
        moves(issue, IssueAction.START_EVALUATION, IssueState.UNDER_EVALUATION, null);
    }

    @Test
    void onlyTheSecretariatOfACouncilCoveringTheIssueDecides() {
        String issue = raise();
        long before = EventStoreRows.count(jdbc);
        assertThat(act(MEGURO_WORKER, issue, IssueAction.PROMOTE, null).status()).isEqualTo(403);
        Answer outsider = http.post(SEINAMBU_SECRETARIAT, "/api/issues/" + issue + "/promote",
                "{\"councilId\":\"council-13110\"}");
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
        // the regional council covers Meguro, so its secretariat may take the issue onto its own agenda
        Answer regional = http.post(SEINAMBU_SECRETARIAT, "/api/issues/" + issue + "/promote",
                "{\"councilId\":\"council-13-ku-seinambu\"}");
        assertThat(regional.status()).isEqualTo(200);
    }

    @Test
    void unknownIssuesAndActionsAre404() {
        assertThat(http.post(MEGURO_SECRETARIAT, "/api/issues/" + UUID.randomUUID() + "/start-verification", "{}").status())
                .isEqualTo(404);
        assertThat(http.post(MEGURO_SECRETARIAT, "/api/issues/" + raise() + "/approve", "{}").status()).isEqualTo(404);
    }

    private static List<String> fields(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        return answer.json().get("errors").findValuesAsText("field");
    }
}
