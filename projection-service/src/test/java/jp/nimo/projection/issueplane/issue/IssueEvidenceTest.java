package jp.nimo.projection.issueplane.issue;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.issues.Actor;
import jp.nimo.issues.Decision;
import jp.nimo.issues.EvidenceItem;
import jp.nimo.issues.IssueEvent.EvidenceAttached;
import jp.nimo.issues.IssueEvent.IssuePromoted;
import jp.nimo.issues.IssueEvent.IssueRaised;
import jp.nimo.issues.IssueEvent.VerificationStarted;
import jp.nimo.issues.IssueEvent;
import jp.nimo.issues.IssueId;
import jp.nimo.issues.IssueOrigin;
import jp.nimo.issues.IssueState;
import jp.nimo.issues.Population;
import jp.nimo.issues.Scope;
import jp.nimo.projection.issueplane.board.IssueBoardProjection;
import jp.nimo.reference.Area;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static jp.nimo.infra.test.TestUsers.ANALYST;
import static jp.nimo.infra.test.TestUsers.COUNCIL_MEMBER;
import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.OBSERVER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence on the issue plane. The write side cannot attach evidence over REST yet (detection is being
 * built), so the projections' handlers are called directly with the events detection will produce,
 * on the real test database, and the issue is then read over HTTP as a secretariat and as the roles
 * that see small counts suppressed.
 */
@NimoServiceTest
class IssueEvidenceTest {

    private static final Actor MEGURO = new Actor(MEGURO_SECRETARIAT, "meguro-disability-welfare-division", "SECRETARIAT",
            List.of("council-13110"));
    private static final Area MEGURO_AREA = Area.municipality("13110");

    @LocalServerPort
    int port;
    @Autowired
    IssueBoardProjection board;
    @Autowired
    IssueDetailProjection detail;
    @Autowired
    IssueTimelineProjection timeline;
    @Autowired
    JdbcTemplate jdbc;

    private Http read;
    private Instant clock;
    private final List<IssueId> delivered = new ArrayList<>();

    @BeforeEach
    void setUp() {
        read = new Http(port);
        clock = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * These rows come from no event in the store, so they go again: a rebuild elsewhere in the test run
     * compares every projection row with what the events give.
     */
    @AfterEach
    void removeWhatNoEventBacks() {
        for (IssueId issue : delivered) {
            for (String table : List.of("issue_board_version", "issue_evidence_version", "issue_target_version",
                    "issue_plan", "issue_actual", "issue_link", "issue_timeline_entry")) {
                jdbc.update("DELETE FROM " + table + " WHERE issue_id = ?", issue.value());
            }
        }
    }

    /** The next knowledge time: a second after the last, so that as-of can fall between two events. */
    private Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }

    /** Delivers an event to every issue-plane projection, as the processor would. */
    private void deliver(IssueEvent event, Instant recordedAt, long sequence) {
        board.on(event, recordedAt, sequence);
        if (event instanceof IssueRaised raised) {
            detail.on(raised, recordedAt, sequence);
        } else if (event instanceof EvidenceAttached evidence) {
            detail.on(evidence, recordedAt, sequence);
        }
        timeline.on(event, recordedAt, sequence);
    }

    /** A candidate raised by detection, as RaiseCandidate records it. */
    private IssueId raiseCandidate(Instant at) {
        IssueId issue = IssueId.random();
        delivered.add(issue);
        deliver(new IssueRaised(issue, "精神障害のある人の住まいの確保（目黒区）", null,
                new Scope("C04", MEGURO_AREA, Population.MENTAL_DISABILITY), IssueOrigin.CASE_CLUSTER, null,
                new Decision(Actor.SYSTEM, at, null, null), IssueState.CANDIDATE), at, 0);
        return issue;
    }

    private static List<EvidenceItem> items(String kind, String month, int count) {
        List<EvidenceItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new EvidenceItem("ev-" + UUID.randomUUID(), kind.equals("RentalRefused") ? "RENTAL_REFUSED"
                    : "DISCHARGE_DELAYED_NO_HOUSING", kind, month, MEGURO_AREA));
        }
        return items;
    }

    private static EvidenceAttached evidence(IssueId issue, String batch, List<EvidenceItem> items, String firstOn,
                                             String lastOn, int distinctCases, Instant at, IssueState state) {
        return new EvidenceAttached(issue, batch, items, LocalDate.parse(firstOn), LocalDate.parse(lastOn), distinctCases,
                new Decision(Actor.SYSTEM, at, null, null), state);
    }

    private JsonNode get(String user, String path) {
        Http.Answer answer = read.get(user, path);
        assertThat(answer.status()).as(path + ": " + answer.text()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode cell(JsonNode evidence, String kind, String month) {
        for (JsonNode cell : evidence.get("byKindAndMonth")) {
            if (cell.get("kind").asText().equals(kind) && cell.get("month").asText().equals(month)) {
                return cell;
            }
        }
        return null;
    }

    private static JsonNode boardItem(JsonNode board, IssueId issue) {
        for (JsonNode item : board.get("items")) {
            if (item.get("issueId").asText().equals(issue.value())) {
                return item;
            }
        }
        return null;
    }

    @Test
    void evidenceIsSummarisedByKindAndMonthAndSmallCountsAreSuppressedForObserversNotForTheSecretariat() {
        Instant raisedAt = tick();
        IssueId issue = raiseCandidate(raisedAt);
        List<EvidenceItem> first = new ArrayList<>(items("RentalRefused", "2024-05", 7));
        first.addAll(items("RentalRefused", "2024-06", 3));
        first.addAll(items("DischargeDelayed", "2024-05", 6));
        deliver(evidence(issue, "batch-1", first, "2024-05-02", "2024-06-28", 9, raisedAt, IssueState.CANDIDATE),
                raisedAt, 1);

        JsonNode secretariat = get(MEGURO_SECRETARIAT, "/api/issues/" + issue).get("evidence");
        assertThat(secretariat.get("signals").asInt()).isEqualTo(16);
        assertThat(secretariat.get("distinctCases").asInt()).isEqualTo(9);
        assertThat(secretariat.get("firstOn").asText()).isEqualTo("2024-05-02");
        assertThat(secretariat.get("lastOn").asText()).isEqualTo("2024-06-28");
        assertThat(secretariat.get("suppressed").asBoolean()).isFalse();
        assertThat(cell(secretariat, "RentalRefused", "2024-05").get("count").asInt()).isEqualTo(7);
        assertThat(cell(secretariat, "RentalRefused", "2024-06").get("count").asInt()).isEqualTo(3);
        assertThat(cell(secretariat, "DischargeDelayed", "2024-05").get("count").asInt()).isEqualTo(6);

        JsonNode observer = get(OBSERVER, "/api/issues/" + issue).get("evidence");
        assertThat(observer.get("signals").asInt()).isEqualTo(16);
        assertThat(observer.get("suppressed").asBoolean()).isTrue();
        assertThat(cell(observer, "RentalRefused", "2024-05").get("count").asInt()).isEqualTo(7);
        JsonNode small = cell(observer, "RentalRefused", "2024-06");
        assertThat(small.has("count")).as("a hidden count is written out as null").isTrue();
        assertThat(small.get("count").isNull()).isTrue();
        assertThat(small.get("suppressed").asBoolean()).isTrue();
        // with the total shown, one hidden cell would be 16 - 7 - 6: the next-smallest is hidden too
        assertThat(cell(observer, "DischargeDelayed", "2024-05").get("count").isNull()).isTrue();
        assertThat(cell(observer, "DischargeDelayed", "2024-05").get("suppressed").asBoolean()).isTrue();
        assertThat(get(COUNCIL_MEMBER, "/api/issues/" + issue).get("evidence")).isEqualTo(observer);
        assertThat(get(ANALYST, "/api/issues/" + issue).get("evidence")).isEqualTo(observer);

        // a second batch: two small cells hide each other, the others show again
        Instant secondAt = tick();
        deliver(evidence(issue, "batch-2", items("RentalRefused", "2024-07", 2), "2024-07-03", "2024-07-15", 10,
                secondAt, IssueState.CANDIDATE), secondAt, 2);
        JsonNode later = get(OBSERVER, "/api/issues/" + issue).get("evidence");
        assertThat(later.get("signals").asInt()).isEqualTo(18);
        assertThat(later.get("lastOn").asText()).isEqualTo("2024-07-15");
        assertThat(cell(later, "RentalRefused", "2024-07").get("count").isNull()).isTrue();
        assertThat(cell(later, "RentalRefused", "2024-06").get("count").isNull()).isTrue();
        assertThat(cell(later, "DischargeDelayed", "2024-05").get("count").asInt()).isEqualTo(6);

        // as known before the second batch: its cell is not there and the first batch's hiding is back
        JsonNode before = get(OBSERVER, "/api/issues/" + issue + "?asOf=" + raisedAt).get("evidence");
        assertThat(before.get("signals").asInt()).isEqualTo(16);
        assertThat(cell(before, "RentalRefused", "2024-07")).isNull();
        assertThat(cell(before, "DischargeDelayed", "2024-05").get("count").isNull()).isTrue();
        assertThat(get(MEGURO_SECRETARIAT, "/api/issues/" + issue + "?asOf=" + raisedAt).get("evidence"))
                .isEqualTo(secretariat);

        // the timeline: every batch, its counts disclosed the same way, its references to the secretariat only
        JsonNode entries = get(MEGURO_SECRETARIAT, "/api/issues/" + issue + "/timeline").get("entries");
        assertThat(entries.findValuesAsText("type")).containsExactly("IssueRaised", "EvidenceAttached", "EvidenceAttached");
        JsonNode batch = entries.get(1).get("evidence");
        assertThat(entries.get(1).get("at").asText()).isEqualTo("2024-06-28");
        assertThat(entries.get(1).get("actor").get("user").asText()).isEqualTo("nimo");
        assertThat(batch.get("batchId").asText()).isEqualTo("batch-1");
        assertThat(batch.get("signals").asInt()).isEqualTo(16);
        assertThat(batch.get("refs")).hasSize(16);
        assertThat(batch.get("refs").get(0).asText()).startsWith("ev-");
        JsonNode observed = get(OBSERVER, "/api/issues/" + issue + "/timeline").get("entries");
        assertThat(observed.get(1).get("evidence").has("refs")).isFalse();
        assertThat(observed.get(1).get("evidence").get("signals").asInt()).isEqualTo(16);
        assertThat(observed.get(2).get("evidence").get("signals").isNull()).isTrue();
        assertThat(observed.get(2).get("evidence").get("suppressed").asBoolean()).isTrue();
        assertThat(observed.get(2).get("evidence").get("distinctCases").asInt()).isEqualTo(10);
        assertThat(observed.toString()).doesNotContain("ev-");
    }

    @Test
    void aSmallIssueShowsItsCountsToTheSecretariatOnly() {
        Instant at = tick();
        IssueId issue = raiseCandidate(at);
        deliver(evidence(issue, "batch-1", items("RentalRefused", "2024-05", 3), "2024-05-02", "2024-05-30", 3, at,
                IssueState.CANDIDATE), at, 1);

        JsonNode observed = boardItem(get(OBSERVER, "/api/issues?municipality=13110"), issue).get("evidence");
        assertThat(observed.has("signals")).isTrue();
        assertThat(observed.get("signals").isNull()).isTrue();
        assertThat(observed.get("distinctCases").isNull()).isTrue();
        assertThat(observed.get("suppressed").asBoolean()).isTrue();
        assertThat(observed.get("firstOn").asText()).isEqualTo("2024-05-02");
        JsonNode seen = boardItem(get(MEGURO_SECRETARIAT, "/api/issues?municipality=13110"), issue).get("evidence");
        assertThat(seen.get("signals").asInt()).isEqualTo(3);
        assertThat(seen.get("distinctCases").asInt()).isEqualTo(3);
        assertThat(seen.get("suppressed").asBoolean()).isFalse();
    }

    @Test
    void evidenceAfterTheLastDecisionPutsTheIssueUpTheBoardUntilTheNextDecision() {
        Instant raisedAt = tick();
        IssueId issue = raiseCandidate(raisedAt);
        Instant promotedAt = tick();
        deliver(new IssuePromoted(issue, "council-13110", new Decision(MEGURO, promotedAt, null, null),
                IssueState.PROMOTED), promotedAt, 1);
        Instant evidenceAt = tick();
        deliver(evidence(issue, "batch-1", items("RentalRefused", "2024-08", 5), "2024-08-01", "2024-08-20", 4,
                evidenceAt, IssueState.PROMOTED), evidenceAt, 2);

        JsonNode rising = boardItem(get(MEGURO_SECRETARIAT, "/api/issues?councilId=council-13110"), issue);
        assertThat(rising.get("attention").get("reason").asText()).isEqualTo("RISING_EVIDENCE");
        assertThat(rising.get("attention").get("since").asText()).isEqualTo(evidenceAt.toString());
        assertThat(rising.get("updatedAt").asText()).isEqualTo(evidenceAt.toString());
        assertThat(get(MEGURO_SECRETARIAT, "/api/issues/" + issue).get("attention").get("reason").asText())
                .isEqualTo("RISING_EVIDENCE");

        Instant decidedAt = tick();
        deliver(new VerificationStarted(issue, new Decision(MEGURO, decidedAt, null, null), IssueState.UNDER_VERIFICATION),
                decidedAt, 3);
        JsonNode decided = boardItem(get(MEGURO_SECRETARIAT, "/api/issues?councilId=council-13110"), issue);
        assertThat(decided.get("attention").get("reason").asText()).isEqualTo("NONE");
        assertThat(decided.get("lastDecisionAt").asText()).isEqualTo(decidedAt.toString());
        assertThat(decided.get("evidence").get("signals").asInt()).isEqualTo(5);
        // as known before the decision it was still rising
        JsonNode then = boardItem(get(MEGURO_SECRETARIAT, "/api/issues?councilId=council-13110&asOf=" + evidenceAt), issue);
        assertThat(then.get("attention").get("reason").asText()).isEqualTo("RISING_EVIDENCE");
        assertThat(then.get("state").asText()).isEqualTo("PROMOTED");
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        Instant at = tick();
        IssueId issue = raiseCandidate(at);
        EvidenceAttached batch = evidence(issue, "batch-1", items("RentalRefused", "2024-05", 6), "2024-05-02",
                "2024-05-30", 5, at, IssueState.CANDIDATE);
        deliver(batch, at, 1);
        List<Object> once = rows(issue);

        deliver(batch, at, 1);
        raiseCandidateAgain(issue, at);

        assertThat(rows(issue)).isEqualTo(once);
        assertThat(get(MEGURO_SECRETARIAT, "/api/issues/" + issue).get("evidence").get("signals").asInt()).isEqualTo(6);
        assertThat(get(MEGURO_SECRETARIAT, "/api/issues/" + issue + "/timeline").get("entries")).hasSize(2);
    }

    private void raiseCandidateAgain(IssueId issue, Instant at) {
        deliver(new IssueRaised(issue, "精神障害のある人の住まいの確保（目黒区）", null,
                new Scope("C04", MEGURO_AREA, Population.MENTAL_DISABILITY), IssueOrigin.CASE_CLUSTER, null,
                new Decision(Actor.SYSTEM, at, null, null), IssueState.CANDIDATE), at, 0);
    }

    private List<Object> rows(IssueId issue) {
        List<Object> rows = new ArrayList<>();
        for (String table : List.of("issue_board_version", "issue_evidence_version", "issue_timeline_entry")) {
            rows.add(jdbc.queryForList("SELECT * FROM " + table + " WHERE issue_id = ? ORDER BY 2, 3, 4, 5",
                    issue.value()).toString());
        }
        return rows;
    }
}
