package jp.nimo.reference;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The organisations of {@code reference/organisations.v1.json}. */
public final class Organisations {

    public static final String FILE = "organisations.v1.json";

    private final int version;
    private final Map<String, Organisation> organisations;

    private Organisations(int version, Map<String, Organisation> organisations) {
        this.version = version;
        this.organisations = Collections.unmodifiableMap(organisations);
    }

    /** Builds the organisations from the already-parsed file {@link #FILE}. */
    public static Organisations from(ReferenceTree root) {
        Map<String, Organisation> organisations = new LinkedHashMap<>();
        for (ReferenceTree o : root.path("organisations")) {
            String id = o.path("id").asText();
            organisations.put(id, new Organisation(id, new Label(o.path("label").asText(), o.path("labelEn").asText()),
                    o.path("type").asText(), o.hasNonNull("municipality") ? o.path("municipality").asText() : null,
                    o.hasNonNull("region") ? o.path("region").asText() : null));
        }
        return new Organisations(root.path("version").asInt(), organisations);
    }

    public int version() {
        return version;
    }

    public Collection<Organisation> all() {
        return organisations.values();
    }

    public Optional<Organisation> organisation(String id) {
        return Optional.ofNullable(organisations.get(id));
    }
}
