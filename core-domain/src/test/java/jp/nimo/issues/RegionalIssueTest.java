package jp.nimo.issues;

import jp.nimo.issues.IssueCommand.ChangeScope;
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
import jp.nimo.reference.Area;
import jp.nimo.reference.ShippedReference;
import jp.nimo.reference.FiscalYear;
import jp.nimo.validation.DomainRuleViolation;
import jp.nimo.validation.InvalidInputException;
import jp.nimo.validation.NotPermitted;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.EnumSet;
import java.util.stream.Stream;

/**
 * The council lifecycle, on a housing issue of 目黒区 taken up by Meguro's council (council-13110):
 * every transition of DESIGN.md's table allowed from its states and refused from all others.
 */
class RegionalIssueTest {

    static final IssueId ISSUE = IssueId.of("0d6c1b7e-3f0a-4c55-9a0e-5b8f6f2d7a11");
    static final IssueId OTHER = IssueId.of("7a9d2e40-1b3c-4f6a-8e5d-2c1b0a9f8e77");
    static final IssueId LINKED = IssueId.of("b1e2c3d4-5f60-4718-9a2b-3c4d5e6f7a8b");
    static final String MEGURO_COUNCIL = "council-13110";
    static final Actor SECRETARIAT = new Actor("secretariat-meguro", "meguro-disability-welfare-division",
            "SECRETARIAT", List.of(MEGURO_COUNCIL));
    static final Actor OUTSIDER = new Actor("secretariat-hachioji", "municipality-13201-welfare", "SECRETARIAT",
            List.of("council-13201"));
    static final Meeting MEETING = new Meeting("令和6年度 第1回 目黒区協議の場", LocalDate.parse("2024-07-10"),
            Meeting.Format.IN_PERSON);
    static final Instant AT = Instant.parse("2024-07-11T00:00:00Z");
    static final Decision DECISION = new Decision(SECRETARIAT, AT, MEETING, "協議の場で合意");
    static final Decision NO_REASON = new Decision(SECRETARIAT, AT, MEETING, null);
    static final String SEINAMBU_COUNCIL = "council-13-ku-seinambu";
    static final String TOKYO_COUNCIL = "council-13";
    static final Actor SEINAMBU_SECRETARIAT = new Actor("secretariat-seinambu", "setagaya-support-office",
            "SECRETARIAT", List.of(SEINAMBU_COUNCIL));
    static final Decision SEINAMBU_DECISION = new Decision(SEINAMBU_SECRETARIAT, AT, MEETING, "地域の受け皿は区で");
    static final Scope SCOPE = new Scope("C04", Area.municipality("13110"), Population.MENTAL_DISABILITY);
    static final Target TARGET = new Target("RENTAL_REFUSALS", FiscalYear.of(2024), "cases", Target.Direction.DECREASE,
            new BigDecimal("12"), new BigDecimal("6"));
    static final Actual ACTUAL = new Actual("RENTAL_REFUSALS", FiscalYear.of(2024), new BigDecimal("8"),
            Actual.Source.MANUAL);

    private FixtureConfiguration<RegionalIssue> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RegionalIssue.class);
        fixture.registerInjectableResource(ShippedReference.councils());
    }

    /** The shortest history that brings the issue into each state. */
    static Map<IssueState, List<Object>> histories() {
        Map<IssueState, List<Object>> h = new EnumMap<>(IssueState.class);
        List<Object> events = new ArrayList<>();
        events.add(new IssueRaised(ISSUE, "住まいの確保が難しい", "入居を断られる事例が散見", SCOPE,
                IssueOrigin.PRACTITIONER_REPORT, null, DECISION, IssueState.CANDIDATE));
        h.put(IssueState.CANDIDATE, List.copyOf(events));
        events.add(new IssuePromoted(ISSUE, MEGURO_COUNCIL, DECISION, IssueState.PROMOTED));
        h.put(IssueState.PROMOTED, List.copyOf(events));
        events.add(new VerificationStarted(ISSUE, DECISION, IssueState.UNDER_VERIFICATION));
        h.put(IssueState.UNDER_VERIFICATION, List.copyOf(events));
        events.add(new IssueVerified(ISSUE, "個別の課題ではなく地域の課題", DECISION, IssueState.VERIFIED));
        h.put(IssueState.VERIFIED, List.copyOf(events));
        events.add(new IssuePlanned(ISSUE, List.of(TARGET), List.of(), List.of(), DECISION, IssueState.PLANNED));
        h.put(IssueState.PLANNED, List.copyOf(events));
        events.add(new ImplementationStarted(ISSUE, DECISION, IssueState.IN_IMPLEMENTATION));
        h.put(IssueState.IN_IMPLEMENTATION, List.copyOf(events));
        events.add(new EvaluationStarted(ISSUE, DECISION, IssueState.UNDER_EVALUATION));
        h.put(IssueState.UNDER_EVALUATION, List.copyOf(events));
        List<Object> monitoring = new ArrayList<>(events);
        monitoring.add(new MonitoringStarted(ISSUE, DECISION, IssueState.MONITORING));
        h.put(IssueState.MONITORING, monitoring);
        List<Object> resolved = new ArrayList<>(events);
        resolved.add(new IssueResolved(ISSUE, DECISION, IssueState.RESOLVED));
        h.put(IssueState.RESOLVED, resolved);
        List<Object> escalated = new ArrayList<>(h.get(IssueState.VERIFIED));
        escalated.add(new IssueEscalated(ISSUE, MEGURO_COUNCIL, "council-13-ku-seinambu", LINKED,
                "住まいの確保が難しい", "入居を断られる事例が散見", SCOPE, DECISION, IssueState.ESCALATED));
        h.put(IssueState.ESCALATED, escalated);
        List<Object> dismissed = new ArrayList<>(h.get(IssueState.PROMOTED));
        dismissed.add(new IssueDismissed(ISSUE, DECISION, IssueState.DISMISSED));
        h.put(IssueState.DISMISSED, dismissed);
        List<Object> merged = new ArrayList<>(h.get(IssueState.PROMOTED));
        merged.add(new IssueMerged(ISSUE, OTHER, DECISION, IssueState.MERGED));
        h.put(IssueState.MERGED, merged);
        return h;
    }

    /** The history of each state; a delegation starts from the same issue held by the region's council. */
    static List<Object> historyFor(IssueAction action, IssueState state) {
        List<Object> history = histories().get(state);
        return action != IssueAction.DELEGATE ? history : heldBy(history, SEINAMBU_COUNCIL);
    }

    /** The history with the issue promoted to {@code council} instead of Meguro's. */
    static List<Object> heldBy(List<Object> history, String council) {
        return history.stream().map(e -> e instanceof IssuePromoted p
                ? new IssuePromoted(p.issueId(), council, p.decision(), p.state()) : e).toList();
    }

    static Object command(IssueAction action) {
        return switch (action) {
            case PROMOTE -> new PromoteIssue(ISSUE, MEGURO_COUNCIL, DECISION);
            case DISMISS -> new DismissIssue(ISSUE, DECISION);
            case MERGE -> new MergeIssue(ISSUE, OTHER, DECISION);
            case START_VERIFICATION -> new StartVerification(ISSUE, DECISION);
            case VERIFY -> new VerifyIssue(ISSUE, "地域の課題として共有", DECISION);
            case ESCALATE -> new EscalateIssue(ISSUE, "council-13-ku-seinambu", LINKED, DECISION);
            case PLAN -> new PlanIssue(ISSUE, List.of(TARGET), List.of(), List.of(), DECISION);
            case START_IMPLEMENTATION -> new StartImplementation(ISSUE, DECISION);
            case RECORD_ACTUAL -> new RecordActual(ISSUE, ACTUAL, DECISION);
            case START_EVALUATION -> new StartEvaluation(ISSUE, DECISION);
            case RESOLVE -> new ResolveIssue(ISSUE, DECISION);
            case MONITOR -> new MonitorIssue(ISSUE, DECISION);
            case REOPEN -> new ReopenIssue(ISSUE, DECISION);
            case CHANGE_SCOPE -> new ChangeScope(ISSUE, null, Area.region("13-ku-seinambu"), null, DECISION);
            case REPORT_UP -> new ReportIssueUp(ISSUE, SEINAMBU_COUNCIL, LINKED, DECISION);
            case DELEGATE -> new DelegateIssue(ISSUE, MEGURO_COUNCIL, "地域の受け皿づくり", LINKED, SEINAMBU_DECISION);
        };
    }

    /** DESIGN.md's lifecycle table, written out here independently of the code under test. */
    static final Map<IssueAction, Set<IssueState>> DESIGN_TABLE = Map.ofEntries(
            Map.entry(IssueAction.PROMOTE, EnumSet.of(IssueState.CANDIDATE)),
            Map.entry(IssueAction.DISMISS, EnumSet.of(IssueState.CANDIDATE, IssueState.PROMOTED, IssueState.UNDER_VERIFICATION)),
            Map.entry(IssueAction.MERGE, EnumSet.of(IssueState.CANDIDATE, IssueState.PROMOTED, IssueState.UNDER_VERIFICATION)),
            Map.entry(IssueAction.START_VERIFICATION, EnumSet.of(IssueState.PROMOTED)),
            Map.entry(IssueAction.VERIFY, EnumSet.of(IssueState.UNDER_VERIFICATION)),
            Map.entry(IssueAction.ESCALATE, EnumSet.of(IssueState.UNDER_VERIFICATION, IssueState.VERIFIED, IssueState.UNDER_EVALUATION)),
            Map.entry(IssueAction.PLAN, EnumSet.of(IssueState.VERIFIED, IssueState.UNDER_EVALUATION)),
            Map.entry(IssueAction.START_IMPLEMENTATION, EnumSet.of(IssueState.PLANNED)),
            Map.entry(IssueAction.RECORD_ACTUAL, EnumSet.of(IssueState.IN_IMPLEMENTATION, IssueState.UNDER_EVALUATION)),
            Map.entry(IssueAction.START_EVALUATION, EnumSet.of(IssueState.IN_IMPLEMENTATION)),
            Map.entry(IssueAction.RESOLVE, EnumSet.of(IssueState.UNDER_EVALUATION, IssueState.MONITORING)),
            Map.entry(IssueAction.MONITOR, EnumSet.of(IssueState.UNDER_EVALUATION)),
            Map.entry(IssueAction.REOPEN, EnumSet.of(IssueState.RESOLVED, IssueState.MONITORING, IssueState.DISMISSED)),
            Map.entry(IssueAction.CHANGE_SCOPE, EnumSet.of(IssueState.CANDIDATE, IssueState.PROMOTED,
                    IssueState.UNDER_VERIFICATION, IssueState.VERIFIED, IssueState.PLANNED, IssueState.IN_IMPLEMENTATION,
                    IssueState.UNDER_EVALUATION, IssueState.MONITORING)),
            Map.entry(IssueAction.REPORT_UP, EnumSet.of(IssueState.PROMOTED, IssueState.UNDER_VERIFICATION,
                    IssueState.VERIFIED, IssueState.PLANNED, IssueState.IN_IMPLEMENTATION, IssueState.UNDER_EVALUATION,
                    IssueState.MONITORING)),
            Map.entry(IssueAction.DELEGATE, EnumSet.of(IssueState.PROMOTED, IssueState.UNDER_VERIFICATION,
                    IssueState.VERIFIED, IssueState.PLANNED, IssueState.IN_IMPLEMENTATION, IssueState.UNDER_EVALUATION,
                    IssueState.MONITORING)));

    /** Where each action leads, per DESIGN.md (an action that keeps the state is absent). */
    static final Map<IssueAction, IssueState> DESIGN_TARGETS = Map.ofEntries(
            Map.entry(IssueAction.PROMOTE, IssueState.PROMOTED), Map.entry(IssueAction.DISMISS, IssueState.DISMISSED),
            Map.entry(IssueAction.MERGE, IssueState.MERGED), Map.entry(IssueAction.START_VERIFICATION, IssueState.UNDER_VERIFICATION),
            Map.entry(IssueAction.VERIFY, IssueState.VERIFIED), Map.entry(IssueAction.ESCALATE, IssueState.ESCALATED),
            Map.entry(IssueAction.PLAN, IssueState.PLANNED), Map.entry(IssueAction.START_IMPLEMENTATION, IssueState.IN_IMPLEMENTATION),
            Map.entry(IssueAction.START_EVALUATION, IssueState.UNDER_EVALUATION), Map.entry(IssueAction.RESOLVE, IssueState.RESOLVED),
            Map.entry(IssueAction.MONITOR, IssueState.MONITORING), Map.entry(IssueAction.REOPEN, IssueState.PROMOTED));

    static Stream<Arguments> refusedTransitions() {
        return Stream.of(IssueAction.values()).flatMap(action -> Stream.of(IssueState.values())
                .filter(state -> !DESIGN_TABLE.get(action).contains(state))
                .map(state -> Arguments.of(action, state)));
    }

    static Stream<Arguments> allowedTransitions() {
        return Stream.of(IssueAction.values()).flatMap(action -> DESIGN_TABLE.get(action).stream()
                .map(state -> Arguments.of(action, state)));
    }

    @ParameterizedTest(name = "{0} from {1} is refused")
    @MethodSource("refusedTransitions")
    void everyTransitionOutsideTheTableIsRefusedWithTheCurrentState(IssueAction action, IssueState state) {
        fixture.given(historyFor(action, state))
                .when(command(action))
                .expectNoEvents()
                .expectException(new CustomTypeSafeMatcher<TransitionNotAllowed>("refused from " + state) {
                    @Override
                    protected boolean matchesSafely(TransitionNotAllowed refused) {
                        return refused.currentState() == state && refused.action() == action;
                    }
                });
    }

    @ParameterizedTest(name = "{0} from {1} is allowed")
    @MethodSource("allowedTransitions")
    void everyTransitionOfTheTableIsAllowed(IssueAction action, IssueState state) {
        fixture.given(historyFor(action, state))
                .when(command(action))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(new CustomTypeSafeMatcher<Object>("in " + DESIGN_TARGETS.getOrDefault(action, state)) {
                    @Override
                    protected boolean matchesSafely(Object result) {
                        return result == DESIGN_TARGETS.getOrDefault(action, state);
                    }
                });
    }

    @Test
    void aManualRaiseStartsAsACandidateWithItsOrigin() {
        fixture.givenNoPriorActivity()
                .when(new RaiseIssue(ISSUE, "住まいの確保が難しい", "入居を断られる事例が散見", SCOPE, IssueOrigin.SURVEY, DECISION))
                .expectEvents(new IssueRaised(ISSUE, "住まいの確保が難しい", "入居を断られる事例が散見", SCOPE,
                        IssueOrigin.SURVEY, null, DECISION, IssueState.CANDIDATE));
    }

    @Test
    void caseClustersAndEscalationsAreNotRaisedByHand() {
        fixture.givenNoPriorActivity()
                .when(new RaiseIssue(ISSUE, "t", "d", SCOPE, IssueOrigin.CASE_CLUSTER, DECISION))
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void promotionPutsTheIssueOnTheCouncilsAgenda() {
        fixture.given(histories().get(IssueState.CANDIDATE))
                .when(new PromoteIssue(ISSUE, MEGURO_COUNCIL, DECISION))
                .expectEvents(new IssuePromoted(ISSUE, MEGURO_COUNCIL, DECISION, IssueState.PROMOTED));
    }

    @Test
    void aCouncilThatDoesNotCoverTheAreaCannotTakeTheIssue() {
        fixture.given(histories().get(IssueState.CANDIDATE))
                .when(new PromoteIssue(ISSUE, "council-13201", new Decision(OUTSIDER, AT, MEETING, null)))
                .expectNoEvents()
                .expectException(rule("council-does-not-cover-area"));
    }

    @Test
    void onlyTheCouncilsSecretariatDecides() {
        fixture.given(histories().get(IssueState.PROMOTED))
                .when(new StartVerification(ISSUE, new Decision(OUTSIDER, AT, MEETING, null)))
                .expectNoEvents()
                .expectException(NotPermitted.class);
    }

    @Test
    void aDecisionTakenAtAMeetingOfAnotherCouncilIsRefused() {
        Meeting setagayas = new Meeting("令和6年度 第1回", LocalDate.parse("2024-07-10"), Meeting.Format.IN_PERSON,
                jp.nimo.councils.MeetingId.of("5f0c1a52-9d3e-4c61-8a77-2b1e0f4d9c01"), "council-13112");
        fixture.given(histories().get(IssueState.PROMOTED))
                .when(new StartVerification(ISSUE, new Decision(SECRETARIAT, AT, setagayas, null)))
                .expectNoEvents()
                .expectException(rule("meeting-of-another-council"));
        fixture.given(histories().get(IssueState.CANDIDATE))
                .when(new PromoteIssue(ISSUE, MEGURO_COUNCIL, new Decision(SECRETARIAT, AT, setagayas, null)))
                .expectNoEvents()
                .expectException(rule("meeting-of-another-council"));
        Meeting meguros = new Meeting("令和6年度 第1回", LocalDate.parse("2024-07-10"), Meeting.Format.IN_PERSON,
                jp.nimo.councils.MeetingId.of("5f0c1a52-9d3e-4c61-8a77-2b1e0f4d9c01"), MEGURO_COUNCIL);
        fixture.given(histories().get(IssueState.PROMOTED))
                .when(new StartVerification(ISSUE, new Decision(SECRETARIAT, AT, meguros, null)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void verificationRecordsTheStatement() {
        fixture.given(histories().get(IssueState.UNDER_VERIFICATION))
                .when(new VerifyIssue(ISSUE, "個別の課題ではなく地域の課題", DECISION))
                .expectEvents(new IssueVerified(ISSUE, "個別の課題ではなく地域の課題", DECISION, IssueState.VERIFIED));
    }

    @Test
    void verificationNeedsAStatement() {
        fixture.given(histories().get(IssueState.UNDER_VERIFICATION))
                .when(new VerifyIssue(ISSUE, " ", DECISION))
                .expectException(InvalidInputException.class);
    }

    @Test
    void dismissalReopeningMergingEscalationAndScopeChangesNeedAReason() {
        fixture.given(histories().get(IssueState.PROMOTED)).when(new DismissIssue(ISSUE, NO_REASON))
                .expectNoEvents().expectException(InvalidInputException.class);
        fixture.given(histories().get(IssueState.DISMISSED)).when(new ReopenIssue(ISSUE, NO_REASON))
                .expectNoEvents().expectException(InvalidInputException.class);
        fixture.given(histories().get(IssueState.PROMOTED)).when(new MergeIssue(ISSUE, OTHER, NO_REASON))
                .expectNoEvents().expectException(InvalidInputException.class);
        fixture.given(histories().get(IssueState.VERIFIED))
                .when(new EscalateIssue(ISSUE, "council-13-ku-seinambu", LINKED, NO_REASON))
                .expectNoEvents().expectException(InvalidInputException.class);
        fixture.given(histories().get(IssueState.VERIFIED))
                .when(new ChangeScope(ISSUE, "C12", null, null, NO_REASON))
                .expectNoEvents().expectException(InvalidInputException.class);
    }

    @Test
    void escalationNamesBothCouncilsAndTheLinkedIssue() {
        fixture.given(histories().get(IssueState.VERIFIED))
                .when(new EscalateIssue(ISSUE, "council-13-ku-seinambu", LINKED, DECISION))
                .expectEvents(new IssueEscalated(ISSUE, MEGURO_COUNCIL, "council-13-ku-seinambu", LINKED,
                        "住まいの確保が難しい", "入居を断られる事例が散見", SCOPE, DECISION, IssueState.ESCALATED))
                .expectResultMessagePayload(IssueState.ESCALATED);
    }

    @Test
    void escalationGoesToAnotherCouncilThatCoversTheArea() {
        fixture.given(histories().get(IssueState.VERIFIED))
                .when(new EscalateIssue(ISSUE, MEGURO_COUNCIL, LINKED, DECISION))
                .expectException(rule("escalation-to-same-council"));
        fixture.given(histories().get(IssueState.VERIFIED))
                .when(new EscalateIssue(ISSUE, "council-13-minamitama", LINKED, DECISION))
                .expectException(rule("council-does-not-cover-area"));
    }

    @Test
    void theEscalatedIssueOpensOnTheReceivingCouncilsAgenda() {
        Decision decision = new Decision(SECRETARIAT, AT, MEETING, "圏域で検討が必要");
        fixture.givenNoPriorActivity()
                .when(new OpenEscalatedIssue(LINKED, ISSUE, "住まいの確保が難しい", "目黒区から", SCOPE,
                        "council-13-ku-seinambu", decision))
                .expectEvents(
                        new IssueRaised(LINKED, "住まいの確保が難しい", "目黒区から", SCOPE, IssueOrigin.ESCALATION, ISSUE,
                                decision, IssueState.CANDIDATE),
                        new IssuePromoted(LINKED, "council-13-ku-seinambu", decision, IssueState.PROMOTED));
    }

    @Test
    void aReportUpToTheRegionOpensALinkedIssueThereAndKeepsThisOneInItsState() {
        fixture.given(histories().get(IssueState.IN_IMPLEMENTATION))
                .when(new ReportIssueUp(ISSUE, SEINAMBU_COUNCIL, LINKED, DECISION))
                .expectEvents(new IssueReportedUp(ISSUE, MEGURO_COUNCIL, SEINAMBU_COUNCIL, LINKED, "住まいの確保が難しい",
                        "入居を断られる事例が散見", SCOPE, DECISION, IssueState.IN_IMPLEMENTATION))
                .expectResultMessagePayload(IssueState.IN_IMPLEMENTATION);
    }

    @Test
    void aMunicipalityReportsUpToThePrefectureToo() {
        fixture.given(histories().get(IssueState.VERIFIED))
                .when(new ReportIssueUp(ISSUE, TOKYO_COUNCIL, LINKED, DECISION))
                .expectEvents(new IssueReportedUp(ISSUE, MEGURO_COUNCIL, TOKYO_COUNCIL, LINKED, "住まいの確保が難しい",
                        "入居を断られる事例が散見", SCOPE, DECISION, IssueState.VERIFIED));
    }

    @Test
    void aReportGoesOnlyUpToACouncilWhoseAreaContainsTheIssues() {
        // a council of the same level, one of another region, and one below are all refused
        for (String council : List.of("council-13112", "council-13-minamitama")) {
            fixture.given(histories().get(IssueState.VERIFIED))
                    .when(new ReportIssueUp(ISSUE, council, LINKED, DECISION))
                    .expectNoEvents()
                    .expectException(rule("report-up-to-higher-level"));
        }
        fixture.given(heldBy(histories().get(IssueState.VERIFIED), SEINAMBU_COUNCIL))
                .when(new ReportIssueUp(ISSUE, MEGURO_COUNCIL, LINKED, SEINAMBU_DECISION))
                .expectNoEvents()
                .expectException(rule("report-up-to-higher-level"));
    }

    @Test
    void anIssueIsReportedUpToACouncilOnce() {
        List<Object> reported = new ArrayList<>(histories().get(IssueState.VERIFIED));
        reported.add(new IssueReportedUp(ISSUE, MEGURO_COUNCIL, SEINAMBU_COUNCIL, LINKED, "住まいの確保が難しい",
                "入居を断られる事例が散見", SCOPE, DECISION, IssueState.VERIFIED));
        fixture.given(reported)
                .when(new ReportIssueUp(ISSUE, SEINAMBU_COUNCIL, OTHER, DECISION))
                .expectNoEvents()
                .expectException(rule("already-linked"));
        fixture.given(reported)
                .when(new ReportIssueUp(ISSUE, TOKYO_COUNCIL, OTHER, DECISION))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void reportingUpAndDelegatingNeedAReasonAndTheSecretariatOfTheHoldingCouncil() {
        fixture.given(histories().get(IssueState.VERIFIED))
                .when(new ReportIssueUp(ISSUE, SEINAMBU_COUNCIL, LINKED, NO_REASON))
                .expectNoEvents().expectException(InvalidInputException.class);
        fixture.given(histories().get(IssueState.VERIFIED))
                .when(new ReportIssueUp(ISSUE, SEINAMBU_COUNCIL, LINKED, SEINAMBU_DECISION))
                .expectNoEvents().expectException(NotPermitted.class);
        fixture.given(heldBy(histories().get(IssueState.VERIFIED), SEINAMBU_COUNCIL))
                .when(new DelegateIssue(ISSUE, MEGURO_COUNCIL, null, LINKED, DECISION))
                .expectNoEvents().expectException(NotPermitted.class);
    }

    @Test
    void theRegionDelegatesPartOfItsIssueToAMunicipalityInsideIt() {
        Scope regional = new Scope("C04", Area.region("13-ku-seinambu"), Population.MENTAL_DISABILITY);
        List<Object> history = heldBy(histories().get(IssueState.PLANNED), SEINAMBU_COUNCIL).stream()
                .map(e -> e instanceof IssueRaised r ? new IssueRaised(r.issueId(), r.title(), r.description(), regional,
                        r.origin(), null, r.decision(), r.state()) : e).toList();
        fixture.given(history)
                .when(new DelegateIssue(ISSUE, MEGURO_COUNCIL, "地域の受け皿づくり", LINKED, SEINAMBU_DECISION))
                .expectEvents(new IssueDelegated(ISSUE, SEINAMBU_COUNCIL, MEGURO_COUNCIL, LINKED, "地域の受け皿づくり",
                        "住まいの確保が難しい", "入居を断られる事例が散見", SCOPE, SEINAMBU_DECISION, IssueState.PLANNED))
                .expectResultMessagePayload(IssueState.PLANNED);
    }

    @Test
    void aDelegationGoesOnlyDownToACouncilInsideTheDelegatingOnesArea() {
        fixture.given(heldBy(histories().get(IssueState.VERIFIED), SEINAMBU_COUNCIL))
                .when(new DelegateIssue(ISSUE, "council-13201", null, LINKED, SEINAMBU_DECISION))
                .expectNoEvents().expectException(rule("delegate-to-lower-level"));
        fixture.given(heldBy(histories().get(IssueState.VERIFIED), SEINAMBU_COUNCIL))
                .when(new DelegateIssue(ISSUE, TOKYO_COUNCIL, null, LINKED, SEINAMBU_DECISION))
                .expectNoEvents().expectException(rule("delegate-to-lower-level"));
        fixture.given(histories().get(IssueState.VERIFIED))
                .when(new DelegateIssue(ISSUE, MEGURO_COUNCIL, null, LINKED, DECISION))
                .expectNoEvents().expectException(rule("delegate-to-lower-level"));
    }

    @Test
    void theLinkedIssueOpensPromotedAtTheOtherCouncilWithTheBackLink() {
        fixture.givenNoPriorActivity()
                .when(new OpenLinkedIssue(LINKED, IssueLinkType.DELEGATED_FROM, ISSUE, SEINAMBU_COUNCIL, "地域の受け皿づくり",
                        "住まいの確保が難しい", "入居を断られる事例が散見", SCOPE, MEGURO_COUNCIL, SEINAMBU_DECISION))
                .expectEvents(
                        new IssueRaised(LINKED, "住まいの確保が難しい", "入居を断られる事例が散見", SCOPE,
                                IssueOrigin.DELEGATION, null, SEINAMBU_DECISION, IssueState.CANDIDATE),
                        new IssuePromoted(LINKED, MEGURO_COUNCIL, SEINAMBU_DECISION, IssueState.PROMOTED),
                        new IssueLinked(LINKED, IssueLinkType.DELEGATED_FROM, ISSUE, SEINAMBU_COUNCIL, "地域の受け皿づくり",
                                SEINAMBU_DECISION, IssueState.PROMOTED));
        fixture.givenNoPriorActivity()
                .when(new OpenLinkedIssue(LINKED, IssueLinkType.REPORTED_FROM, ISSUE, MEGURO_COUNCIL, null,
                        "住まいの確保が難しい", "入居を断られる事例が散見", SCOPE, SEINAMBU_COUNCIL, DECISION))
                .expectEvents(
                        new IssueRaised(LINKED, "住まいの確保が難しい", "入居を断られる事例が散見", SCOPE,
                                IssueOrigin.REPORT, null, DECISION, IssueState.CANDIDATE),
                        new IssuePromoted(LINKED, SEINAMBU_COUNCIL, DECISION, IssueState.PROMOTED),
                        new IssueLinked(LINKED, IssueLinkType.REPORTED_FROM, ISSUE, MEGURO_COUNCIL, null, DECISION,
                                IssueState.PROMOTED));
    }

    @Test
    void reportsAndDelegationsAreNotRaisedByHand() {
        for (IssueOrigin origin : List.of(IssueOrigin.REPORT, IssueOrigin.DELEGATION)) {
            fixture.givenNoPriorActivity()
                    .when(new RaiseIssue(ISSUE, "t", "d", SCOPE, origin, DECISION))
                    .expectException(rule("origin-not-by-hand"));
        }
    }

    @Test
    void theLinkedIssuesIdFollowsFromTheIssueTheLinkAndTheCouncil() {
        org.assertj.core.api.Assertions.assertThat(ISSUE.linked(IssueLinkType.REPORTED_TO, SEINAMBU_COUNCIL))
                .isEqualTo(ISSUE.linked(IssueLinkType.REPORTED_TO, SEINAMBU_COUNCIL))
                .isNotEqualTo(ISSUE.linked(IssueLinkType.REPORTED_TO, TOKYO_COUNCIL))
                .isNotEqualTo(ISSUE.linked(IssueLinkType.DELEGATED_TO, SEINAMBU_COUNCIL))
                .isNotEqualTo(OTHER.linked(IssueLinkType.REPORTED_TO, SEINAMBU_COUNCIL));
    }

    @Test
    void aPlanHoldsTargetsRolesAndMilestones() {
        RoleAssignment role = new RoleAssignment("setagaya-realtors-association", "物件情報の提供");
        Milestone milestone = new Milestone(LocalDate.parse("2024-09-30"), "生活サポートシートの試行");
        fixture.given(histories().get(IssueState.VERIFIED))
                .when(new PlanIssue(ISSUE, List.of(TARGET), List.of(role), List.of(milestone), DECISION))
                .expectEvents(new IssuePlanned(ISSUE, List.of(TARGET), List.of(role), List.of(milestone), DECISION,
                        IssueState.PLANNED));
    }

    @Test
    void aPlanNeedsATargetAndOneTargetPerIndicatorAndYear() {
        fixture.given(histories().get(IssueState.VERIFIED))
                .when(new PlanIssue(ISSUE, List.of(), List.of(), List.of(), DECISION))
                .expectException(InvalidInputException.class);
        fixture.given(histories().get(IssueState.VERIFIED))
                .when(new PlanIssue(ISSUE, List.of(TARGET, TARGET), List.of(), List.of(), DECISION))
                .expectException(InvalidInputException.class);
    }

    @Test
    void anActualIsRecordedAgainstATargetOfThePlan() {
        fixture.given(histories().get(IssueState.IN_IMPLEMENTATION))
                .when(new RecordActual(ISSUE, ACTUAL, DECISION))
                .expectEvents(new ActualRecorded(ISSUE, ACTUAL, DECISION, IssueState.IN_IMPLEMENTATION));
        fixture.given(histories().get(IssueState.IN_IMPLEMENTATION))
                .when(new RecordActual(ISSUE, new Actual("RENTAL_REFUSALS", FiscalYear.of(2025), BigDecimal.ONE,
                        Actual.Source.PROJECTION), DECISION))
                .expectNoEvents()
                .expectException(rule("actual-without-target"));
    }

    @Test
    void aMergedIssueLinksToTheOneItJoins() {
        fixture.given(histories().get(IssueState.PROMOTED))
                .when(new MergeIssue(ISSUE, OTHER, DECISION))
                .expectEvents(new IssueMerged(ISSUE, OTHER, DECISION, IssueState.MERGED));
        fixture.given(histories().get(IssueState.VERIFIED))
                .when(new TakeInMergedIssue(ISSUE, OTHER, DECISION))
                .expectEvents(new MergedIssueTakenIn(ISSUE, OTHER, DECISION, IssueState.VERIFIED));
    }

    @Test
    void anIssueCannotBeMergedIntoItselfNorIntoAClosedOne() {
        fixture.given(histories().get(IssueState.PROMOTED))
                .when(new MergeIssue(ISSUE, ISSUE, DECISION))
                .expectException(rule("merge-into-itself"));
        fixture.given(histories().get(IssueState.RESOLVED))
                .when(new TakeInMergedIssue(ISSUE, OTHER, DECISION))
                .expectNoEvents()
                .expectException(rule("merge-target-not-open"));
    }

    @Test
    void reopeningBringsTheIssueBackToTheAgendaWithItsHistory() {
        fixture.given(histories().get(IssueState.RESOLVED))
                .when(new ReopenIssue(ISSUE, DECISION))
                .expectEvents(new IssueReopened(ISSUE, IssueState.RESOLVED, DECISION, IssueState.PROMOTED));
    }

    @Test
    void aScopeChangeRecordsTheOldAndTheNewScope() {
        Scope wider = new Scope("C04", Area.region("13-ku-seinambu"), Population.ALL_DISABILITIES);
        fixture.given(histories().get(IssueState.UNDER_VERIFICATION))
                .when(new ChangeScope(ISSUE, null, Area.region("13-ku-seinambu"), Population.ALL_DISABILITIES, DECISION))
                .expectEvents(new IssueScopeChanged(ISSUE, SCOPE, wider, DECISION, IssueState.UNDER_VERIFICATION));
        fixture.given(histories().get(IssueState.UNDER_VERIFICATION))
                .when(new ChangeScope(ISSUE, "C04", null, null, DECISION))
                .expectException(rule("scope-unchanged"));
    }

    private static CustomTypeSafeMatcher<DomainRuleViolation> rule(String rule) {
        return new CustomTypeSafeMatcher<>("a violation of " + rule) {
            @Override
            protected boolean matchesSafely(DomainRuleViolation violation) {
                return violation.rule().equals(rule);
            }
        };
    }
}
