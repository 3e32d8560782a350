package jp.nimo.detection;

import jp.nimo.reference.Label;
import jp.nimo.reference.ReferenceTree;

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

    /** Builds the signals from the already-parsed file {@link #FILE}. */
    public static Signals from(ReferenceTree root) {
        Map<String, SignalDefinition> signals = new LinkedHashMap<>();
        for (ReferenceTree s : root.path("signals")) {
            Map<String, List<Object>> where = new LinkedHashMap<>();
            s.path("where").members().forEach((field, values) -> {
                List<Object> plain = new ArrayList<>();
                values.forEach(v -> plain.add(v.plain()));
                where.put(field, plain);
            });
            List<String> afterAdmission = new ArrayList<>();
            s.path("afterAdmission").forEach(a -> afterAdmission.add(a.asText()));
            ReferenceTree absence = s.path("absence");
            String code = s.path("code").asText();
            ReferenceTree repeatNode = s.path("repeat");
            SignalDefinition.Repeat repeat = null;
            if (!repeatNode.isMissing()) {
                List<String> kinds = new ArrayList<>();
                repeatNode.path("kinds").forEach(k -> kinds.add(k.asText()));
                repeat = new SignalDefinition.Repeat(kinds, repeatNode.path("count").asInt(0),
                        repeatNode.path("days").asInt(0));
            }
            String kind = s.path("kind").isMissing() && repeat != null ? repeat.kinds().get(0) : s.path("kind").asText();
            signals.put(code, new SignalDefinition(code, s.path("category").asText(), kind, where,
                    afterAdmission, absence.isMissing() ? null : absence.path("followUp").asText(),
                    absence.path("days").asInt(0), new Label(s.path("label").asText(), s.path("labelEn").asText()),
                    "HOUSEHOLDS".equals(s.path("counts").asText()), repeat));
        }
        return new Signals(root.path("version").asInt(), signals);
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
