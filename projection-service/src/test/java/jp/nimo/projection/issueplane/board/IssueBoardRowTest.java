package jp.nimo.projection.issueplane.board;

import jp.nimo.issues.Actor;
import jp.nimo.issues.Decision;
import jp.nimo.issues.EvidenceItem;
import jp.nimo.issues.IssueEvent.EvidenceAttached;
import jp.nimo.issues.IssueEvent.IssueDismissed;
import jp.nimo.issues.IssueEvent.IssuePromoted;
import jp.nimo.issues.IssueEvent.IssueRaised;
import jp.nimo.issues.IssueEvent.IssueScopeChanged;
import jp.nimo.issues.IssueEvent.VerificationStarted;
import jp.nimo.issues.IssueId;
import jp.nimo.issues.IssueOrigin;
import jp.nimo.issues.IssueState;
import jp.nimo.issues.Population;
import jp.nimo.issues.Scope;
import jp.nimo.reference.Area;
import jp.nimo.reference.Areas;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The board's rules without Spring: what needs attention, in which order, and how a version follows the last. */
class IssueBoardRowTest {

    private static final Areas AREAS = Areas.load();
    private static final Duration STALE_AFTER = Duration.ofDays(90);
    private static final Instant APRIL = Instant.parse("2024-04-01T01:00:00Z");
    private static final Actor MEGURO = new Actor("secretariat-meguro", "meguro-disability-welfare-division",
            "SECRETARIAT", List.of("council-13110"));

    private static Decision decision(Instant at) {
        return new Decision(MEGURO, at, null, null);
    }

    private static IssueBoardRow raised(Instant at) {
        IssueId id = IssueId.random();
        return IssueBoardRow.raised(new IssueRaised(id, "精神障害のある人の住まいの確保", null,
                new Scope("C04", Area.municipality("13110"), Population.MENTAL_DISABILITY), IssueOrigin.PRACTITIONER_REPORT,
                null, decision(at), IssueState.CANDIDATE), at, 0, AREAS);
    }

    private static IssueBoardRow promoted(Instant raisedAt, Instant promotedAt) {
        IssueBoardRow row = raised(raisedAt);
        return row.evolve(new IssuePromoted(IssueId.of(row.issueId()), "council-13110", decision(promotedAt),
                IssueState.PROMOTED), promotedAt, 1, AREAS);
    }

    private static IssueBoardRow withEvidence(IssueBoardRow row, Instant at, int signals) {
        List<EvidenceItem> items = Stream.generate(() -> new EvidenceItem("ref-" + Math.random(), "RENTAL_REFUSED",
                "RentalRefused", "2024-05", Area.municipality("13110"))).limit(signals).toList();
        return row.evolve(new EvidenceAttached(IssueId.of(row.issueId()), "batch-" + at, items, LocalDate.of(2024, 5, 1),
                LocalDate.of(2024, 5, 20), signals, new Decision(Actor.SYSTEM, at, null, null), row.state()), at,
                row.lastSequence() + 1, AREAS);
    }

    @Test
    void aMunicipalityIssueNamesItsRegionSoThatTheRegionsBoardFindsIt() {
        ScopeView scope = raised(APRIL).scope();
        assertThat(scope.municipality()).isEqualTo("13110");
        assertThat(scope.region()).isEqualTo("13-ku-seinambu");
        assertThat(scope.prefecture()).isNull();
    }

    @Test
    void aCandidateIsNewUntilItIsDecidedOn() {
        IssueBoardRow candidate = raised(APRIL);
        Instant muchLater = APRIL.plus(Duration.ofDays(400));
        assertThat(candidate.attention(muchLater, STALE_AFTER))
                .isEqualTo(new Attention(Attention.Reason.NEW_CANDIDATE, APRIL));
    }

    @Test
    void anOpenIssueWithNoDecisionForLongerThanThePeriodIsStaleFromTheEndOfThePeriod() {
        IssueBoardRow promoted = promoted(APRIL, APRIL.plusSeconds(60));
        Instant staleFrom = APRIL.plusSeconds(60).plus(STALE_AFTER);
        assertThat(promoted.attention(staleFrom, STALE_AFTER)).isEqualTo(Attention.NONE);
        assertThat(promoted.attention(staleFrom.plusSeconds(1), STALE_AFTER))
                .isEqualTo(new Attention(Attention.Reason.STALE, staleFrom));
    }

    @Test
    void evidenceAfterTheLastDecisionIsRisingUntilTheNextDecision() {
        IssueBoardRow promoted = promoted(APRIL, APRIL.plusSeconds(60));
        Instant evidenceAt = APRIL.plus(Duration.ofDays(10));
        IssueBoardRow rising = withEvidence(withEvidence(promoted, evidenceAt, 3), evidenceAt.plusSeconds(5), 2);
        assertThat(rising.signals()).isEqualTo(5);
        assertThat(rising.attention(evidenceAt.plus(Duration.ofDays(1)), STALE_AFTER))
                .isEqualTo(new Attention(Attention.Reason.RISING_EVIDENCE, evidenceAt));
        IssueBoardRow decided = rising.evolve(new VerificationStarted(IssueId.of(rising.issueId()),
                decision(evidenceAt.plusSeconds(60)), IssueState.UNDER_VERIFICATION), evidenceAt.plusSeconds(60), 4, AREAS);
        assertThat(decided.attention(evidenceAt.plus(Duration.ofDays(1)), STALE_AFTER)).isEqualTo(Attention.NONE);
        assertThat(decided.signals()).isEqualTo(5);
        assertThat(decided.lastDecisionAt()).isEqualTo(evidenceAt.plusSeconds(60));
    }

    @Test
    void aClosedIssueNeedsNoAttentionHoweverOld() {
        IssueBoardRow candidate = raised(APRIL);
        IssueBoardRow dismissed = candidate.evolve(new IssueDismissed(IssueId.of(candidate.issueId()),
                decision(APRIL.plusSeconds(5)), IssueState.DISMISSED), APRIL.plusSeconds(5), 1, AREAS);
        assertThat(dismissed.attention(APRIL.plus(Duration.ofDays(1000)), STALE_AFTER)).isEqualTo(Attention.NONE);
    }

    @Test
    void theBoardShowsNewCandidatesThenRisingEvidenceThenStaleThenTheRestThenClosedIssues() {
        Instant now = APRIL.plus(Duration.ofDays(200));
        IssueBoardRow recentPlain = promoted(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
        IssueBoardRow olderPlain = promoted(now.minus(Duration.ofDays(20)), now.minus(Duration.ofDays(10)));
        IssueBoardRow stale = promoted(APRIL, APRIL.plusSeconds(60));
        IssueBoardRow rising = withEvidence(promoted(APRIL, APRIL.plusSeconds(30)), now.minus(Duration.ofDays(3)), 4);
        IssueBoardRow candidate = raised(now.minus(Duration.ofDays(1)));
        IssueBoardRow closed = candidate.evolve(new IssueDismissed(IssueId.of(candidate.issueId()),
                decision(now), IssueState.DISMISSED), now, 1, AREAS);
        IssueBoardRow otherCandidate = raised(now.minus(Duration.ofDays(5)));

        List<IssueBoardRow> board = Stream.of(closed, recentPlain, stale, olderPlain, candidate, rising, otherCandidate)
                .sorted(IssueBoardRow.order(now, STALE_AFTER)).toList();

        // candidates that waited longest first; the plain ones by latest change
        assertThat(board).containsExactly(otherCandidate, candidate, rising, stale, recentPlain, olderPlain, closed);
    }

    @Test
    void aVersionNeverStartsBeforeTheOneItFollowsAndAScopeChangeMovesTheIssue() {
        IssueBoardRow promoted = promoted(APRIL, APRIL.plusSeconds(60));
        Instant skewed = APRIL.plusSeconds(30);
        IssueBoardRow moved = promoted.evolve(new IssueScopeChanged(IssueId.of(promoted.issueId()),
                new Scope("C04", Area.municipality("13110"), Population.MENTAL_DISABILITY),
                new Scope("C04", Area.region("13-ku-seinambu"), Population.ALL_DISABILITIES), decision(skewed),
                IssueState.PROMOTED), skewed, 2, AREAS);
        assertThat(moved.recordedFrom()).isEqualTo(promoted.recordedFrom());
        assertThat(moved.scope().municipality()).isNull();
        assertThat(moved.scope().region()).isEqualTo("13-ku-seinambu");
        assertThat(moved.councilId()).isEqualTo("council-13110");
    }
}
