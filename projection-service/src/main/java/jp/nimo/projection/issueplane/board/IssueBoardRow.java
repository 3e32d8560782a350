package jp.nimo.projection.issueplane.board;

import jp.nimo.issues.IssueEvent.EvidenceAttached;
import jp.nimo.issues.IssueEvent.IssuePromoted;
import jp.nimo.issues.IssueEvent.IssueRaised;
import jp.nimo.issues.IssueEvent.IssueScopeChanged;
import jp.nimo.issues.IssueEvent;
import jp.nimo.issues.IssueOrigin;
import jp.nimo.issues.IssueState;
import jp.nimo.projection.shared.KnowledgeTime;
import jp.nimo.reference.Areas;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * One version of an issue on the board: what was known about it from {@code recordedFrom} until the
 * next version. Pure: the projection stores versions, the board orders them.
 *
 * @param lastSequence   the issue's sequence number of the event that made this version
 * @param evidenceSince  when evidence first came in after the last decision, null once decided on
 * @param lastDecisionAt knowledge time of the last decision (raising an issue counts as one)
 */
public record IssueBoardRow(String issueId, long lastSequence, Instant recordedFrom, String title,
                            String description, ScopeView scope, String councilId, IssueState state,
                            IssueOrigin origin, Instant raisedAt, int signals, int distinctCases, LocalDate firstOn,
                            LocalDate lastOn, Instant evidenceSince, Instant lastDecisionAt, Instant updatedAt) {

    /** Needing attention first, then the rest by latest change; closed issues last. */
    public static Comparator<IssueBoardRow> order(Instant at, Duration staleAfter) {
        return Comparator.<IssueBoardRow>comparingInt(row -> row.rank(at, staleAfter))
                .thenComparing(row -> row.attention(at, staleAfter).since(),
                        Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
                .thenComparing(IssueBoardRow::updatedAt, Comparator.reverseOrder())
                .thenComparing(IssueBoardRow::issueId);
    }

    public static IssueBoardRow raised(IssueRaised event, Instant recordedAt, long sequence, Areas areas) {
        Instant at = KnowledgeTime.of(recordedAt);
        return new IssueBoardRow(event.issueId().value(), sequence, at, event.title(), event.description(),
                ScopeView.of(event.scope(), areas), null, event.state(), event.origin(), at, 0, 0, null, null, null, at,
                at);
    }

    /** The next version after an event of this issue other than its raising. */
    public IssueBoardRow evolve(IssueEvent event, Instant recordedAt, long sequence, Areas areas) {
        // a later event never starts before the version it follows, even across nodes' clocks
        Instant at = KnowledgeTime.of(recordedAt).isBefore(recordedFrom) ? recordedFrom : KnowledgeTime.of(recordedAt);
        if (event instanceof EvidenceAttached evidence) {
            return new IssueBoardRow(issueId, sequence, at, title, description, scope, councilId, evidence.state(), origin,
                    raisedAt, signals + evidence.items().size(), evidence.distinctCases(),
                    earlier(firstOn, evidence.firstOn()), later(lastOn, evidence.lastOn()),
                    evidenceSince == null ? at : evidenceSince, lastDecisionAt, at);
        }
        ScopeView nextScope = event instanceof IssueScopeChanged changed ? ScopeView.of(changed.newScope(), areas) : scope;
        String nextCouncil = event instanceof IssuePromoted promoted ? promoted.councilId() : councilId;
        return new IssueBoardRow(issueId, sequence, at, title, description, nextScope, nextCouncil, event.state(),
                origin, raisedAt, signals, distinctCases, firstOn, lastOn, null, at, at);
    }

    public Attention attention(Instant at, Duration staleAfter) {
        if (!state.isOpen()) {
            return Attention.NONE;
        }
        if (state == IssueState.CANDIDATE) {
            return new Attention(Attention.Reason.NEW_CANDIDATE, raisedAt);
        }
        if (evidenceSince != null) {
            return new Attention(Attention.Reason.RISING_EVIDENCE, evidenceSince);
        }
        Instant staleFrom = lastDecisionAt.plus(staleAfter);
        if (at.isAfter(staleFrom)) {
            return new Attention(Attention.Reason.STALE, staleFrom);
        }
        return Attention.NONE;
    }

    private int rank(Instant at, Duration staleAfter) {
        return state.isOpen() ? attention(at, staleAfter).reason().ordinal() : Attention.Reason.values().length;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
