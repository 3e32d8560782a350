package jp.nimo.councils;

import java.util.Objects;

/** A member organisation at a meeting and how many of its people came (never who). */
public record Attendee(String organisation, int count) {

    public Attendee {
        Objects.requireNonNull(organisation, "organisation");
    }
}
