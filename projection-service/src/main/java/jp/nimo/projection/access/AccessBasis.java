package jp.nimo.projection.access;

/** On what basis case-plane data was read (or refused). */
public enum AccessBasis {
    /** the reader's organisation is involved in the case */
    ORGANISATION_INVOLVED,
    /** an auditor of the commissioning authority, on the audit path */
    AUDIT,
    /** a worker outside the case, with a stated reason, for a limited time: flagged for review */
    BREAK_GLASS,
    /** refused: recorded so that probing can be reviewed */
    DENIED
}
