package jp.nimo.issues;

import java.util.List;

/**
 * The facts of a regional issue's life (issue plane: never an identity). Every decision carries who
 * took it, when, at which meeting and why, and the state the issue is in after it.
 */
public sealed interface IssueEvent {

    IssueId issueId();

    Decision decision();

    IssueState state();

    record IssueRaised(IssueId issueId, String title, String description, Scope scope, IssueOrigin origin,
                       IssueId escalatedFrom, Decision decision, IssueState state) implements IssueEvent {
    }

    /**
     * Signals from case events attached as evidence: the items of this batch, the first and last
     * business dates among them, and how many distinct cases the issue's evidence now comes from.
     */
    record EvidenceAttached(IssueId issueId, String batchId, List<EvidenceItem> items, java.time.LocalDate firstOn,
                            java.time.LocalDate lastOn, int distinctCases, Decision decision, IssueState state)
            implements IssueEvent {

        public EvidenceAttached {
            items = List.copyOf(items);
        }
    }

    record IssuePromoted(IssueId issueId, String councilId, Decision decision, IssueState state) implements IssueEvent {
    }

    record VerificationStarted(IssueId issueId, Decision decision, IssueState state) implements IssueEvent {
    }

    record IssueVerified(IssueId issueId, String statement, Decision decision, IssueState state) implements IssueEvent {
    }

    /**
     * The issue handed over to another council: the linked issue opened there starts from this title,
     * description and scope (null in events recorded before the handover was part of the event).
     */
    record IssueEscalated(IssueId issueId, String fromCouncilId, String toCouncilId, IssueId linkedIssueId,
                          String title, String description, Scope scope, Decision decision, IssueState state)
            implements IssueEvent {
    }

    record IssuePlanned(IssueId issueId, List<Target> targets, List<RoleAssignment> roles, List<Milestone> milestones,
                        Decision decision, IssueState state) implements IssueEvent {

        public IssuePlanned {
            targets = List.copyOf(targets);
            roles = List.copyOf(roles);
            milestones = List.copyOf(milestones);
        }
    }

    record ImplementationStarted(IssueId issueId, Decision decision, IssueState state) implements IssueEvent {
    }

    record ActualRecorded(IssueId issueId, Actual actual, Decision decision, IssueState state) implements IssueEvent {
    }

    record EvaluationStarted(IssueId issueId, Decision decision, IssueState state) implements IssueEvent {
    }

    record IssueResolved(IssueId issueId, Decision decision, IssueState state) implements IssueEvent {
    }

    record MonitoringStarted(IssueId issueId, Decision decision, IssueState state) implements IssueEvent {
    }

    record IssueDismissed(IssueId issueId, Decision decision, IssueState state) implements IssueEvent {
    }

    record IssueMerged(IssueId issueId, IssueId intoIssueId, Decision decision, IssueState state) implements IssueEvent {
    }

    record MergedIssueTakenIn(IssueId issueId, IssueId mergedIssueId, Decision decision, IssueState state)
            implements IssueEvent {
    }

    record IssueReopened(IssueId issueId, IssueState reopenedFrom, Decision decision, IssueState state)
            implements IssueEvent {
    }

    record IssueScopeChanged(IssueId issueId, Scope oldScope, Scope newScope, Decision decision, IssueState state)
            implements IssueEvent {
    }

    /**
     * The issue reported up to a council of a higher level; the linked issue opened there starts from this
     * title, description and scope. This issue keeps its state.
     */
    record IssueReportedUp(IssueId issueId, String fromCouncilId, String toCouncilId, IssueId linkedIssueId,
                           String title, String description, Scope linkedScope, Decision decision, IssueState state)
            implements IssueEvent {
    }

    /**
     * Part of the issue ({@code scope}, free text; null: the issue as a whole) delegated to a council of a lower
     * level; the linked issue opened there is about that council's area. This issue keeps its state.
     */
    record IssueDelegated(IssueId issueId, String fromCouncilId, String toCouncilId, IssueId linkedIssueId,
                          String scope, String title, String description, Scope linkedScope, Decision decision,
                          IssueState state) implements IssueEvent {
    }

    /**
     * The other end of a report-up or a delegation, on the issue it opened: the issue it came from, that issue's
     * council and the part delegated.
     */
    record IssueLinked(IssueId issueId, IssueLinkType link, IssueId otherIssueId, String otherCouncilId, String scope,
                       Decision decision, IssueState state) implements IssueEvent {
    }
}
