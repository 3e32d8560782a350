package jp.nimo.cases;

import java.util.List;

/** The case-event kinds that case rules refer to by name; a test keeps them in the catalogue. */
public final class CaseKinds {

    public static final String CASE_CLOSED = "CaseClosed";
    public static final String CASE_REOPENED = "CaseReopened";
    public static final String PERSON_RELOCATED = "PersonRelocated";
    public static final String ADMITTED = "Admitted";
    public static final String READMITTED = "Readmitted";
    public static final String DISCHARGED = "Discharged";
    public static final String POST_DISCHARGE_SUPPORT_STARTED = "PostDischargeSupportStarted";
    public static final String INPATIENT_VISITED = "InpatientVisitedByCommunitySupporter";
    public static final String CONSENT_GRANTED = "ConsentGranted";
    public static final String CONSENT_WITHDRAWN = "ConsentWithdrawn";

    public static final List<String> ALL = List.of(CASE_CLOSED, CASE_REOPENED, PERSON_RELOCATED, ADMITTED,
            READMITTED, DISCHARGED, POST_DISCHARGE_SUPPORT_STARTED, INPATIENT_VISITED, CONSENT_GRANTED,
            CONSENT_WITHDRAWN);

    private CaseKinds() {
    }
}
