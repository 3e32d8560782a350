package jp.nimo.reference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The councils of {@code reference/councils.v1.json} (one per Tokyo municipality and region, and Tokyo's),
 * and, found by id, the councils an ADMIN designated since.
 */
public final class Councils {

    public static final String FILE = "councils.v1.json";

    private final int version;
    private final Map<String, Council> councils;
    private final Function<String, Optional<Council>> designated;

    private Councils(int version, Map<String, Council> councils, Function<String, Optional<Council>> designated) {
        this.version = version;
        this.councils = Collections.unmodifiableMap(councils);
        this.designated = designated;
    }

    /** Builds the councils from the already-parsed file {@link #FILE}. */
    public static Councils from(ReferenceTree root) {
        Map<String, Council> councils = new LinkedHashMap<>();
        for (ReferenceTree c : root.path("councils")) {
            String id = c.path("id").asText();
            councils.put(id, new Council(id, new Label(c.path("label").asText(), c.path("labelEn").asText()),
                    AreaLevel.valueOf(c.path("level").asText()), texts(c.path("municipalities")),
                    texts(c.path("regions")), c.path("secretariat").asText()));
        }
        return new Councils(root.path("version").asInt(), councils, id -> Optional.empty());
    }

    /** These reference councils, and the designated councils {@code designated} finds by id. */
    public Councils withDesignated(Function<String, Optional<Council>> designated) {
        return new Councils(version, councils, designated);
    }

    private static List<String> texts(ReferenceTree array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    public int version() {
        return version;
    }

    /** The reference councils; a designated council is found by its id. */
    public Collection<Council> all() {
        return councils.values();
    }

    public Optional<Council> council(String id) {
        Council council = councils.get(id);
        return council != null ? Optional.of(council) : designated.apply(id);
    }

    /** Whether the id is one of the reference data's councils (designated from it at start). */
    public boolean isReference(String id) {
        return councils.containsKey(id);
    }
}
