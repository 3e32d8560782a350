package jp.nimo.cases;

import jp.nimo.cases.CaseCommand.JoinHousehold;
import jp.nimo.cases.CaseCommand.OpenCase;
import jp.nimo.cases.CaseCommand.RecordCaseEvent;
import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import jp.nimo.cases.CaseEvent.CaseOpened;
import jp.nimo.cases.CaseEvent.HouseholdJoined;
import jp.nimo.cases.CaseEvent.HouseholdLeft;
import jp.nimo.reference.ShippedReference;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.validation.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The case rules, given a Meguro (目黒区) case recorded by a health-centre nurse. */
class SupportCaseTest {

    private static final CaseId CASE = CaseId.of("6f1c2d9e-8a47-4e0b-9d61-2b7f3c5a1e00");
    private static final MunicipalityCode MEGURO = MunicipalityCode.of("13110");
    private static final MunicipalityCode SETAGAYA = MunicipalityCode.of("13112");
    private static final RecordedBy NURSE = new RecordedBy("mg-worker", "meguro-health-centre", "PUBLIC_HEALTH_NURSE");
    private static final Instant NOW = Instant.parse("2024-06-03T01:00:00Z");

    private FixtureConfiguration<SupportCase> fixture;
    private final List<Object> history = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SupportCase.class);
        fixture.registerInjectableResource(ShippedReference.eventKinds());
        // the key that opens a sealed birth month is the crypto's boundary: here "sealed" values are plain
        fixture.registerInjectableResource((BirthMonths) (caseId, sealed) -> sealed.startsWith("sealed:")
                ? Optional.of(YearMonth.parse(sealed.substring("sealed:".length()))) : Optional.empty());
        history.clear();
        history.add(new CaseOpened(CASE, MEGURO, "meguro-health-centre", AgeBand.of("40-49"), NOW, NURSE,
                Map.of("externalRef", "MG-001")));
    }

    private CaseEventData data(String kind, String on, Map<String, Object> fields) {
        return new CaseEventData(kind, LocalDate.parse(on), fields, Map.of(), 1);
    }

    private CaseEventRecorded recorded(String kind, String on, Map<String, Object> fields) {
        long sequence = history.size();
        CaseEventRecorded event = new CaseEventRecorded(CASE, "e" + sequence, sequence, kind, LocalDate.parse(on), NOW,
                NURSE, kind.equals(CaseFacts.PERSON_RELOCATED) ? MunicipalityCode.of((String) fields.get("toMunicipality")) : MEGURO,
                fields, Map.of(), 1, null);
        history.add(event);
        return event;
    }

    private RecordCaseEvent record(String kind, String on, Map<String, Object> fields) {
        return new RecordCaseEvent(CASE, "new-event", data(kind, on, fields), NOW, NURSE);
    }

    private void expectRefused(RecordCaseEvent command, String rule) {
        fixture.given(history)
                .when(command)
                .expectNoEvents()
                .expectException(violationOf(rule));
    }

    private static Matcher<DomainRuleViolation> violationOf(String rule) {
        return new CustomTypeSafeMatcher<>("a violation of rule " + rule) {
            @Override
            protected boolean matchesSafely(DomainRuleViolation violation) {
                return violation.rule().equals(rule);
            }
        };
    }

    @Test
    void openingACaseKeepsTheExternalReferenceAsPersonalData() {
        fixture.givenNoPriorActivity()
                .when(new OpenCase(CASE, MEGURO, "meguro-health-centre", "MG-001", AgeBand.of("40-49"), null, NOW, NURSE))
                .expectEvents(new CaseOpened(CASE, MEGURO, "meguro-health-centre", AgeBand.of("40-49"), NOW, NURSE,
                        Map.of("externalRef", "MG-001")));
    }

    @Test
    void aRecordedEventLandsAtTheNextSequenceWhereThePersonLives() {
        recorded("ConsultationReceived", "2024-04-01", Map.of("referrerType", "FAMILY"));
        fixture.given(history)
                .when(record("RentalRefused", "2024-05-01", Map.of("reason", "PREJUDICE")))
                .expectEvents(new CaseEventRecorded(CASE, "new-event", 2, "RentalRefused", LocalDate.parse("2024-05-01"),
                        NOW, NURSE, MEGURO, Map.of("reason", "PREJUDICE"), Map.of(), 1, null))
                .expectResultMessagePayload(new SupportCase.RecordedCaseEvent("new-event", CASE, 2));
    }

    @Test
    void theAgeBandAtAnEventComesFromTheSealedBirthMonthAndSplitsTheSixtiesAt65() {
        history.set(0, new CaseOpened(CASE, MEGURO, "meguro-health-centre", AgeBand.of("60-69"), NOW, NURSE,
                Map.of("externalRef", "MG-001", BirthMonths.FIELD, "sealed:1959-06")));
        fixture.given(history)
                .when(record("RentalRefused", "2024-05-31", Map.of("reason", "PREJUDICE")))
                .expectEvents(new CaseEventRecorded(CASE, "new-event", 1, "RentalRefused", LocalDate.parse("2024-05-31"),
                        NOW, NURSE, MEGURO, Map.of("reason", "PREJUDICE"), Map.of(), 1, new EventAgeBand("60-64")));
        fixture.given(history)
                .when(record("RentalRefused", "2024-06-01", Map.of("reason", "PREJUDICE")))
                .expectEvents(new CaseEventRecorded(CASE, "new-event", 1, "RentalRefused", LocalDate.parse("2024-06-01"),
                        NOW, NURSE, MEGURO, Map.of("reason", "PREJUDICE"), Map.of(), 1, new EventAgeBand("65-69")));
    }

    @Test
    void openingWithABirthMonthKeepsItSealedAmongThePersonalData() {
        fixture.givenNoPriorActivity()
                .when(new OpenCase(CASE, MEGURO, "meguro-health-centre", null, AgeBand.of("60-69"), "sealed:1959-06",
                        NOW, NURSE))
                .expectEvents(new CaseOpened(CASE, MEGURO, "meguro-health-centre", AgeBand.of("60-69"), NOW, NURSE,
                        Map.of(BirthMonths.FIELD, "sealed:1959-06")));
    }

    @Test
    void aCaseJoinsOneHouseholdAtATime() {
        fixture.given(history)
                .when(new JoinHousehold(CASE, "hh-a", NOW, NURSE))
                .expectEvents(new HouseholdJoined(CASE, "hh-a", NOW, NURSE));
        fixture.given(history.get(0), new HouseholdJoined(CASE, "hh-a", NOW, NURSE))
                .when(new JoinHousehold(CASE, "hh-a", NOW, NURSE))
                .expectNoEvents();
        fixture.given(history.get(0), new HouseholdJoined(CASE, "hh-a", NOW, NURSE))
                .when(new JoinHousehold(CASE, "hh-b", NOW, NURSE))
                .expectException(DomainRuleViolation.class);
        fixture.given(history.get(0), new HouseholdJoined(CASE, "hh-a", NOW, NURSE), new HouseholdLeft(CASE, "hh-a", NOW, NURSE))
                .when(new JoinHousehold(CASE, "hh-b", NOW, NURSE))
                .expectEvents(new HouseholdJoined(CASE, "hh-b", NOW, NURSE));
    }

    @Test
    void anotherOrganisationCannotLinkTheCaseToAHousehold() {
        fixture.given(history)
                .when(new JoinHousehold(CASE, "hh-a", NOW, new RecordedBy("someone", "setagaya-support-office", "NURSE")))
                .expectException(CaseNotVisible.class);
    }

    @Test
    void anEventCannotHaveHappenedAfterItWasRecorded() {
        expectRefused(record("RentalRefused", "2024-06-04", Map.of("reason", "INCOME")), "occurred-in-future");
    }

    @Test
    void nothingButAReopenIsRecordedInAClosedCase() {
        recorded("CaseClosed", "2024-05-01", Map.of("closureReason", "RESOLVED"));
        expectRefused(record("RentalRefused", "2024-05-02", Map.of("reason", "INCOME")), "case-closed");
    }

    @Test
    void aClosedCaseCanBeReopenedAndThenRecordsAgain() {
        recorded("CaseClosed", "2024-05-01", Map.of("closureReason", "RESOLVED"));
        recorded("CaseReopened", "2024-05-20", Map.of("reopenReason", "RELAPSE"));
        fixture.given(history)
                .when(record("RentalRefused", "2024-05-21", Map.of("reason", "INCOME")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CaseEventRecorded(CASE, "new-event", 3, "RentalRefused", LocalDate.parse("2024-05-21"),
                        NOW, NURSE, MEGURO, Map.of("reason", "INCOME"), Map.of(), 1, null));
    }

    @Test
    void anOpenCaseCannotBeReopened() {
        expectRefused(record("CaseReopened", "2024-05-20", Map.of("reopenReason", "RELAPSE")), "case-not-closed");
    }

    @Test
    void relocationMovesTheCaseToTheNewMunicipality() {
        recorded("PersonRelocated", "2024-05-01", Map.of("toMunicipality", "13112"));
        fixture.given(history)
                .when(record("RentalRefused", "2024-05-02", Map.of("reason", "INCOME")))
                .expectEvents(new CaseEventRecorded(CASE, "new-event", 2, "RentalRefused", LocalDate.parse("2024-05-02"),
                        NOW, NURSE, SETAGAYA, Map.of("reason", "INCOME"), Map.of(), 1, null));
    }

    @Test
    void relocationToWhereThePersonAlreadyLivesIsRefused() {
        expectRefused(record("PersonRelocated", "2024-05-01", Map.of("toMunicipality", "13110")), "same-municipality");
    }

    @Test
    void dischargeWithoutAnEarlierAdmissionIsRefused() {
        expectRefused(record("Discharged", "2024-05-01", Map.of("destination", "HOME")), "discharge-without-admission");
    }

    @Test
    void dischargeBeforeTheAdmissionDateIsRefused() {
        recorded("Admitted", "2024-05-10", Map.of("admissionType", "INVOLUNTARY"));
        expectRefused(record("Discharged", "2024-05-01", Map.of("destination", "HOME")), "discharge-without-admission");
    }

    @Test
    void aSecondDischargeFromTheSameStayIsRefused() {
        recorded("Admitted", "2024-03-01", Map.of("admissionType", "INVOLUNTARY"));
        recorded("Discharged", "2024-04-01", Map.of("destination", "HOME"));
        expectRefused(record("Discharged", "2024-04-15", Map.of("destination", "GROUP_HOME")), "discharge-without-admission");
    }

    @Test
    void dischargeAfterAnAdmissionEnteredLaterIsAccepted() {
        recorded("Admitted", "2024-03-01", Map.of("admissionType", "MEDICAL_PROTECTION"));
        fixture.given(history)
                .when(record("Discharged", "2024-04-01", Map.of("destination", "GROUP_HOME")))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void readmissionNeedsAnEarlierDischarge() {
        recorded("Admitted", "2024-03-01", Map.of("admissionType", "VOLUNTARY"));
        expectRefused(record("Readmitted", "2024-04-01", Map.of("admissionType", "VOLUNTARY")), "readmission-without-discharge");
    }

    @Test
    void postDischargeSupportNeedsADischarge() {
        recorded("Admitted", "2024-03-01", Map.of("admissionType", "INVOLUNTARY"));
        expectRefused(record("PostDischargeSupportStarted", "2024-04-01", Map.of()), "support-without-discharge");
    }

    @Test
    void visitWithoutConsentIsRejected() {
        expectRefused(record("InpatientVisitedByCommunitySupporter", "2024-05-01",
                Map.of("visitorRoles", List.of("PUBLIC_HEALTH_NURSE"), "metPerson", true)), "consent-required");
    }

    @Test
    void visitWithAGrantedConsentIsAccepted() {
        recorded("ConsentGranted", "2024-04-01", Map.of("purpose", "VISIT", "grantedBy", "PERSON"));
        fixture.given(history)
                .when(record("InpatientVisitedByCommunitySupporter", "2024-05-01",
                        Map.of("visitorRoles", List.of("PUBLIC_HEALTH_NURSE"), "metPerson", true)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void visitAfterTheConsentWasWithdrawnIsRejected() {
        recorded("ConsentGranted", "2024-04-01", Map.of("purpose", "VISIT", "grantedBy", "PERSON"));
        recorded("ConsentWithdrawn", "2024-04-20", Map.of("purpose", "VISIT"));
        expectRefused(record("InpatientVisitedByCommunitySupporter", "2024-05-01",
                Map.of("visitorRoles", List.of("PUBLIC_HEALTH_NURSE"), "metPerson", true)), "consent-required");
    }

    @Test
    void visitBeforeTheWithdrawalEnteredLaterStillCounts() {
        recorded("ConsentGranted", "2024-04-01", Map.of("purpose", "VISIT", "grantedBy", "PERSON"));
        recorded("ConsentWithdrawn", "2024-05-20", Map.of("purpose", "VISIT"));
        fixture.given(history)
                .when(record("InpatientVisitedByCommunitySupporter", "2024-05-01",
                        Map.of("visitorRoles", List.of("PUBLIC_HEALTH_NURSE"), "metPerson", false)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void visitAfterTheConsentExpiredIsRejected() {
        recorded("ConsentGranted", "2024-04-01", Map.of("purpose", "VISIT", "grantedBy", "PERSON", "validUntil", "2024-04-30"));
        expectRefused(record("InpatientVisitedByCommunitySupporter", "2024-05-01",
                Map.of("visitorRoles", List.of("PUBLIC_HEALTH_NURSE"), "metPerson", true)), "consent-required");
    }

    @Test
    void aConsentForAnotherPurposeDoesNotAllowAVisit() {
        recorded("ConsentGranted", "2024-04-01", Map.of("purpose", "LANDLORD_SHARING", "grantedBy", "PERSON"));
        expectRefused(record("InpatientVisitedByCommunitySupporter", "2024-05-01",
                Map.of("visitorRoles", List.of("PUBLIC_HEALTH_NURSE"), "metPerson", true)), "consent-required");
    }

    @Test
    void withdrawingAConsentThatWasNeverGrantedIsRefused() {
        expectRefused(record("ConsentWithdrawn", "2024-05-01", Map.of("purpose", "MEDICAL_NETWORK")), "no-consent-to-withdraw");
    }

    @Test
    void theRefusalNamesTheMissingConsent() {
        fixture.given(history)
                .when(record("InpatientVisitedByCommunitySupporter", "2024-05-01",
                        Map.of("visitorRoles", List.of("PUBLIC_HEALTH_NURSE"), "metPerson", true)))
                .expectException(new CustomTypeSafeMatcher<DomainRuleViolation>("a violation naming the VISIT consent") {
                    @Override
                    protected boolean matchesSafely(DomainRuleViolation violation) {
                        return "VISIT".equals(violation.details().get("missingConsent"));
                    }
                });
    }

    private static final RecordedBy SETAGAYA_WORKER = new RecordedBy("worker-setagaya", "setagaya-support-office",
            "CONSULTATION_SUPPORT_SPECIALIST");

    @Test
    void aWorkerOfAnOrganisationNotInvolvedCannotRecordAndIsToldNothing() {
        fixture.given(history)
                .when(new RecordCaseEvent(CASE, "e", data("SupportRefused", "2024-05-01", Map.of("refusedService", "VISIT")), NOW, SETAGAYA_WORKER))
                .expectNoEvents()
                .expectException(CaseNotVisible.class);
    }

    @Test
    void involvingAnotherOrganisationNeedsTheReferralConsent() {
        fixture.given(history)
                .when(new CaseCommand.InvolveOrganisation(CASE, "setagaya-support-office", NOW, NURSE))
                .expectNoEvents()
                .expectException(violationOf("consent-required"));
        recorded("ConsentGranted", "2024-06-01", Map.of("purpose", "INTER_AGENCY_REFERRAL", "grantedBy", "PERSON"));
        fixture.given(history)
                .when(new CaseCommand.InvolveOrganisation(CASE, "setagaya-support-office", NOW, NURSE))
                .expectEvents(new CaseEvent.OrganisationInvolved(CASE, "setagaya-support-office", NOW, NURSE));
    }

    @Test
    void anInvolvedOrganisationRecordsToo() {
        recorded("ConsentGranted", "2024-06-01", Map.of("purpose", "INTER_AGENCY_REFERRAL", "grantedBy", "PERSON"));
        history.add(new CaseEvent.OrganisationInvolved(CASE, "setagaya-support-office", NOW, NURSE));
        fixture.given(history)
                .when(new RecordCaseEvent(CASE, "e", data("HousingSearchStarted", "2024-06-02",
                        Map.of("targetType", "SINGLE_APARTMENT")), NOW, SETAGAYA_WORKER))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(new SupportCase.RecordedCaseEvent("e", CASE, 3));
    }

    @Test
    void anErasedCaseTakesNoFurtherEvents() {
        history.add(new CaseEvent.CaseErased(CASE, NOW, NURSE, "本人からの削除請求"));
        fixture.given(history)
                .when(record("SupportRefused", "2024-05-01", Map.of("refusedService", "VISIT")))
                .expectNoEvents()
                .expectException(violationOf("case-erased"));
    }

    @Test
    void onlyTheHoldingOrganisationOrAnAdministratorErases() {
        fixture.given(history)
                .when(new CaseCommand.EraseCase(CASE, "請求", NOW, SETAGAYA_WORKER, false))
                .expectNoEvents()
                .expectException(CaseNotVisible.class);
        fixture.given(history)
                .when(new CaseCommand.EraseCase(CASE, "請求", NOW, SETAGAYA_WORKER, true))
                .expectEvents(new CaseEvent.CaseErased(CASE, NOW, SETAGAYA_WORKER, "請求"));
    }

    @Test
    void consentsComeFromTheCatalogueAndDependOnFieldValues() {
        expectRefused(record("PeerSupportContact", "2024-05-01", Map.of("setting", "WARD_VISIT")), "consent-required");
        expectRefused(record("PeerSupportContact", "2024-05-01", Map.of("setting", "TEA_PARTY")), "consent-required");
        expectRefused(record("HousingSecured", "2024-05-01", Map.of("via", "REALTORS_ASSOCIATION_SCHEME")), "consent-required");
        fixture.given(history)
                .when(record("PeerSupportContact", "2024-05-01", Map.of("setting", "TALK")))
                .expectSuccessfulHandlerExecution();
        fixture.given(history)
                .when(record("HousingSecured", "2024-05-01", Map.of("via", "PRIVATE")))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void reopeningClearsTheClosureOnlyForLaterEvents() {
        recorded("CaseClosed", "2024-05-01", Map.of("closureReason", "MOVED_OUT_OF_MUNICIPALITY"));
        recorded("CaseReopened", "2024-05-20", Map.of("reopenReason", "RETURNED_TO_MUNICIPALITY"));
        recorded("CaseClosed", "2024-05-30", Map.of("closureReason", "RESOLVED"));
        expectRefused(record("SupportRefused", "2024-06-01", Map.of("refusedService", "VISIT")), "case-closed");
        assertThat(history).hasSize(4);
    }
}
