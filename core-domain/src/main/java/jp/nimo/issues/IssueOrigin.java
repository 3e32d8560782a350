package jp.nimo.issues;

/** Where an issue came from: the seeds show issues raised by people, surveys, data and checklists as well as case clusters. */
public enum IssueOrigin {
    PRACTITIONER_REPORT,
    SURVEY,
    DATA_INDICATOR,
    CHECKLIST_ASSESSMENT,
    ESCALATION,
    CASE_CLUSTER
}
