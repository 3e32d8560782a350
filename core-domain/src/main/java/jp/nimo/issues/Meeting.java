package jp.nimo.issues;

import java.time.LocalDate;
import java.util.Objects;

/** The council meeting, or written procedure (書面開催), that took a decision. */
public record Meeting(String title, LocalDate heldOn, Format format) {

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
}
