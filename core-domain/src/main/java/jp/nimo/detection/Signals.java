package jp.nimo.detection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jp.nimo.reference.Label;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The signal definitions of {@code reference/signals.v1.json}. */
public final class Signals {

    public static final String FILE = "signals.v1.json";

    private final int version;
    private final Map<String, SignalDefinition> byCode;

    private Signals(int version, Map<String, SignalDefinition> byCode) {
        this.version = version;
        this.byCode = byCode;
    }

    public static Signals load() {
        try (InputStream in = Signals.class.getClassLoader().getResourceAsStream("reference/" + FILE)) {
            if (in == null) {
                throw new IllegalStateException("reference file missing from the build: reference/" + FILE);
            }
            ObjectMapper json = new ObjectMapper();
            JsonNode root = json.readTree(in);
            Map<String, SignalDefinition> signals = new LinkedHashMap<>();
            for (JsonNode s : root.path("signals")) {
                Map<String, List<Object>> where = s.has("where")
                        ? json.convertValue(s.get("where"), new TypeReference<Map<String, List<Object>>>() { })
                        : Map.of();
                List<String> afterAdmission = new ArrayList<>();
                s.path("afterAdmission").forEach(a -> afterAdmission.add(a.asText()));
                JsonNode absence = s.path("absence");
                String code = s.path("code").asText();
                signals.put(code, new SignalDefinition(code, s.path("category").asText(), s.path("kind").asText(), where,
                        afterAdmission, absence.isMissingNode() ? null : absence.path("followUp").asText(),
                        absence.path("days").asInt(0), new Label(s.path("label").asText(), s.path("labelEn").asText())));
            }
            return new Signals(root.path("version").asInt(), signals);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int version() {
        return version;
    }

    public Collection<SignalDefinition> all() {
        return byCode.values();
    }

    public Optional<SignalDefinition> signal(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** The kinds that are follow-ups of an absence signal. */
    public Set<String> followUpKinds() {
        return byCode.values().stream().filter(SignalDefinition::isAbsence).map(SignalDefinition::followUp)
                .collect(Collectors.toSet());
    }
}
