package jp.nimo.cases;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;
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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The one decoder of case events: the only place, with the catalogue, that names case-event kinds and
 * their fields. A field the catalogue marks optional, or that an older catalogue did not have, decodes
 * to null (an empty list for a list field).
 */
public final class CaseFacts {

    public static final String CONSULTATION_RECEIVED = "ConsultationReceived";
    public static final String CASE_CLOSED = "CaseClosed";
    public static final String CASE_REOPENED = "CaseReopened";
    public static final String PERSON_RELOCATED = "PersonRelocated";
    public static final String OUTREACH_VISIT_CONDUCTED = "OutreachVisitConducted";
    public static final String LINKED_TO_TREATMENT = "LinkedToTreatment";
    public static final String POLICE_REPORT_RECEIVED = "PoliceReportReceived";
    public static final String ADMITTED = "Admitted";
    public static final String READMITTED = "Readmitted";
    public static final String LONG_STAY_INPATIENT_LISTED = "LongStayInpatientListed";
    public static final String INPATIENT_VISITED = "InpatientVisitedByCommunitySupporter";
    public static final String COMMUNITY_TRANSITION_SUPPORT_APPLIED = "CommunityTransitionSupportApplied";
    public static final String DISCHARGED = "Discharged";
    public static final String POST_DISCHARGE_SUPPORT_STARTED = "PostDischargeSupportStarted";
    public static final String RENTAL_REFUSED = "RentalRefused";
    public static final String CONSENT_GRANTED = "ConsentGranted";
    public static final String CONSENT_WITHDRAWN = "ConsentWithdrawn";
    public static final String TREATMENT_RESUMED = "TreatmentResumed";
    public static final String TRANSPORTED_UNDER_ARTICLE_34 = "TransportedUnderArticle34";
    public static final String SELF_HARM_INCIDENT_REPORTED = "SelfHarmIncidentReported";
    public static final String EMERGENCY_SERVICE_CALLED = "EmergencyServiceCalled";
    public static final String SUPPORTER_CALLED_OUT = "SupporterCalledOut";
    public static final String COMMUNITY_TRANSITION_SUPPORT_GRANTED = "CommunityTransitionSupportGranted";
    public static final String WELFARE_SERVICE_STARTED = "WelfareServiceStarted";

    /** Every kind that decodes to its own fact; a test keeps them in the catalogue. */
    public static final List<String> KINDS = List.of(CONSULTATION_RECEIVED, CASE_CLOSED, CASE_REOPENED,
            PERSON_RELOCATED, OUTREACH_VISIT_CONDUCTED, LINKED_TO_TREATMENT, POLICE_REPORT_RECEIVED, ADMITTED,
            READMITTED, LONG_STAY_INPATIENT_LISTED, INPATIENT_VISITED, COMMUNITY_TRANSITION_SUPPORT_APPLIED,
            DISCHARGED, POST_DISCHARGE_SUPPORT_STARTED, RENTAL_REFUSED, CONSENT_GRANTED, CONSENT_WITHDRAWN,
            TREATMENT_RESUMED, TRANSPORTED_UNDER_ARTICLE_34, SELF_HARM_INCIDENT_REPORTED, EMERGENCY_SERVICE_CALLED,
            SUPPORTER_CALLED_OUT, COMMUNITY_TRANSITION_SUPPORT_GRANTED, WELFARE_SERVICE_STARTED);

    // field names also used outside: as rule-violation fields, indicator breakdowns and form fields
    public static final String TO_MUNICIPALITY = "toMunicipality";
    public static final String PURPOSE = "purpose";
    public static final String GRANTED_BY = "grantedBy";
    public static final String VALID_UNTIL = "validUntil";
    public static final String REASON = "reason";
    public static final String VISITOR_PROFESSIONS = "visitorProfessions";
    public static final String OUTCOME = "outcome";
    public static final String RESIDENT = "resident";
    public static final String LENGTH_OF_STAY_BAND = "lengthOfStayBand";
    public static final String DESTINATION = "destination";
    public static final String SERVICE_TYPE = "serviceType";
    public static final String REQUESTED_BY = "requestedBy";
    public static final String STAFF_ROLE = "staffRole";
    public static final String TIME_OF_DAY = "timeOfDay";
    static final String FACILITY_TYPE = "facilityType";
    static final String TYPE = "type";
    static final String CALLER = "caller";
    static final String PERIOD_MONTHS = "periodMonths";
    static final String CLOSURE_REASON = "closureReason";
    static final String REOPEN_REASON = "reopenReason";
    static final String REFERRER_TYPE = "referrerType";
    static final String RESUMED = "resumed";
    static final String ADMISSION_TYPE = "admissionType";

    private CaseFacts() {
    }

    public static CaseFact decode(CaseEventRecorded event) {
        return decode(event.kind(), event.fields());
    }

    public static CaseFact decode(CaseEventData data) {
        return decode(data.kind(), data.fields());
    }

    public static CaseFact decode(String kind, Map<String, Object> fields) {
        Map<String, Object> f = fields == null ? Map.of() : fields;
        return switch (kind) {
            case CONSULTATION_RECEIVED -> new ConsultationReceived(code(f, REFERRER_TYPE));
            case CASE_CLOSED -> new CaseClosed(code(f, CLOSURE_REASON));
            case CASE_REOPENED -> new CaseReopened(code(f, REOPEN_REASON));
            case PERSON_RELOCATED -> new PersonRelocated(code(f, TO_MUNICIPALITY));
            case OUTREACH_VISIT_CONDUCTED -> new OutreachVisitConducted(codes(f, VISITOR_PROFESSIONS));
            case LINKED_TO_TREATMENT -> new LinkedToTreatment(Boolean.TRUE.equals(flag(f, RESUMED)));
            case POLICE_REPORT_RECEIVED -> new PoliceReportReceived(code(f, OUTCOME), flag(f, RESIDENT));
            case ADMITTED -> new Admitted(code(f, ADMISSION_TYPE));
            case READMITTED -> new Readmitted(code(f, ADMISSION_TYPE));
            case LONG_STAY_INPATIENT_LISTED -> new LongStayInpatientListed(code(f, LENGTH_OF_STAY_BAND));
            case INPATIENT_VISITED -> new InpatientVisitedByCommunitySupporter();
            case COMMUNITY_TRANSITION_SUPPORT_APPLIED -> new CommunityTransitionSupportApplied();
            case DISCHARGED -> new Discharged(code(f, DESTINATION));
            case POST_DISCHARGE_SUPPORT_STARTED -> new PostDischargeSupportStarted();
            case RENTAL_REFUSED -> new RentalRefused(code(f, REASON));
            case CONSENT_GRANTED -> new ConsentGranted(code(f, PURPOSE), date(f, VALID_UNTIL));
            case CONSENT_WITHDRAWN -> new ConsentWithdrawn(code(f, PURPOSE));
            case TREATMENT_RESUMED -> new TreatmentResumed(code(f, FACILITY_TYPE));
            case TRANSPORTED_UNDER_ARTICLE_34 -> new TransportedUnderArticle34(code(f, REQUESTED_BY));
            case SELF_HARM_INCIDENT_REPORTED -> new SelfHarmIncidentReported(code(f, TYPE));
            case EMERGENCY_SERVICE_CALLED -> new EmergencyServiceCalled(code(f, CALLER));
            case SUPPORTER_CALLED_OUT -> new SupporterCalledOut(code(f, STAFF_ROLE), code(f, TIME_OF_DAY));
            case COMMUNITY_TRANSITION_SUPPORT_GRANTED -> new CommunityTransitionSupportGranted(number(f, PERIOD_MONTHS));
            case WELFARE_SERVICE_STARTED -> new WelfareServiceStarted(code(f, SERVICE_TYPE));
            default -> new Other(kind, f);
        };
    }

    private static String code(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof String code ? code : null;
    }

    private static Boolean flag(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof Boolean flag ? flag : null;
    }

    private static Integer number(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof Number number ? number.intValue() : null;
    }

    private static LocalDate date(Map<String, Object> fields, String name) {
        return fields.get(name) instanceof String date ? LocalDate.parse(date) : null;
    }

    private static List<String> codes(Map<String, Object> fields, String name) {
        List<String> codes = new ArrayList<>();
        if (fields.get(name) instanceof Collection<?> values) {
            values.forEach(v -> codes.add(String.valueOf(v)));
        }
        return codes;
    }
}
