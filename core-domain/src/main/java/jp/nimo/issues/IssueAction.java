package jp.nimo.issues;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static jp.nimo.issues.IssueState.CANDIDATE;
import static jp.nimo.issues.IssueState.DISMISSED;
import static jp.nimo.issues.IssueState.ESCALATED;
import static jp.nimo.issues.IssueState.IN_IMPLEMENTATION;
import static jp.nimo.issues.IssueState.MERGED;
import static jp.nimo.issues.IssueState.MONITORING;
import static jp.nimo.issues.IssueState.PLANNED;
import static jp.nimo.issues.IssueState.PROMOTED;
import static jp.nimo.issues.IssueState.RESOLVED;
import static jp.nimo.issues.IssueState.UNDER_EVALUATION;
import static jp.nimo.issues.IssueState.UNDER_VERIFICATION;
import static jp.nimo.issues.IssueState.VERIFIED;

/**
 * The council's actions on an issue: the lifecycle table of DESIGN.md, and nothing else. Each action
 * names the states it is allowed from and the state it leads to ({@code null}: the state stays).
 */
public enum IssueAction {
    PROMOTE("promote", EnumSet.of(CANDIDATE), PROMOTED),
    DISMISS("dismiss", EnumSet.of(CANDIDATE, PROMOTED, UNDER_VERIFICATION), DISMISSED),
    MERGE("merge", EnumSet.of(CANDIDATE, PROMOTED, UNDER_VERIFICATION), MERGED),
    START_VERIFICATION("start-verification", EnumSet.of(PROMOTED), UNDER_VERIFICATION),
    VERIFY("verify", EnumSet.of(UNDER_VERIFICATION), VERIFIED),
    ESCALATE("escalate", EnumSet.of(UNDER_VERIFICATION, VERIFIED, UNDER_EVALUATION), ESCALATED),
    PLAN("plan", EnumSet.of(VERIFIED, UNDER_EVALUATION), PLANNED),
    START_IMPLEMENTATION("start-implementation", EnumSet.of(PLANNED), IN_IMPLEMENTATION),
    RECORD_ACTUAL("record-actual", EnumSet.of(IN_IMPLEMENTATION, UNDER_EVALUATION), null),
    START_EVALUATION("start-evaluation", EnumSet.of(IN_IMPLEMENTATION), UNDER_EVALUATION),
    RESOLVE("resolve", EnumSet.of(UNDER_EVALUATION, MONITORING), RESOLVED),
    MONITOR("monitor", EnumSet.of(UNDER_EVALUATION), MONITORING),
    REOPEN("reopen", EnumSet.of(RESOLVED, MONITORING, DISMISSED), PROMOTED),
    CHANGE_SCOPE("change-scope", IssueState.OPEN, null),
    /** open a linked issue at a higher level's council; this one stays where it is */
    REPORT_UP("report-up", EnumSet.of(PROMOTED, UNDER_VERIFICATION, VERIFIED, PLANNED, IN_IMPLEMENTATION,
            UNDER_EVALUATION, MONITORING), null),
    /** open a linked issue at a lower level's council for part of this one; this one stays where it is */
    DELEGATE("delegate", EnumSet.of(PROMOTED, UNDER_VERIFICATION, VERIFIED, PLANNED, IN_IMPLEMENTATION,
            UNDER_EVALUATION, MONITORING), null);

    private final String path;
    private final Set<IssueState> from;
    private final IssueState to;

    IssueAction(String path, Set<IssueState> from, IssueState to) {
        this.path = path;
        this.from = Collections.unmodifiableSet(from);
        this.to = to;
    }

    /** The action as it appears in {@code POST /api/issues/{issueId}/{action}}. */
    public String path() {
        return path;
    }

    public Set<IssueState> allowedFrom() {
        return from;
    }

    public boolean allowedFrom(IssueState state) {
        return from.contains(state);
    }

    /** The state after the action taken from {@code current}. */
    public IssueState next(IssueState current) {
        return to == null ? current : to;
    }

    public static Optional<IssueAction> ofPath(String path) {
        return Arrays.stream(values()).filter(a -> a.path.equals(path)).findFirst();
    }
}
