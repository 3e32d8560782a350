package jp.nimo.reference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The councils of {@code reference/councils.v1.json}: one per Tokyo municipality and region, and Tokyo's. */
public final class Councils {

    public static final String FILE = "councils.v1.json";

    private final int version;
    private final Map<String, Council> councils;

    private Councils(int version, Map<String, Council> councils) {
        this.version = version;
        this.councils = Collections.unmodifiableMap(councils);
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
        return new Councils(root.path("version").asInt(), councils);
    }

    private static List<String> texts(ReferenceTree array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    public int version() {
        return version;
    }

    public Collection<Council> all() {
        return councils.values();
    }

    public Optional<Council> council(String id) {
        return Optional.ofNullable(councils.get(id));
    }
}
