package jp.nimo.command.cases;

import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kinds catalogue 3 added, each recorded once through the write side's HTTP API as a Meguro (目黒区)
 * worker would, and each refused once with the offending field named and nothing stored.
 */
@NimoServiceTest
class CatalogueKindsResourceTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private Http http;
    private String caseId;

    @BeforeEach
    void openMeguroCaseWithAGroupActivityConsent() {
        http = new Http(port);
        Answer opened = http.post(MEGURO_WORKER, "/api/cases", """
                {"municipality":"13110","ageBand":"50-59"}""");
        assertThat(opened.status()).isEqualTo(201);
        caseId = opened.field("caseId");
        // the exchange meeting needs the person's consent to group activities
        assertThat(http.post(MEGURO_WORKER, events(), """
                {"kind":"ConsentGranted","occurredOn":"2024-04-01","purpose":"GROUP_ACTIVITY","grantedBy":"PERSON"}""")
                .status()).isEqualTo(201);
    }

    private String events() {
        return "/api/cases/" + caseId + "/events";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SupportEligibilityDecided        | {"decision":"ACCEPTED","teamProfessions":["PUBLIC_HEALTH_NURSE","PSYCHIATRIC_SOCIAL_WORKER"]} | {"decision":"MAYBE"} | decision
            SupportPlanRevised               | {"revisionReason":"CHANGE_IN_CONDITION","reviewOn":"2024-08-01","goals":"単身生活の継続"} | {"reviewOn":"2024-08-01"} | revisionReason
            CaseMonitoringRecorded           | {"status":"STABLE","nextAction":"CONTINUE"} | {"status":"STABLE","nextAction":"WAIT"} | nextAction
            OutreachReferralMade             | {"fromOrganisation":"HEALTH_CENTRE","reason":"TREATMENT_INTERRUPTED"} | {"fromOrganisation":"HEALTH_CENTRE"} | reason
            AccompaniedToClinic              | {"facilityType":"PSYCHIATRIC_CLINIC","outcome":"SEEN"} | {"outcome":"SEEN","facilityType":"SPA"} | facilityType
            AccompaniedToAdmission           | {"hospital":"都立松沢病院","outcome":"ADMITTED"} | {"hospital":"都立松沢病院"} | outcome
            TreatmentResumed                 | {"facilityType":"HOME_MEDICAL_VISIT","daysSinceReferral":40} | {"facilityType":"HOME_MEDICAL_VISIT","daysSinceReferral":-1} | daysSinceReferral
            TreatmentModalityChanged         | {"fromModality":"OUTPATIENT","toModality":"LONG_ACTING_INJECTION","consentObtained":true} | {"toModality":"LONG_ACTING_INJECTION","consentObtained":"yes"} | consentObtained
            InvoluntaryAdmissionExamination  | {"examiningDoctors":2,"result":"ADMISSION_REQUIRED"} | {"examiningDoctors":9,"result":"ADMISSION_REQUIRED"} | examiningDoctors
            TransportedUnderArticle34        | {"requestedBy":"FAMILY","hospital":"都立松沢病院"} | {"hospital":"都立松沢病院"} | requestedBy
            SelfHarmIncidentReported         | {"type":"OVERDOSE","severity":"SEVERE","reportedBy":"FAMILY"} | {"type":"OVERDOSE","severity":"FATAL"} | severity
            EmergencyServiceCalled           | {"caller":"PERSON","usedCrisisPlan":true,"receivingHospital":"東京医療センター"} | {"usedCrisisPlan":true} | caller
            SupporterCalledOut               | {"staffRole":"VISITING_NURSE","timeOfDay":"LATE_NIGHT","durationMinutes":90} | {"staffRole":"VISITING_NURSE"} | timeOfDay
            CrisisPlanCreated                | {"authorOrganisation":"訪問看護ステーション","sharedWith":["PERSON","VISITING_NURSING"],"contents":"不調時は本人が救急要請"} | {"sharedWith":"PERSON"} | sharedWith
            CrisisPlanUpdated                | {"sharedWith":["PERSON","EMERGENCY_HOSPITAL"]} | {"contents":"見直し"} | sharedWith
            AdmissionConferenceHeld          | {"participants":["HOSPITAL","HEALTH_CENTRE","FAMILY"],"rolesAgreed":true} | {"participants":["HOSPITAL","LAWYER"]} | participants
            VisitConsentRequested            | {"requestedVia":"HOSPITAL","decision":"REFUSED","scope":["MUNICIPAL_OFFICER"]} | {"requestedVia":"HOSPITAL"} | decision
            TransitionInfoSessionAttended    | {"sessionType":"DISCHARGE_MOTIVATION","hospital":"都立松沢病院"} | {"hospital":"都立松沢病院"} | sessionType
            CommunityExchangeMeetingAttended | {"activities":["TALK","MEAL"],"withFamily":false,"accompaniedByHospitalStaff":true} | {"activities":[]} | activities
            FacilityTourOrTrialStay          | {"facilityType":"GROUP_HOME","trialStay":true} | {"facilityType":"GROUP_HOME"} | trialStay
            CommunityTransitionSupportGranted | {"periodMonths":6,"supportOffice":"目黒区相談支援センター"} | {"periodMonths":0} | periodMonths
            PreDischargeHomeVisit            | {"visitorOrganisation":"HEALTH_CENTRE","environmentAdjustments":["TIDYING","UTILITIES"]} | {"environmentAdjustments":["TIDYING"]} | visitorOrganisation
            DischargeConferenceHeld          | {"participants":["PERSON","HOSPITAL","CONSULTATION_SUPPORT"],"postDischargeRolesAgreed":true} | {"postDischargeRolesAgreed":true} | participants
            PostDischargeFollowUpContact     | {"contactType":"HOME_VISIT","contactMade":true} | {"contactType":"LETTER","contactMade":true} | contactType
            LifeSupportSheetIssued           | {"sections":["BASIC_INFORMATION","SUPPORT_NETWORK"],"sharedWith":"SUPPORTERS"} | {"sections":["BASIC_INFORMATION"]} | sharedWith
            FamilySituationChanged           | {"changeType":"SEPARATED","changeReason":"AGGRESSION"} | {"changeReason":"AGGRESSION"} | changeType
            CommunityMeetingForNeighbours    | {"participants":["NEIGHBOURS","SUPPORTERS"],"meetingOutcome":"UNDERSTANDING"} | {"participants":["NEIGHBOURS"],"name":"山田"} | name
            VolunteerSupportSession          | {"setting":"IN_COMMUNITY"} | {"setting":"ONLINE"} | setting
            WelfareServiceApplied            | {"serviceType":"GROUP_HOME"} | {} | serviceType
            WelfareServiceStarted            | {"serviceType":"COMMUNITY_SETTLEMENT_SUPPORT"} | {"serviceType":"GROUP_HOUSE"} | serviceType
            PublicAssistanceApplied          | {"outcome":"GRANTED"} | {"outcome":true} | outcome
            CareInsuranceServiceStarted      | {"careLevel":"CARE_2","householdMember":true} | {"careLevel":"CARE_6"} | careLevel
            EmploymentSupportReferred        | {"providerType":"EMPLOYMENT_LIFE_SUPPORT_CENTRE"} | {"providerType":["HELLO_WORK"]} | providerType
            EmploymentStarted                | {"employmentType":"DISABILITY_EMPLOYMENT","hoursPerWeek":20} | {"employmentType":"GENERAL","hoursPerWeek":80} | hoursPerWeek
            SelfHelpGroupReferred            | {"group":"DANSHUKAI"} | {"group":""} | group
            """)
    void eachNewKindIsRecordedAndItsBadInputRefusedNamingTheField(String kind, String fields, String badFields,
                                                                   String badField) {
        long before = EventStoreRows.countFor(jdbc, caseId);
        Answer bad = http.post(MEGURO_WORKER, events(), body(kind, "2024-05-01", badFields));
        assertThat(bad.status()).as(bad.text()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("errors").findValuesAsText("field")).containsExactly(badField);
        assertThat(EventStoreRows.countFor(jdbc, caseId)).isEqualTo(before);

        Answer recorded = http.post(MEGURO_WORKER, events(), body(kind, "2024-05-01", fields));
        assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
        assertThat(EventStoreRows.countFor(jdbc, caseId)).isEqualTo(before + 1);
    }

    private static String body(String kind, String occurredOn, String fields) {
        String rest = fields.substring(1).strip();
        return "{\"kind\":\"" + kind + "\",\"occurredOn\":\"" + occurredOn + "\"" + (rest.equals("}") ? "}" : "," + rest);
    }
}
