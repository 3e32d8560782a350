package jp.nimo.councils;

import jp.nimo.issues.IssueId;

import java.util.Objects;

/** An issue on a meeting's agenda and what the council is asked to do with it. */
public record AgendaItem(IssueId issueId, Ask ask) {

    /** What the secretariat asks the meeting to decide, or only to hear. */
    public enum Ask {
        PROMOTE,
        VERIFY,
        PLAN,
        EVALUATE,
        RESOLVE,
        REPORT,
        INFORM
    }

    public AgendaItem {
        Objects.requireNonNull(issueId, "issueId");
        Objects.requireNonNull(ask, "ask");
    }
}
