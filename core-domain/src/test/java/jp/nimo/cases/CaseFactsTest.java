package jp.nimo.cases;

import jp.nimo.cases.CaseFact.Admitted;
import jp.nimo.cases.CaseFact.CaseClosed;
import jp.nimo.cases.CaseFact.CaseReopened;
import jp.nimo.cases.CaseFact.CommunityTransitionSupportApplied;
import jp.nimo.cases.CaseFact.ConsentGranted;
import jp.nimo.cases.CaseFact.ConsentWithdrawn;
import jp.nimo.cases.CaseFact.ConsultationReceived;
import jp.nimo.cases.CaseFact.Discharged;
import jp.nimo.cases.CaseFact.InpatientVisitedByCommunitySupporter;
import jp.nimo.cases.CaseFact.LinkedToTreatment;
import jp.nimo.cases.CaseFact.LongStayInpatientListed;
import jp.nimo.cases.CaseFact.Other;
import jp.nimo.cases.CaseFact.OutreachVisitConducted;
import jp.nimo.cases.CaseFact.PersonRelocated;
import jp.nimo.cases.CaseFact.PoliceReportReceived;
import jp.nimo.cases.CaseFact.PostDischargeSupportStarted;
import jp.nimo.cases.CaseFact.Readmitted;
import jp.nimo.cases.CaseFact.RentalRefused;
import jp.nimo.cases.CaseFact.CommunityTransitionSupportGranted;
import jp.nimo.cases.CaseFact.EmergencyServiceCalled;
import jp.nimo.cases.CaseFact.SelfHarmIncidentReported;
import jp.nimo.cases.CaseFact.SupporterCalledOut;
import jp.nimo.cases.CaseFact.TransportedUnderArticle34;
import jp.nimo.cases.CaseFact.TreatmentResumed;
import jp.nimo.cases.CaseFact.WelfareServiceStarted;
import jp.nimo.reference.EventKindCatalogue;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The decoder, fed the fields as a Meguro (目黒区) worker records them. */
class CaseFactsTest {

    @Test
    void everyReasonedKindDecodesToItsOwnFactWithItsFields() {
        assertThat(CaseFacts.decode("ConsultationReceived", Map.of("referrerType", "COMMUNITY_GENERAL_SUPPORT_CENTRE",
                "channel", "PHONE"))).isEqualTo(new ConsultationReceived("COMMUNITY_GENERAL_SUPPORT_CENTRE"));
        assertThat(CaseFacts.decode("CaseClosed", Map.of("closureReason", "GOALS_MET")))
                .isEqualTo(new CaseClosed("GOALS_MET"));
        assertThat(CaseFacts.decode("CaseReopened", Map.of("reopenReason", "RELAPSE")))
                .isEqualTo(new CaseReopened("RELAPSE"));
        assertThat(CaseFacts.decode("PersonRelocated", Map.of("toMunicipality", "13112")))
                .isEqualTo(new PersonRelocated("13112"));
        assertThat(CaseFacts.decode("OutreachVisitConducted", Map.of("visitorProfessions",
                List.of("PHYSICIAN", "PSYCHIATRIC_SOCIAL_WORKER"), "contactMade", true)))
                .isEqualTo(new OutreachVisitConducted(List.of("PHYSICIAN", "PSYCHIATRIC_SOCIAL_WORKER")));
        assertThat(CaseFacts.decode("LinkedToTreatment", Map.of("facilityType", "CLINIC", "resumed", true)))
                .isEqualTo(new LinkedToTreatment(true));
        assertThat(CaseFacts.decode("PoliceReportReceived", Map.of("outcome", "INVOLUNTARY", "resident", false)))
                .isEqualTo(new PoliceReportReceived("INVOLUNTARY", false));
        assertThat(CaseFacts.decode("Admitted", Map.of("admissionType", "INVOLUNTARY", "hospital", "松沢病院")))
                .isEqualTo(new Admitted("INVOLUNTARY"));
        assertThat(CaseFacts.decode("Readmitted", Map.of("admissionType", "VOLUNTARY")))
                .isEqualTo(new Readmitted("VOLUNTARY"));
        assertThat(CaseFacts.decode("LongStayInpatientListed", Map.of("lengthOfStayBand", "Y1_TO_5")))
                .isEqualTo(new LongStayInpatientListed("Y1_TO_5"));
        assertThat(CaseFacts.decode("InpatientVisitedByCommunitySupporter", Map.of("metPerson", true)))
                .isEqualTo(new InpatientVisitedByCommunitySupporter());
        assertThat(CaseFacts.decode("CommunityTransitionSupportApplied", Map.of()))
                .isEqualTo(new CommunityTransitionSupportApplied());
        assertThat(CaseFacts.decode("Discharged", Map.of("destination", "HOME")))
                .isEqualTo(new Discharged("HOME"));
        assertThat(CaseFacts.decode("PostDischargeSupportStarted", Map.of("planCreated", true)))
                .isEqualTo(new PostDischargeSupportStarted());
        assertThat(CaseFacts.decode("RentalRefused", Map.of("reason", "MENTAL_ILLNESS")))
                .isEqualTo(new RentalRefused("MENTAL_ILLNESS"));
        assertThat(CaseFacts.decode("ConsentGranted", Map.of("purpose", "INTER_AGENCY_REFERRAL", "grantedBy", "PERSON",
                "validUntil", "2025-03-31")))
                .isEqualTo(new ConsentGranted("INTER_AGENCY_REFERRAL", LocalDate.of(2025, 3, 31)));
        assertThat(CaseFacts.decode("ConsentWithdrawn", Map.of("purpose", "INTER_AGENCY_REFERRAL")))
                .isEqualTo(new ConsentWithdrawn("INTER_AGENCY_REFERRAL"));
    }

    @Test
    void theKindsSignalsAndIndicatorsReadDecodeWithTheirFields() {
        assertThat(CaseFacts.decode("TreatmentResumed", Map.of("facilityType", "HOME_MEDICAL_VISIT", "daysSinceReferral", 40)))
                .isEqualTo(new TreatmentResumed("HOME_MEDICAL_VISIT"));
        assertThat(CaseFacts.decode("TransportedUnderArticle34", Map.of("requestedBy", "FAMILY")))
                .isEqualTo(new TransportedUnderArticle34("FAMILY"));
        assertThat(CaseFacts.decode("SelfHarmIncidentReported", Map.of("type", "OVERDOSE", "severity", "SEVERE")))
                .isEqualTo(new SelfHarmIncidentReported("OVERDOSE"));
        assertThat(CaseFacts.decode("EmergencyServiceCalled", Map.of("caller", "PERSON", "usedCrisisPlan", true)))
                .isEqualTo(new EmergencyServiceCalled("PERSON"));
        assertThat(CaseFacts.decode("SupporterCalledOut", Map.of("staffRole", "VISITING_NURSE", "timeOfDay", "LATE_NIGHT")))
                .isEqualTo(new SupporterCalledOut("VISITING_NURSE", "LATE_NIGHT"));
        assertThat(CaseFacts.decode("CommunityTransitionSupportGranted", Map.of("periodMonths", 6)))
                .isEqualTo(new CommunityTransitionSupportGranted(6));
        assertThat(CaseFacts.decode("CommunityTransitionSupportGranted", Map.of()))
                .isEqualTo(new CommunityTransitionSupportGranted(null));
        assertThat(CaseFacts.decode("WelfareServiceStarted", Map.of("serviceType", "COMMUNITY_SETTLEMENT_SUPPORT")))
                .isEqualTo(new WelfareServiceStarted("COMMUNITY_SETTLEMENT_SUPPORT"));
    }

    @Test
    void eachFactNamesItsOwnKind() {
        CaseFacts.KINDS.forEach(kind -> assertThat(CaseFacts.decode(kind, Map.of()))
                .as(kind).isNotInstanceOf(Other.class)
                .extracting(CaseFact::kind).isEqualTo(kind));
    }

    @Test
    void aKindNothingReasonsAboutStaysGenericWithItsFields() {
        Map<String, Object> fields = Map.of("reasons", List.of("NO_HOUSING"));
        assertThat(CaseFacts.decode("DischargeDelayed", fields)).isEqualTo(new Other("DischargeDelayed", fields));
        assertThat(CaseFacts.decode("SomethingNew", null)).isEqualTo(new Other("SomethingNew", Map.of()));
    }

    @Test
    void missingOptionalFieldsDecodeAsAbsent() {
        assertThat(CaseFacts.decode("ConsentGranted", Map.of("purpose", "INTER_AGENCY_REFERRAL", "grantedBy", "PERSON")))
                .isEqualTo(new ConsentGranted("INTER_AGENCY_REFERRAL", null));
        assertThat(CaseFacts.decode("PoliceReportReceived", Map.of("outcome", "NO_ADMISSION")))
                .isEqualTo(new PoliceReportReceived("NO_ADMISSION", null));
        assertThat(CaseFacts.decode("LinkedToTreatment", Map.of("facilityType", "CLINIC")))
                .isEqualTo(new LinkedToTreatment(false));
        assertThat(CaseFacts.decode("OutreachVisitConducted", Map.of()))
                .isEqualTo(new OutreachVisitConducted(List.of()));
        assertThat(CaseFacts.decode("Discharged", Map.of())).isEqualTo(new Discharged(null));
    }

    @Test
    void theDecodedKindsAndFieldsAreTheCatalogues() {
        EventKindCatalogue catalogue = jp.nimo.reference.ShippedReference.eventKinds();
        CaseFacts.KINDS.forEach(kind -> assertThat(catalogue.contains(kind)).as(kind).isTrue());
        Map<String, List<String>> fields = Map.of(
                CaseFacts.CONSULTATION_RECEIVED, List.of(CaseFacts.REFERRER_TYPE),
                CaseFacts.CASE_CLOSED, List.of(CaseFacts.CLOSURE_REASON),
                CaseFacts.CASE_REOPENED, List.of(CaseFacts.REOPEN_REASON),
                CaseFacts.PERSON_RELOCATED, List.of(CaseFacts.TO_MUNICIPALITY),
                CaseFacts.OUTREACH_VISIT_CONDUCTED, List.of(CaseFacts.VISITOR_PROFESSIONS),
                CaseFacts.LINKED_TO_TREATMENT, List.of(CaseFacts.RESUMED),
                CaseFacts.POLICE_REPORT_RECEIVED, List.of(CaseFacts.OUTCOME, CaseFacts.RESIDENT),
                CaseFacts.ADMITTED, List.of(CaseFacts.ADMISSION_TYPE),
                CaseFacts.READMITTED, List.of(CaseFacts.ADMISSION_TYPE),
                CaseFacts.LONG_STAY_INPATIENT_LISTED, List.of(CaseFacts.LENGTH_OF_STAY_BAND));
        Map<String, List<String>> more = Map.of(
                CaseFacts.DISCHARGED, List.of(CaseFacts.DESTINATION),
                CaseFacts.RENTAL_REFUSED, List.of(CaseFacts.REASON),
                CaseFacts.CONSENT_GRANTED, List.of(CaseFacts.PURPOSE, CaseFacts.GRANTED_BY, CaseFacts.VALID_UNTIL),
                CaseFacts.CONSENT_WITHDRAWN, List.of(CaseFacts.PURPOSE));
        for (Map<String, List<String>> table : List.of(fields, more)) {
            table.forEach((kind, names) -> names.forEach(name ->
                    assertThat(catalogue.kind(kind).flatMap(k -> k.field(name))).as(kind + "." + name).isPresent()));
        }
    }
}
