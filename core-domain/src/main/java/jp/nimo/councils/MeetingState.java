package jp.nimo.councils;

/** A meeting is scheduled, then held or cancelled; nothing follows either. */
public enum MeetingState {
    SCHEDULED,
    HELD,
    CANCELLED
}
