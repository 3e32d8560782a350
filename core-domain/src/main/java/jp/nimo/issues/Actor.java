package jp.nimo.issues;

import java.util.List;
import java.util.Objects;

/** Who takes a decision: the user, their organisation, their role, and the councils they act for. */
public record Actor(String user, String organisation, String role, List<String> councils) {

    public static final Actor SYSTEM = new Actor("nimo", "nimo", "SYSTEM", List.of());

    public Actor {
        Objects.requireNonNull(user, "user");
        councils = councils == null ? List.of() : List.copyOf(councils);
    }
}
