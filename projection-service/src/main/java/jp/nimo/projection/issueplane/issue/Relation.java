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
    TOOK_IN,
    /** this issue was reported up; the other is the issue opened at the higher council (IssueReportedUp) */
    REPORTED_TO,
    /** this issue was opened by a report from the other, held at a lower council (IssueLinked) */
    REPORTED_FROM,
    /** part of this issue was delegated; the other is the issue opened at the lower council (IssueDelegated) */
    DELEGATED_TO,
    /** this issue was opened by a delegation from the other, held at a higher council (IssueLinked) */
    DELEGATED_FROM;

    /** The relation of a report-up or delegation end as the domain names it. */
    public static Relation of(jp.nimo.issues.IssueLinkType link) {
        return valueOf(link.name());
    }
}
