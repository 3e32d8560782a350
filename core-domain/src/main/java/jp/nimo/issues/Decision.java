package jp.nimo.issues;

import java.time.Instant;
import java.util.Objects;

/** Who decided, when it was recorded, at which meeting (if any) and why (if given). */
public record Decision(Actor actor, Instant decidedAt, Meeting meeting, String reason) {

    public Decision {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
