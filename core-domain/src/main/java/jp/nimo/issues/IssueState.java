package jp.nimo.issues;

import java.util.EnumSet;
import java.util.Set;

/** Where a regional issue stands in the council lifecycle (DESIGN.md, "Issue lifecycle"). */
public enum IssueState {
    CANDIDATE,
    PROMOTED,
    UNDER_VERIFICATION,
    VERIFIED,
    PLANNED,
    IN_IMPLEMENTATION,
    UNDER_EVALUATION,
    MONITORING,
    RESOLVED,
    ESCALATED,
    DISMISSED,
    MERGED;

    /** States in which the issue is still being worked on here: its scope can change, others can merge into it. */
    public static final Set<IssueState> OPEN = EnumSet.of(CANDIDATE, PROMOTED, UNDER_VERIFICATION, VERIFIED, PLANNED,
            IN_IMPLEMENTATION, UNDER_EVALUATION, MONITORING);

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
