package jp.nimo.projection.issueplane.issue;

/** How an issue is linked with another, seen from this issue; each end is written from its own issue's event. */
public enum Relation {
    /** this issue was escalated; the other is the linked issue at the receiving council (IssueEscalated) */
    ESCALATED_TO,
    /** this issue was opened by an escalation of the other (IssueRaised with escalatedFrom) */
    ESCALATED_FROM,
    /** this issue was merged into the other (IssueMerged) */
    MERGED_INTO,
    /** the other issue was merged into this one (MergedIssueTakenIn) */
    TOOK_IN
}
