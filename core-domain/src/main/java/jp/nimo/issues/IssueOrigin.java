package jp.nimo.issues;

/** Where an issue came from: the seeds show issues raised by people, surveys, data and checklists as well as case clusters. */
public enum IssueOrigin {
    PRACTITIONER_REPORT,
    SURVEY,
    DATA_INDICATOR,
    CHECKLIST_ASSESSMENT,
    ESCALATION,
    CASE_CLUSTER,
    /** opened by a lower level's council reporting its issue up (report-up), which keeps its own */
    REPORT,
    /** opened by a higher level's council delegating part of its issue (delegate), which keeps the rest */
    DELEGATION
}
