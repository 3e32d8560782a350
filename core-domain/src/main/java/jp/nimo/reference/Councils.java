package jp.nimo.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    public static Councils load() {
        try (InputStream in = ReferenceFiles.open(FILE)) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Council> councils = new LinkedHashMap<>();
            for (JsonNode c : root.path("councils")) {
                String id = c.path("id").asText();
                councils.put(id, new Council(id, new Label(c.path("label").asText(), c.path("labelEn").asText()),
                        AreaLevel.valueOf(c.path("level").asText()), texts(c.path("municipalities")),
                        texts(c.path("regions")), c.path("secretariat").asText()));
            }
            return new Councils(root.path("version").asInt(), councils);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
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
