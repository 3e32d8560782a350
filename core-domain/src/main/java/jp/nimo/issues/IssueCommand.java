package jp.nimo.issues;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** What a council's secretariat (or a worker raising an issue) asks of a regional issue. */
public sealed interface IssueCommand {

    IssueId issueId();

    /** Raise an issue by hand, from a practitioner's report, a survey, data or a checklist. */
    record RaiseIssue(@TargetAggregateIdentifier IssueId issueId, String title, String description, Scope scope,
                      IssueOrigin origin, Decision decision) implements IssueCommand {
    }

    /** Raise a candidate from a cluster of case signals found by the detection policy. */
    record RaiseCandidate(@TargetAggregateIdentifier IssueId issueId, String title, String description, Scope scope,
                          EvidenceBatch evidence, Decision decision) implements IssueCommand {
    }

    /** Attach further signals to an open issue of the same area and category. */
    record AttachEvidence(@TargetAggregateIdentifier IssueId issueId, EvidenceBatch evidence, Decision decision)
            implements IssueCommand {
    }

    /** Open the linked issue at the council an issue was escalated to; it starts on that council's agenda. */
    record OpenEscalatedIssue(@TargetAggregateIdentifier IssueId issueId, IssueId escalatedFrom, String title,
                              String description, Scope scope, String councilId, Decision decision)
            implements IssueCommand {
    }

    record PromoteIssue(@TargetAggregateIdentifier IssueId issueId, String councilId, Decision decision)
            implements IssueCommand {
    }

    record StartVerification(@TargetAggregateIdentifier IssueId issueId, Decision decision) implements IssueCommand {
    }

    record VerifyIssue(@TargetAggregateIdentifier IssueId issueId, String statement, Decision decision)
            implements IssueCommand {
    }

    record EscalateIssue(@TargetAggregateIdentifier IssueId issueId, String toCouncilId, IssueId linkedIssueId,
                         Decision decision) implements IssueCommand {
    }

    record PlanIssue(@TargetAggregateIdentifier IssueId issueId, List<Target> targets, List<RoleAssignment> roles,
                     List<Milestone> milestones, Decision decision) implements IssueCommand {
    }

    record StartImplementation(@TargetAggregateIdentifier IssueId issueId, Decision decision) implements IssueCommand {
    }

    record RecordActual(@TargetAggregateIdentifier IssueId issueId, Actual actual, Decision decision)
            implements IssueCommand {
    }

    record StartEvaluation(@TargetAggregateIdentifier IssueId issueId, Decision decision) implements IssueCommand {
    }

    record ResolveIssue(@TargetAggregateIdentifier IssueId issueId, Decision decision) implements IssueCommand {
    }

    record MonitorIssue(@TargetAggregateIdentifier IssueId issueId, Decision decision) implements IssueCommand {
    }

    record DismissIssue(@TargetAggregateIdentifier IssueId issueId, Decision decision) implements IssueCommand {
    }

    record MergeIssue(@TargetAggregateIdentifier IssueId issueId, IssueId intoIssueId, Decision decision)
            implements IssueCommand {
    }

    /** The other end of a merge: the issue that takes in a merged one records the link. */
    record TakeInMergedIssue(@TargetAggregateIdentifier IssueId issueId, IssueId mergedIssueId, Decision decision)
            implements IssueCommand {
    }

    record ReopenIssue(@TargetAggregateIdentifier IssueId issueId, Decision decision) implements IssueCommand {
    }

    /** A new scope; parts left null stay as they are. */
    record ChangeScope(@TargetAggregateIdentifier IssueId issueId, String category, jp.nimo.reference.Area area,
                       Population population, Decision decision) implements IssueCommand {
    }

    /**
     * Report the issue up to a council of a higher level whose area contains the issue's; it opens a linked
     * issue there ({@code linkedIssueId}) while this one keeps its state.
     */
    record ReportIssueUp(@TargetAggregateIdentifier IssueId issueId, String toCouncilId, IssueId linkedIssueId,
                         Decision decision) implements IssueCommand {
    }

    /**
     * Delegate (part of) the issue, described by {@code scope}, to a council of a lower level whose area lies
     * inside this council's; it opens a linked issue there while this one keeps its state.
     */
    record DelegateIssue(@TargetAggregateIdentifier IssueId issueId, String toCouncilId, String scope,
                         IssueId linkedIssueId, Decision decision) implements IssueCommand {
    }

    /**
     * Open the issue a report-up or a delegation links to, on the other council's agenda: {@code link} is the
     * end this new issue holds ({@code REPORTED_FROM} or {@code DELEGATED_FROM}).
     */
    record OpenLinkedIssue(@TargetAggregateIdentifier IssueId issueId, IssueLinkType link, IssueId linkedFrom,
                           String fromCouncilId, String scope, String title, String description, Scope issueScope,
                           String councilId, Decision decision) implements IssueCommand {
    }
}
