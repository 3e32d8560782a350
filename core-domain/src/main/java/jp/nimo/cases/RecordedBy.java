package jp.nimo.cases;

import java.util.Objects;

/** Who recorded something: the user, their organisation and, where known, their profession. */
public record RecordedBy(String user, String organisation, String profession) {

    public RecordedBy {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(organisation, "organisation");
    }
}
