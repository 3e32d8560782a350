package jp.nimo.issues;

/**
 * How two issues held at different levels are linked while both stay open (DESIGN.md v2: levels work in
 * parallel). Each end is recorded on its own issue: the issue that reports up or delegates holds the
 * {@code _TO} end, the issue opened at the other council the {@code _FROM} end.
 */
public enum IssueLinkType {
    /** this issue was reported up to a council of a higher level; the other is the issue opened there */
    REPORTED_TO,
    /** this issue was opened by a report from a council of a lower level */
    REPORTED_FROM,
    /** part of this issue was delegated to a council of a lower level; the other is the issue opened there */
    DELEGATED_TO,
    /** this issue was opened by a delegation from a council of a higher level */
    DELEGATED_FROM;

    /** The end the other issue records. */
    public IssueLinkType otherEnd() {
        return switch (this) {
            case REPORTED_TO -> REPORTED_FROM;
            case REPORTED_FROM -> REPORTED_TO;
            case DELEGATED_TO -> DELEGATED_FROM;
            case DELEGATED_FROM -> DELEGATED_TO;
        };
    }
}
