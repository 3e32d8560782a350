package jp.nimo.issues;

import jp.nimo.councils.MeetingId;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The council meeting, or written procedure (書面開催), that took a decision: a meeting recorded in Nimo
 * ({@code meetingId} and its {@code councilId}), or one named inline for history entered after the fact
 * (both null).
 */
public record Meeting(String title, LocalDate heldOn, Format format, MeetingId meetingId, String councilId) {

    public enum Format {
        IN_PERSON,
        ONLINE,
        /** 書面開催 */
        WRITTEN
    }

    public Meeting {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(heldOn, "heldOn");
        Objects.requireNonNull(format, "format");
    }

    /** A meeting named inline, not recorded in Nimo. */
    public Meeting(String title, LocalDate heldOn, Format format) {
        this(title, heldOn, format, null, null);
    }
}
