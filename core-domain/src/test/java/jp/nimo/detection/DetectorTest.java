package jp.nimo.detection;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import jp.nimo.cases.CaseId;
import jp.nimo.cases.RecordedBy;
import jp.nimo.detection.DetectionPolicy.Attached;
import jp.nimo.detection.DetectionPolicy.Raised;
import jp.nimo.detection.DetectionPolicy.Waiting;
import jp.nimo.detection.Detector.Step;
import jp.nimo.reference.Area;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Areas;
import jp.nimo.reference.ShippedReference;
import jp.nimo.reference.MunicipalityCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Detection on business time, with the seeds' situations: refused tenancies in 目黒区, discharges after 措置入院. */
class DetectorTest {

    private static final RecordedBy WORKER = new RecordedBy("worker-meguro", "meguro-health-centre", "PUBLIC_HEALTH_NURSE");
    private static final Instant TODAY = Instant.parse("2024-09-02T01:00:00Z");

    private Detector detector;
    private RuleBook rules;
    private CaseMemory memory;
    private InMemoryDetectionState state;
    private int sequence;

    @BeforeEach
    void setUp() {
        detector = new Detector(new SignalFinder(ShippedReference.signals(), Duration.ofDays(14)), new DetectionPolicy());
        rules = new RuleBook(ShippedReference.councils(), Areas.load());
        memory = new InMemoryCaseMemory();
        state = new InMemoryDetectionState();
    }

    private CaseEventRecorded event(String caseId, String municipality, String kind, String on, Instant recordedAt,
                                    Map<String, Object> fields) {
        sequence++;
        return new CaseEventRecorded(CaseId.of(caseId), "event-" + sequence, sequence, kind, LocalDate.parse(on),
                recordedAt, WORKER, MunicipalityCode.of(municipality), fields, Map.of(), 1, null);
    }

    private List<Step> record(String caseId, String municipality, String kind, String on, Map<String, Object> fields) {
        return record(caseId, municipality, kind, on, TODAY.plusSeconds(sequence), fields);
    }

    private List<Step> record(String caseId, String municipality, String kind, String on, Instant recordedAt,
                              Map<String, Object> fields) {
        return detector.onCaseEvent(event(caseId, municipality, kind, on, recordedAt, fields), rules, memory, state);
    }

    private List<Step> refusal(String caseId, String municipality, String on) {
        return record(caseId, municipality, "RentalRefused", on, Map.of("reason", "PREJUDICE"));
    }

    private static String newCase() {
        return UUID.randomUUID().toString();
    }

    @Test
    void threeRefusalsFromThreeCasesWithin90DaysRaiseOneHousingCandidate() {
        assertThat(refusal(newCase(), "13110", "2024-05-01")).singleElement().extracting(Step::outcome).isInstanceOf(Waiting.class);
        assertThat(refusal(newCase(), "13110", "2024-06-10")).singleElement().extracting(Step::outcome).isInstanceOf(Waiting.class);
        List<Step> third = refusal(newCase(), "13110", "2024-07-20");

        assertThat(third).singleElement().extracting(Step::outcome).isInstanceOfSatisfying(Raised.class, raised -> {
            assertThat(raised.category()).isEqualTo("C04");
            assertThat(raised.area()).isEqualTo(Area.municipality("13110"));
            assertThat(raised.signals()).hasSize(3);
            assertThat(raised.distinctCases()).isEqualTo(3);
        });
    }

    @Test
    void aFourthRefusalAttachesToTheCandidate() {
        refusal(newCase(), "13110", "2024-05-01");
        refusal(newCase(), "13110", "2024-06-10");
        Raised raised = (Raised) refusal(newCase(), "13110", "2024-07-20").get(0).outcome();
        Step fourth = refusal(newCase(), "13110", "2024-08-01").get(0);
        assertThat(fourth.outcome()).isInstanceOfSatisfying(Attached.class, attached -> {
            assertThat(attached.issue()).isEqualTo(raised.issue());
            assertThat(attached.distinctCases()).isEqualTo(4);
        });
    }

    @Test
    void theCasesOfOneHouseholdCountOnceFor8050ButPersonsStillCountElsewhere() {
        String mother = newCase();
        String son = newCase();
        String daughter = newCase();
        memory.household(mother, "hh-j");
        memory.household(son, "hh-j");
        memory.household(daughter, "hh-j");
        for (String person : List.of(mother, son, daughter)) {
            assertThat(record(person, "13110", "HiddenHouseholdMemberIdentified", "2024-05-01", Map.of()))
                    .extracting(Step::outcome).allMatch(o -> o instanceof Waiting);
        }
        assertThat(record(newCase(), "13110", "HiddenHouseholdMemberIdentified", "2024-05-02", Map.of()))
                .extracting(Step::outcome).allMatch(o -> o instanceof Waiting);
        Step third = record(newCase(), "13110", "HiddenHouseholdMemberIdentified", "2024-05-03", Map.of()).get(0);
        assertThat(third.outcome()).isInstanceOfSatisfying(Raised.class, raised -> {
            assertThat(raised.category()).isEqualTo("X1");
            assertThat(raised.signals()).hasSize(5);
            assertThat(raised.distinctCases()).isEqualTo(3);
        });

        // a refusal counts persons even where they share a household
        memory.household(newCase(), "hh-k");
        String first = newCase();
        String second = newCase();
        memory.household(first, "hh-m");
        memory.household(second, "hh-m");
        refusal(first, "13112", "2024-05-01");
        refusal(second, "13112", "2024-05-02");
        assertThat(refusal(newCase(), "13112", "2024-05-03")).singleElement().extracting(Step::outcome)
                .isInstanceOf(Raised.class);
    }

    @Test
    void twoRefusalsRaiseNothing() {
        refusal(newCase(), "13112", "2024-05-01");
        assertThat(refusal(newCase(), "13112", "2024-05-02")).extracting(Step::outcome).allMatch(o -> o instanceof Waiting);
        assertThat(state.evidence()).isEmpty();
    }

    @Test
    void threeRefusalsSpreadOverMoreThan90DaysRaiseNothing() {
        refusal(newCase(), "13113", "2024-01-01");
        refusal(newCase(), "13113", "2024-03-01");
        assertThat(refusal(newCase(), "13113", "2024-04-05")).extracting(Step::outcome).allMatch(o -> o instanceof Waiting);
        assertThat(state.evidence()).isEmpty();
    }

    @Test
    void threeRefusalsOfTwoCasesRaiseNothing() {
        String same = newCase();
        refusal(same, "13110", "2024-05-01");
        refusal(same, "13110", "2024-05-02");
        assertThat(refusal(newCase(), "13110", "2024-05-03")).extracting(Step::outcome).allMatch(o -> o instanceof Waiting);
    }

    @Test
    void aLateRecordedRefusalCountsForTheOldWindowItHappenedIn() {
        refusal(newCase(), "13110", "2023-02-01");
        refusal(newCase(), "13110", "2023-03-01");
        refusal(newCase(), "13110", "2024-08-01");
        // recorded today, happened in February 2023: completes the old window, not the recent one
        Step late = refusal(newCase(), "13110", "2023-02-15").get(0);
        assertThat(late.outcome()).isInstanceOfSatisfying(Raised.class, raised ->
                assertThat(raised.signals()).extracting(Signal::occurredOn).containsExactly(
                        LocalDate.parse("2023-02-01"), LocalDate.parse("2023-02-15"), LocalDate.parse("2023-03-01")));
    }

    @Test
    void otherCategoriesAndAreasAreCountedApart() {
        refusal(newCase(), "13110", "2024-05-01");
        refusal(newCase(), "13112", "2024-05-02");
        record(newCase(), "13110", "SupportRefused", "2024-05-03", Map.of("refusedService", "VISIT"));
        record(newCase(), "13110", "DischargeDelayed", "2024-05-03", Map.of("reasons", List.of("FAMILY_OPPOSITION")));
        assertThat(state.evidence()).isEmpty();
    }

    @Test
    void aDischargeDelayedForWantOfHousingCountsForHousing() {
        refusal(newCase(), "13110", "2024-05-01");
        refusal(newCase(), "13110", "2024-05-02");
        List<Step> steps = record(newCase(), "13110", "DischargeDelayed", "2024-05-03",
                Map.of("reasons", List.of("FAMILY_OPPOSITION", "HOUSING_NOT_FOUND")));
        assertThat(steps).singleElement().extracting(Step::outcome).isInstanceOf(Raised.class);
    }

    @Test
    void aRegionalRuleCountsTheRegionsMunicipalitiesTogether() {
        rules.set(new RuleBook.RuleScope("council-13-ku-seinambu", "C04"), new DetectionRule(3, 3, 90, AreaLevel.REGION));
        refusal(newCase(), "13110", "2024-05-01");
        refusal(newCase(), "13112", "2024-05-02");
        Step third = refusal(newCase(), "13113", "2024-05-03").get(0);
        assertThat(third.outcome()).isInstanceOfSatisfying(Raised.class,
                raised -> assertThat(raised.area()).isEqualTo(Area.region("13-ku-seinambu")));
    }

    @Test
    void theMunicipalCouncilsRuleComesBeforeTheRegionsAndTheDefault() {
        rules.set(new RuleBook.RuleScope("council-13-ku-seinambu", RuleBook.ANY), new DetectionRule(5, 5, 90, AreaLevel.REGION));
        rules.set(new RuleBook.RuleScope("council-13110", "C04"), new DetectionRule(2, 2, 30, AreaLevel.MUNICIPALITY));
        assertThat(rules.ruleFor(MunicipalityCode.of("13110"), "C04").rule()).isEqualTo(new DetectionRule(2, 2, 30, AreaLevel.MUNICIPALITY));
        assertThat(rules.ruleFor(MunicipalityCode.of("13110"), "C06").rule().minSignals()).isEqualTo(5);
        assertThat(rules.ruleFor(MunicipalityCode.of("13201"), "C04").rule()).isEqualTo(DetectionRule.DEFAULT);
    }

    private String involuntaryDischarge(String caseId, String discharged, Instant recordedAt) {
        record(caseId, "13110", "Admitted", "2024-03-01", recordedAt, Map.of("admissionType", "INVOLUNTARY"));
        record(caseId, "13110", "Discharged", discharged, recordedAt, Map.of("destination", "HOME"));
        return caseId;
    }

    private List<Signal> absencesFiredByTickAt(Instant at) {
        List<Signal> fired = new ArrayList<>();
        detector.onClockTick(at, rules, memory, state).forEach(step -> fired.add(step.signal()));
        return fired;
    }

    @Test
    void aDischargeWithoutFollowUpWithin30DaysFiresOnceTheClockPassesTheDeadline() {
        String caseId = involuntaryDischarge(newCase(), "2024-09-01", TODAY);
        // deadline: the later of 2024-10-01 (business) and recording + 14 days
        assertThat(absencesFiredByTickAt(Instant.parse("2024-10-01T12:00:00Z"))).isEmpty();
        List<Signal> fired = absencesFiredByTickAt(Instant.parse("2024-10-02T00:00:00Z"));
        assertThat(fired).singleElement().satisfies(signal -> {
            assertThat(signal.code()).isEqualTo("NO_POST_DISCHARGE_SUPPORT");
            assertThat(signal.category()).isEqualTo("C07");
            assertThat(signal.caseId()).isEqualTo(caseId);
            assertThat(signal.occurredOn()).isEqualTo(LocalDate.parse("2024-09-01"));
        });
        assertThat(absencesFiredByTickAt(Instant.parse("2024-12-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void aDischargeWithFollowUpInsideTheWindowFiresNothing() {
        String caseId = involuntaryDischarge(newCase(), "2024-09-01", TODAY);
        record(caseId, "13110", "PostDischargeSupportStarted", "2024-09-20", Instant.parse("2024-09-21T00:00:00Z"), Map.of());
        assertThat(absencesFiredByTickAt(Instant.parse("2025-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void aFollowUpAfterTheWindowDoesNotCount() {
        String caseId = involuntaryDischarge(newCase(), "2024-09-01", TODAY);
        // recorded after the deadline: recording it moves the clock past the deadline, so the absence fires first
        List<Step> steps = record(caseId, "13110", "PostDischargeSupportStarted", "2024-10-15",
                Instant.parse("2024-10-15T00:00:00Z"), Map.of());
        assertThat(steps).extracting(step -> step.signal().code()).containsExactly("NO_POST_DISCHARGE_SUPPORT");
    }

    @Test
    void aFollowUpDatedInsideTheWindowButEnteredAfterTheDeadlineIsTooLate() {
        String caseId = involuntaryDischarge(newCase(), "2024-09-01", TODAY);
        assertThat(absencesFiredByTickAt(Instant.parse("2024-10-03T00:00:00Z"))).hasSize(1);
        List<Step> steps = record(caseId, "13110", "PostDischargeSupportStarted", "2024-09-20",
                Instant.parse("2024-10-04T00:00:00Z"), Map.of());
        assertThat(steps).isEmpty();
    }

    @Test
    void anOldDischargeEnteredTodayLeavesTheGraceToEnterItsFollowUp() {
        Instant recorded = Instant.parse("2024-09-02T01:00:00Z");
        String caseId = involuntaryDischarge(newCase(), "2024-01-10", recorded);
        assertThat(absencesFiredByTickAt(Instant.parse("2024-09-10T00:00:00Z"))).isEmpty();
        record(caseId, "13110", "PostDischargeSupportStarted", "2024-01-20", Instant.parse("2024-09-12T00:00:00Z"), Map.of());
        assertThat(absencesFiredByTickAt(Instant.parse("2024-12-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void aDischargeAfterAVoluntaryAdmissionWaitsForNothing() {
        String caseId = newCase();
        record(caseId, "13110", "Admitted", "2024-03-01", Map.of("admissionType", "VOLUNTARY"));
        record(caseId, "13110", "Discharged", "2024-04-01", Map.of("destination", "HOME"));
        assertThat(absencesFiredByTickAt(Instant.parse("2025-01-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void aLongStayListingWithoutAVisitWithin180DaysFires() {
        String visited = newCase();
        String notVisited = newCase();
        record(visited, "13201", "LongStayInpatientListed", "2024-04-01", Map.of("lengthOfStayBand", "FIVE_TO_TEN_YEARS", "listedWithConsent", true));
        record(notVisited, "13201", "LongStayInpatientListed", "2024-04-01", Map.of("lengthOfStayBand", "TEN_YEARS_OR_MORE", "listedWithConsent", true));
        record(visited, "13201", "InpatientVisitedByCommunitySupporter", "2024-06-01", Map.of("visitorRoles", List.of("PUBLIC_HEALTH_NURSE"), "metPerson", true));
        List<Signal> fired = absencesFiredByTickAt(Instant.parse("2024-10-01T00:00:00Z"));
        assertThat(fired).extracting(Signal::caseId).containsExactly(notVisited);
        assertThat(fired).extracting(Signal::category).containsExactly("C12");
    }

    private List<Step> crisis(String caseId, String municipality, String kind, String on) {
        Map<String, Object> fields = switch (kind) {
            case "EmergencyServiceCalled" -> Map.of("caller", "PERSON");
            case "SelfHarmIncidentReported" -> Map.of("type", "OVERDOSE");
            case "TransportedUnderArticle34" -> Map.of("requestedBy", "FAMILY");
            default -> Map.of("staffRole", "VISITING_NURSE", "timeOfDay", "LATE_NIGHT");
        };
        return record(caseId, municipality, kind, on, fields);
    }

    private static List<String> codes(List<Step> steps) {
        return steps.stream().map(step -> step.signal().code()).toList();
    }

    @Test
    void threeCrisesOfOnePersonWithin90DaysGiveOneRepeatedCrisisSignal() {
        String sSan = newCase();
        assertThat(codes(crisis(sSan, "13110", "SelfHarmIncidentReported", "2024-05-01"))).isEmpty();
        assertThat(codes(crisis(sSan, "13110", "EmergencyServiceCalled", "2024-06-01"))).isEmpty();
        List<Step> third = crisis(sSan, "13110", "EmergencyServiceCalled", "2024-07-29");
        assertThat(third).singleElement().satisfies(step -> {
            assertThat(step.signal().code()).isEqualTo("REPEATED_CRISIS");
            assertThat(step.signal().category()).isEqualTo("C10");
            assertThat(step.outcome()).isInstanceOf(Waiting.class);
        });
        // a fourth inside the same window is the same repetition, not another signal
        assertThat(codes(crisis(sSan, "13110", "SelfHarmIncidentReported", "2024-08-10"))).isEmpty();
    }

    @Test
    void twoCrisesOrThreeSpreadOverMoreThan90DaysGiveNoRepeatedCrisis() {
        String twice = newCase();
        crisis(twice, "13110", "SelfHarmIncidentReported", "2024-05-01");
        assertThat(codes(crisis(twice, "13110", "EmergencyServiceCalled", "2024-05-02"))).isEmpty();
        String spread = newCase();
        crisis(spread, "13110", "SelfHarmIncidentReported", "2024-01-01");
        crisis(spread, "13110", "EmergencyServiceCalled", "2024-03-01");
        assertThat(codes(crisis(spread, "13110", "EmergencyServiceCalled", "2024-03-31"))).containsExactly();
        // three crises of three people are no one's repetition
        crisis(newCase(), "13110", "EmergencyServiceCalled", "2024-05-01");
        crisis(newCase(), "13110", "EmergencyServiceCalled", "2024-05-02");
        assertThat(codes(crisis(newCase(), "13110", "EmergencyServiceCalled", "2024-05-03"))).isEmpty();
    }

    @Test
    void aCrisisEnteredLateCompletesTheWindowItBelongsTo() {
        String sSan = newCase();
        crisis(sSan, "13110", "EmergencyServiceCalled", "2024-06-01");
        crisis(sSan, "13110", "EmergencyServiceCalled", "2024-07-01");
        assertThat(codes(crisis(sSan, "13110", "SelfHarmIncidentReported", "2024-05-15"))).containsExactly("REPEATED_CRISIS");
    }

    @Test
    void threePeopleWithRepeatedCrisesRaiseAnEmergencyCareCandidateThatNamesNoOne() {
        List<Step> last = List.of();
        for (String person : List.of(newCase(), newCase(), newCase())) {
            crisis(person, "13110", "SelfHarmIncidentReported", "2024-05-01");
            crisis(person, "13110", "EmergencyServiceCalled", "2024-05-10");
            last = crisis(person, "13110", "EmergencyServiceCalled", "2024-05-20");
        }
        assertThat(last).extracting(Step::outcome).singleElement().isInstanceOfSatisfying(Raised.class, raised -> {
            assertThat(raised.category()).isEqualTo("C10");
            assertThat(raised.distinctCases()).isEqualTo(3);
            assertThat(raised.signals()).extracting(Signal::code).containsOnly("REPEATED_CRISIS");
        });
    }

    @Test
    void eachArticle34TransportIsASignalAndThreeInTheAreaRaiseACandidate() {
        assertThat(codes(crisis(newCase(), "13201", "TransportedUnderArticle34", "2024-04-01"))).containsExactly("ARTICLE_34_TRANSPORT");
        assertThat(crisis(newCase(), "13201", "TransportedUnderArticle34", "2024-05-01"))
                .extracting(Step::outcome).singleElement().isInstanceOf(Waiting.class);
        assertThat(crisis(newCase(), "13201", "TransportedUnderArticle34", "2024-06-01"))
                .extracting(Step::outcome).singleElement().isInstanceOfSatisfying(Raised.class,
                        raised -> assertThat(raised.area()).isEqualTo(Area.municipality("13201")));
    }

    @Test
    void aSecondNightCallOutWithin30DaysIsASignalButDaytimeCallsAndOneCallAreNot() {
        String iSan = newCase();
        assertThat(codes(crisis(iSan, "13110", "SupporterCalledOut", "2024-05-01"))).isEmpty();
        record(iSan, "13110", "SupporterCalledOut", "2024-05-05", Map.of("staffRole", "VISITING_NURSE", "timeOfDay", "DAYTIME"));
        // the second night call-out; and, the third call-out within 90 days, a repeated crisis too
        assertThat(codes(crisis(iSan, "13110", "SupporterCalledOut", "2024-05-20")))
                .containsExactlyInAnyOrder("SUPPORTER_CALLED_OUT", "REPEATED_CRISIS");

        String daytime = newCase();
        record(daytime, "13110", "SupporterCalledOut", "2024-05-01", Map.of("staffRole", "VISITING_NURSE", "timeOfDay", "DAYTIME"));
        List<Step> second = record(daytime, "13110", "SupporterCalledOut", "2024-05-02", Map.of("staffRole", "VISITING_NURSE", "timeOfDay", "DAYTIME"));
        assertThat(codes(second)).isEmpty();

        String apart = newCase();
        crisis(apart, "13110", "SupporterCalledOut", "2024-05-01");
        assertThat(codes(crisis(apart, "13110", "SupporterCalledOut", "2024-06-01"))).isEmpty();
    }

    @Test
    void theSameHistoryGivesTheSameDecisionsAndIds() {
        List<String> cases = List.of(newCase(), newCase(), newCase());
        List<Object> first = replay(cases);
        setUp();
        sequence = 0;
        assertThat(replay(cases)).isEqualTo(first);
    }

    private List<Object> replay(List<String> cases) {
        List<Object> outcomes = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            refusal(cases.get(i), "13110", "2024-05-0" + (i + 1)).forEach(step -> outcomes.add(step.outcome()));
        }
        return outcomes;
    }
}
