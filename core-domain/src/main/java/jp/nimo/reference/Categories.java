package jp.nimo.reference;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The regional-issue categories, loaded from {@code reference/categories.v1.json}. */
public final class Categories {

    public static final String FILE = "categories.v1.json";

    private final int version;
    private final Map<String, Category> categories;

    private Categories(int version, Map<String, Category> categories) {
        this.version = version;
        this.categories = Collections.unmodifiableMap(categories);
    }

    /** Builds the categories from the already-parsed file {@link #FILE}. */
    public static Categories from(ReferenceTree root) {
        Map<String, Category> categories = new LinkedHashMap<>();
        for (ReferenceTree c : root.path("categories")) {
            String code = c.path("code").asText();
            categories.put(code, new Category(code,
                    new Label(c.path("label").asText(), c.path("labelEn").asText()), c.path("source").asText()));
        }
        return new Categories(root.path("version").asInt(), categories);
    }

    public int version() {
        return version;
    }

    public Collection<Category> all() {
        return categories.values();
    }

    public Optional<Category> category(String code) {
        return Optional.ofNullable(categories.get(code));
    }
}
