package jp.nimo.projection.issueplane.issue;

import jp.nimo.issues.Decision;

import java.time.LocalDate;

import static jp.nimo.cases.RecordingWindow.JAPAN;

/** Business time of a decision: the day of the meeting that took it, else the day (in Japan) it was decided. */
final class BusinessTime {

    private BusinessTime() {
    }

    static LocalDate of(Decision decision) {
        return decision.meeting() != null ? decision.meeting().heldOn() : LocalDate.ofInstant(decision.decidedAt(), JAPAN);
    }
}
