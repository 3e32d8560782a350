package jp.nimo.reference;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The indicators of {@code reference/indicators.v1.json}. */
public final class Indicators {

    public static final String FILE = "indicators.v1.json";

    private final int version;
    private final Map<String, Indicator> indicators;

    private Indicators(int version, Map<String, Indicator> indicators) {
        this.version = version;
        this.indicators = Collections.unmodifiableMap(indicators);
    }

    /** Builds the indicators from the already-parsed file {@link #FILE}. */
    public static Indicators from(ReferenceTree root) {
        Map<String, Indicator> indicators = new LinkedHashMap<>();
        for (ReferenceTree i : root.path("indicators")) {
            String code = i.path("code").asText();
            ReferenceTree d = i.path("definition");
            Indicator.Definition definition = d.isMissing() ? null : new Indicator.Definition(
                    d.path("numerator").asText(), d.hasNonNull("denominator") ? d.path("denominator").asText() : null,
                    d.path("businessDate").asText(), d.path("differsFromPublished").asText());
            indicators.put(code, new Indicator(code, new Label(i.path("label").asText(), i.path("labelEn").asText()),
                    i.path("unit").asText(), i.path("direction").asText(), i.path("source").asText(),
                    i.path("category").asText(), definition));
        }
        return new Indicators(root.path("version").asInt(), indicators);
    }

    public int version() {
        return version;
    }

    public Collection<Indicator> all() {
        return indicators.values();
    }

    public Optional<Indicator> indicator(String code) {
        return Optional.ofNullable(indicators.get(code));
    }
}
