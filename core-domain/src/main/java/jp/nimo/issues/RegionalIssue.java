package jp.nimo.issues;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import jp.nimo.issues.IssueCommand.AttachEvidence;
import jp.nimo.issues.IssueCommand.ChangeScope;
import jp.nimo.issues.IssueCommand.RaiseCandidate;
import jp.nimo.issues.IssueEvent.EvidenceAttached;
import jp.nimo.issues.IssueCommand.DelegateIssue;
import jp.nimo.issues.IssueCommand.DismissIssue;
import jp.nimo.issues.IssueCommand.OpenLinkedIssue;
import jp.nimo.issues.IssueCommand.ReportIssueUp;
import jp.nimo.issues.IssueEvent.IssueDelegated;
import jp.nimo.issues.IssueEvent.IssueLinked;
import jp.nimo.issues.IssueEvent.IssueReportedUp;
import jp.nimo.issues.IssueCommand.EscalateIssue;
import jp.nimo.issues.IssueCommand.MergeIssue;
import jp.nimo.issues.IssueCommand.MonitorIssue;
import jp.nimo.issues.IssueCommand.OpenEscalatedIssue;
import jp.nimo.issues.IssueCommand.PlanIssue;
import jp.nimo.issues.IssueCommand.PromoteIssue;
import jp.nimo.issues.IssueCommand.RaiseIssue;
import jp.nimo.issues.IssueCommand.RecordActual;
import jp.nimo.issues.IssueCommand.ReopenIssue;
import jp.nimo.issues.IssueCommand.ResolveIssue;
import jp.nimo.issues.IssueCommand.StartEvaluation;
import jp.nimo.issues.IssueCommand.StartImplementation;
import jp.nimo.issues.IssueCommand.StartVerification;
import jp.nimo.issues.IssueCommand.TakeInMergedIssue;
import jp.nimo.issues.IssueCommand.VerifyIssue;
import jp.nimo.issues.IssueEvent.ActualRecorded;
import jp.nimo.issues.IssueEvent.EvaluationStarted;
import jp.nimo.issues.IssueEvent.ImplementationStarted;
import jp.nimo.issues.IssueEvent.IssueDismissed;
import jp.nimo.issues.IssueEvent.IssueEscalated;
import jp.nimo.issues.IssueEvent.IssueMerged;
import jp.nimo.issues.IssueEvent.IssuePlanned;
import jp.nimo.issues.IssueEvent.IssuePromoted;
import jp.nimo.issues.IssueEvent.IssueRaised;
import jp.nimo.issues.IssueEvent.IssueReopened;
import jp.nimo.issues.IssueEvent.IssueResolved;
import jp.nimo.issues.IssueEvent.IssueScopeChanged;
import jp.nimo.issues.IssueEvent.IssueVerified;
import jp.nimo.issues.IssueEvent.MergedIssueTakenIn;
import jp.nimo.issues.IssueEvent.MonitoringStarted;
import jp.nimo.issues.IssueEvent.VerificationStarted;
import jp.nimo.reference.Council;
import jp.nimo.reference.Councils;
import jp.nimo.validation.DomainRuleViolation;
import jp.nimo.validation.InvalidInputException;
import jp.nimo.validation.NotPermitted;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A regional issue (地域課題) on its way through a council: the lifecycle of DESIGN.md and nothing
 * else. An action not allowed from the current state is refused with the state it was tried from.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@Revision("1")
public class RegionalIssue {

    /** A snapshot is taken after this many events: evidence keeps coming to a long-lived issue. */
    public static final int SNAPSHOT_EVERY = 100;


    @AggregateIdentifier
    private IssueId issueId;
    private IssueState state;
    private String title;
    private String description;
    private Scope scope;
    private String councilId;
    private Set<String> targets = new HashSet<>();
    /** The councils this issue was reported up or delegated to ({@code TYPE/councilId}): one link each. */
    private Set<String> links = new HashSet<>();

    protected RegionalIssue() {
        // for Axon
    }

    @CommandHandler
    public RegionalIssue(RaiseIssue command) {
        if (command.origin() == IssueOrigin.ESCALATION || command.origin() == IssueOrigin.CASE_CLUSTER
                || command.origin() == IssueOrigin.REPORT || command.origin() == IssueOrigin.DELEGATION) {
            throw new DomainRuleViolation("origin-not-by-hand", "origin",
                    command.origin() + " issues are opened by Nimo itself, not raised by hand");
        }
        apply(new IssueRaised(command.issueId(), command.title(), command.description(), command.scope(),
                command.origin(), null, command.decision(), IssueState.CANDIDATE));
    }

    @CommandHandler
    public RegionalIssue(RaiseCandidate command) {
        EvidenceBatch evidence = command.evidence();
        apply(new IssueRaised(command.issueId(), command.title(), command.description(), command.scope(),
                IssueOrigin.CASE_CLUSTER, null, command.decision(), IssueState.CANDIDATE));
        apply(new EvidenceAttached(command.issueId(), evidence.batchId(), evidence.items(), evidence.firstOn(),
                evidence.lastOn(), evidence.distinctCases(), command.decision(), IssueState.CANDIDATE));
    }

    /**
     * Attaches evidence to an open issue. Detection may lag behind a closing decision, so an issue no
     * longer open answers that it did not take the evidence instead of failing. (Detection sends each
     * batch once: its state, these events and its token commit together.)
     */
    @CommandHandler
    public boolean handle(AttachEvidence command) {
        EvidenceBatch evidence = command.evidence();
        if (!state.isOpen()) {
            return false;
        }
        apply(new EvidenceAttached(issueId, evidence.batchId(), evidence.items(), evidence.firstOn(), evidence.lastOn(),
                evidence.distinctCases(), command.decision(), state));
        return true;
    }

    @CommandHandler
    public RegionalIssue(OpenEscalatedIssue command) {
        apply(new IssueRaised(command.issueId(), command.title(), command.description(), command.scope(),
                IssueOrigin.ESCALATION, command.escalatedFrom(), command.decision(), IssueState.CANDIDATE));
        apply(new IssuePromoted(command.issueId(), command.councilId(), command.decision(), IssueState.PROMOTED));
    }

    @CommandHandler
    public RegionalIssue(OpenLinkedIssue command) {
        IssueOrigin origin = command.link() == IssueLinkType.REPORTED_FROM ? IssueOrigin.REPORT : IssueOrigin.DELEGATION;
        apply(new IssueRaised(command.issueId(), command.title(), command.description(), command.issueScope(), origin,
                null, command.decision(), IssueState.CANDIDATE));
        apply(new IssuePromoted(command.issueId(), command.councilId(), command.decision(), IssueState.PROMOTED));
        apply(new IssueLinked(command.issueId(), command.link(), command.linkedFrom(), command.fromCouncilId(),
                command.scope(), command.decision(), IssueState.PROMOTED));
    }

    /**
     * Whether a meeting of the council may discuss this issue: one on its agenda, or a candidate in an
     * area it covers. Read by the meetings' agenda; changes nothing.
     */
    public boolean canBeOnAgendaOf(Council council) {
        return councilId != null ? councilId.equals(council.id()) : council.covers(scope.area());
    }

    @CommandHandler
    public IssueState handle(PromoteIssue command, Councils councils) {
        allow(IssueAction.PROMOTE);
        Council council = councils.council(command.councilId())
                .orElseThrow(() -> new InvalidInputException("councilId", "is not a known council"));
        if (!council.covers(scope.area())) {
            throw new DomainRuleViolation("council-does-not-cover-area", "councilId",
                    council.id() + " does not cover " + scope.area());
        }
        requireSecretariatOf(command.decision().actor(), council.id());
        requireMeetingOf(command.decision(), council.id());
        apply(new IssuePromoted(issueId, council.id(), command.decision(), IssueAction.PROMOTE.next(state)));
        return state;
    }

    @CommandHandler
    public IssueState handle(StartVerification command) {
        decide(IssueAction.START_VERIFICATION, command.decision(), null);
        apply(new VerificationStarted(issueId, command.decision(), next(IssueAction.START_VERIFICATION)));
        return state;
    }

    @CommandHandler
    public IssueState handle(VerifyIssue command) {
        decide(IssueAction.VERIFY, command.decision(), null);
        required("statement", command.statement());
        apply(new IssueVerified(issueId, command.statement(), command.decision(), next(IssueAction.VERIFY)));
        return state;
    }

    @CommandHandler
    public IssueState handle(EscalateIssue command, Councils councils) {
        decide(IssueAction.ESCALATE, command.decision(), "reason");
        Council to = councils.council(command.toCouncilId())
                .orElseThrow(() -> new InvalidInputException("toCouncilId", "is not a known council"));
        if (to.id().equals(councilId)) {
            throw new DomainRuleViolation("escalation-to-same-council", "toCouncilId",
                    "the issue is already on the agenda of " + councilId);
        }
        if (!to.covers(scope.area())) {
            throw new DomainRuleViolation("council-does-not-cover-area", "toCouncilId",
                    to.id() + " does not cover " + scope.area());
        }
        apply(new IssueEscalated(issueId, councilId, to.id(), command.linkedIssueId(), title, description, scope,
                command.decision(), next(IssueAction.ESCALATE)));
        return state;
    }

    /** Reports up to a council of a higher level whose area contains the issue's; this issue stays open here. */
    @CommandHandler
    public IssueState handle(ReportIssueUp command, Councils councils) {
        decide(IssueAction.REPORT_UP, command.decision(), "reason");
        Council from = holdingCouncil(councils);
        Council to = linkTarget(command.toCouncilId(), IssueLinkType.REPORTED_TO, councils);
        if (to.level().ordinal() <= from.level().ordinal() || !to.covers(scope.area())) {
            throw new DomainRuleViolation("report-up-to-higher-level", "toCouncilId", to.id() + " is not a council"
                    + " of a higher level than " + from.id() + " whose area contains " + scope.area());
        }
        apply(new IssueReportedUp(issueId, councilId, to.id(), command.linkedIssueId(), title, description, scope,
                command.decision(), state));
        return state;
    }

    /**
     * Delegates (part of) the issue to a council of a lower level whose area lies inside this council's; the
     * issue opened there is about that council's area. This issue stays open here.
     */
    @CommandHandler
    public IssueState handle(DelegateIssue command, Councils councils) {
        decide(IssueAction.DELEGATE, command.decision(), "reason");
        Council from = holdingCouncil(councils);
        Council to = linkTarget(command.toCouncilId(), IssueLinkType.DELEGATED_TO, councils);
        if (to.level().ordinal() >= from.level().ordinal() || !from.contains(to)) {
            throw new DomainRuleViolation("delegate-to-lower-level", "toCouncilId", to.id() + " is not a council"
                    + " of a lower level whose area lies inside that of " + from.id());
        }
        Scope linkedScope = new Scope(scope.category(), to.area().orElse(scope.area()), scope.population());
        String part = command.scope() == null || command.scope().isBlank() ? null : command.scope();
        apply(new IssueDelegated(issueId, councilId, to.id(), command.linkedIssueId(), part, title, description,
                linkedScope, command.decision(), state));
        return state;
    }

    private Council holdingCouncil(Councils councils) {
        return councils.council(councilId)
                .orElseThrow(() -> new IllegalStateException("the council " + councilId + " holding " + issueId
                        + " is unknown"));
    }

    /** The council a link goes to: known, and not linked the same way before. */
    private Council linkTarget(String toCouncilId, IssueLinkType type, Councils councils) {
        Council to = councils.council(toCouncilId)
                .orElseThrow(() -> new InvalidInputException("toCouncilId", "is not a known council"));
        if (links.contains(type + "/" + to.id())) {
            throw new DomainRuleViolation("already-linked", "toCouncilId",
                    "the issue is already " + type.name().toLowerCase().replace('_', ' ') + " " + to.id());
        }
        return to;
    }

    @CommandHandler
    public IssueState handle(PlanIssue command) {
        decide(IssueAction.PLAN, command.decision(), null);
        if (command.targets().isEmpty()) {
            throw new InvalidInputException("targets", "a plan needs at least one target");
        }
        Set<String> seen = new HashSet<>();
        for (Target target : command.targets()) {
            if (!seen.add(key(target.indicator(), target.fiscalYear().startYear()))) {
                throw new InvalidInputException("targets", "two targets for " + target.indicator() + " in "
                        + target.fiscalYear());
            }
        }
        apply(new IssuePlanned(issueId, command.targets(), command.roles(), command.milestones(), command.decision(),
                next(IssueAction.PLAN)));
        return state;
    }

    @CommandHandler
    public IssueState handle(StartImplementation command) {
        decide(IssueAction.START_IMPLEMENTATION, command.decision(), null);
        apply(new ImplementationStarted(issueId, command.decision(), next(IssueAction.START_IMPLEMENTATION)));
        return state;
    }

    @CommandHandler
    public IssueState handle(RecordActual command) {
        decide(IssueAction.RECORD_ACTUAL, command.decision(), null);
        Actual actual = command.actual();
        if (!targets.contains(key(actual.indicator(), actual.fiscalYear().startYear()))) {
            throw new DomainRuleViolation("actual-without-target", "indicator",
                    "the plan has no target for " + actual.indicator() + " in " + actual.fiscalYear());
        }
        apply(new ActualRecorded(issueId, actual, command.decision(), next(IssueAction.RECORD_ACTUAL)));
        return state;
    }

    @CommandHandler
    public IssueState handle(StartEvaluation command) {
        decide(IssueAction.START_EVALUATION, command.decision(), null);
        apply(new EvaluationStarted(issueId, command.decision(), next(IssueAction.START_EVALUATION)));
        return state;
    }

    @CommandHandler
    public IssueState handle(ResolveIssue command) {
        decide(IssueAction.RESOLVE, command.decision(), null);
        apply(new IssueResolved(issueId, command.decision(), next(IssueAction.RESOLVE)));
        return state;
    }

    @CommandHandler
    public IssueState handle(MonitorIssue command) {
        decide(IssueAction.MONITOR, command.decision(), null);
        apply(new MonitoringStarted(issueId, command.decision(), next(IssueAction.MONITOR)));
        return state;
    }

    @CommandHandler
    public IssueState handle(DismissIssue command, Councils councils) {
        allow(IssueAction.DISMISS);
        required("reason", command.decision().reason());
        requireActorFor(command.decision(), councils);
        apply(new IssueDismissed(issueId, command.decision(), next(IssueAction.DISMISS)));
        return state;
    }

    @CommandHandler
    public IssueState handle(MergeIssue command, Councils councils) {
        allow(IssueAction.MERGE);
        required("reason", command.decision().reason());
        requireActorFor(command.decision(), councils);
        if (command.intoIssueId().equals(issueId)) {
            throw new DomainRuleViolation("merge-into-itself", "intoIssueId", "an issue cannot be merged into itself");
        }
        apply(new IssueMerged(issueId, command.intoIssueId(), command.decision(), next(IssueAction.MERGE)));
        return state;
    }

    @CommandHandler
    public IssueState handle(TakeInMergedIssue command, Councils councils) {
        if (!state.isOpen()) {
            throw new DomainRuleViolation("merge-target-not-open", "intoIssueId",
                    "the issue to merge into is " + state + ", no longer open", Map.of("targetState", state.name()));
        }
        requireActorFor(command.decision(), councils);
        apply(new MergedIssueTakenIn(issueId, command.mergedIssueId(), command.decision(), state));
        return state;
    }

    @CommandHandler
    public IssueState handle(ReopenIssue command, Councils councils) {
        allow(IssueAction.REOPEN);
        required("reason", command.decision().reason());
        requireActorFor(command.decision(), councils);
        apply(new IssueReopened(issueId, state, command.decision(), next(IssueAction.REOPEN)));
        return state;
    }

    @CommandHandler
    public IssueState handle(ChangeScope command, Councils councils) {
        allow(IssueAction.CHANGE_SCOPE);
        required("reason", command.decision().reason());
        requireActorFor(command.decision(), councils);
        Scope changed = new Scope(
                command.category() == null ? scope.category() : command.category(),
                command.area() == null ? scope.area() : command.area(),
                command.population() == null ? scope.population() : command.population());
        if (changed.equals(scope)) {
            throw new DomainRuleViolation("scope-unchanged", null, "the new scope is the same as the current one");
        }
        apply(new IssueScopeChanged(issueId, scope, changed, command.decision(), state));
        return state;
    }

    private void allow(IssueAction action) {
        if (!action.allowedFrom(state)) {
            throw new TransitionNotAllowed(action, state);
        }
    }

    /** The checks of an action on an issue already on a council's agenda. */
    private void decide(IssueAction action, Decision decision, String requiredField) {
        allow(action);
        if (requiredField != null) {
            required(requiredField, decision.reason());
        }
        requireSecretariatOf(decision.actor(), councilId);
        requireMeetingOf(decision, councilId);
    }

    /** A decision that names a meeting was taken by the council that holds (or takes up) the issue. */
    private static void requireMeetingOf(Decision decision, String council) {
        Meeting meeting = decision.meeting();
        if (meeting != null && meeting.councilId() != null && !meeting.councilId().equals(council)) {
            throw new DomainRuleViolation("meeting-of-another-council", "meetingId",
                    "the meeting is one of " + meeting.councilId() + ", not of " + council);
        }
    }

    private IssueState next(IssueAction action) {
        return action.next(state);
    }

    private static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required");
        }
    }

    private static void requireSecretariatOf(Actor actor, String council) {
        if (actor == Actor.SYSTEM || actor.role().equals(Actor.SYSTEM.role())) {
            return;
        }
        if (council == null || !actor.councils().contains(council)) {
            throw new NotPermitted("only the secretariat of " + (council == null ? "a council covering the issue" : council)
                    + " may decide on this issue");
        }
    }

    /** On the agenda: its council's secretariat; before that: the secretariat of any council covering the area. */
    private void requireActorFor(Decision decision, Councils councils) {
        Actor actor = decision.actor();
        if (councilId != null) {
            requireSecretariatOf(actor, councilId);
            requireMeetingOf(decision, councilId);
            return;
        }
        Meeting meeting = decision.meeting();
        if (meeting != null && meeting.councilId() != null && councils.council(meeting.councilId())
                .map(c -> !c.covers(scope.area())).orElse(true)) {
            throw new DomainRuleViolation("meeting-of-another-council", "meetingId",
                    "the meeting's council " + meeting.councilId() + " does not cover " + scope.area());
        }
        boolean covers = actor.councils().stream()
                .map(councils::council)
                .anyMatch(c -> c.map(council -> council.covers(scope.area())).orElse(false));
        if (!covers && !actor.role().equals(Actor.SYSTEM.role())) {
            throw new NotPermitted("only the secretariat of a council covering " + scope.area() + " may decide on this issue");
        }
    }

    private static String key(String indicator, int fiscalYear) {
        return indicator + "/" + fiscalYear;
    }

    @EventSourcingHandler
    void on(IssueRaised event) {
        issueId = event.issueId();
        title = event.title();
        description = event.description();
        scope = event.scope();
        state = event.state();
    }

    @EventSourcingHandler
    void on(IssuePromoted event) {
        councilId = event.councilId();
        state = event.state();
    }

    @EventSourcingHandler
    void on(IssuePlanned event) {
        event.targets().forEach(t -> targets.add(key(t.indicator(), t.fiscalYear().startYear())));
        state = event.state();
    }

    @EventSourcingHandler
    void on(IssueScopeChanged event) {
        scope = event.newScope();
        state = event.state();
    }

    @EventSourcingHandler
    void on(IssueReportedUp event) {
        links.add(IssueLinkType.REPORTED_TO + "/" + event.toCouncilId());
        state = event.state();
    }

    @EventSourcingHandler
    void on(IssueDelegated event) {
        links.add(IssueLinkType.DELEGATED_TO + "/" + event.toCouncilId());
        state = event.state();
    }

    /** Every other decision only moves the state. */
    @EventSourcingHandler
    void on(IssueEvent event) {
        state = event.state();
    }
}
