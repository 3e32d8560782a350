package jp.nimo.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    public static Organisations load() {
        try (InputStream in = ReferenceFiles.open(FILE)) {
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Organisation> organisations = new LinkedHashMap<>();
            for (JsonNode o : root.path("organisations")) {
                String id = o.path("id").asText();
                organisations.put(id, new Organisation(id, new Label(o.path("label").asText(), o.path("labelEn").asText()),
                        o.path("type").asText(), o.hasNonNull("municipality") ? o.get("municipality").asText() : null,
                        o.hasNonNull("region") ? o.get("region").asText() : null));
            }
            return new Organisations(root.path("version").asInt(), organisations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
