package jp.nimo.reference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue of case-event kinds, loaded from {@code reference/event-kinds.v1.json} (whose
 * {@code version} counts the catalogue's changes): every kind with its declared fields, enums and labels. Forms and clients are generated from it, and the write
 * side validates recorded events against it.
 */
public final class EventKindCatalogue {

    public static final String FILE = "event-kinds.v1.json";

    private final int version;
    private final List<EventKindGroup> groups;
    private final List<FieldSpec> commonFields;
    private final Map<String, EventKind> kinds;

    private EventKindCatalogue(int version, List<EventKindGroup> groups, List<FieldSpec> commonFields,
                               Map<String, EventKind> kinds) {
        this.version = version;
        this.groups = List.copyOf(groups);
        this.commonFields = List.copyOf(commonFields);
        this.kinds = Collections.unmodifiableMap(kinds);
    }

    /** Builds the catalogue from the already-parsed file {@link #FILE}. */
    public static EventKindCatalogue from(ReferenceTree root) {
        Map<String, List<EnumValue>> enums = new HashMap<>();
        root.path("enums").members().forEach((key, value) -> {
            List<EnumValue> values = new ArrayList<>();
            value.forEach(v -> values.add(new EnumValue(v.path("code").asText(), label(v))));
            enums.put(key, values);
        });
        List<EventKindGroup> groups = new ArrayList<>();
        root.path("groups").forEach(g -> groups.add(new EventKindGroup(g.path("code").asText(), label(g))));
        List<FieldSpec> common = fields(root.path("commonFields"), enums, "common");
        Map<String, EventKind> kinds = new LinkedHashMap<>();
        for (ReferenceTree k : root.path("kinds")) {
            String name = k.path("kind").asText();
            List<ConsentRequirement> consents = new ArrayList<>();
            for (ReferenceTree c : k.path("requiresConsent")) {
                Map<String, List<String>> when = new HashMap<>();
                c.path("when").members().forEach((key, value) -> {
                    List<String> values = new ArrayList<>();
                    value.forEach(v -> values.add(v.asText()));
                    when.put(key, values);
                });
                consents.add(new ConsentRequirement(c.path("purpose").asText(), when));
            }
            Map<String, List<String>> unbounded = null;
            ReferenceTree backdating = k.path("unboundedBackdating");
            if (!backdating.isMissing() && !"false".equals(backdating.asText())) {
                unbounded = new HashMap<>();
                for (Map.Entry<String, ReferenceTree> w : backdating.path("when").members().entrySet()) {
                    List<String> values = new ArrayList<>();
                    w.getValue().forEach(v -> values.add(v.asText()));
                    unbounded.put(w.getKey(), values);
                }
            }
            kinds.put(name, new EventKind(name, k.path("group").asText(), label(k), fields(k.path("fields"), enums, name),
                    consents, unbounded));
        }
        return new EventKindCatalogue(root.path("version").asInt(), groups, common, kinds);
    }

    private static List<FieldSpec> fields(ReferenceTree array, Map<String, List<EnumValue>> enums, String owner) {
        List<FieldSpec> fields = new ArrayList<>();
        for (ReferenceTree f : array) {
            FieldType type = FieldType.valueOf(f.path("type").asText());
            String enumName = f.hasNonNull("enum") ? f.path("enum").asText() : null;
            List<EnumValue> values = List.of();
            if (type == FieldType.ENUM || type == FieldType.ENUM_LIST) {
                values = enums.get(enumName);
                if (values == null) {
                    throw new IllegalStateException(owner + "." + f.path("name").asText() + ": unknown enum " + enumName);
                }
            }
            fields.add(new FieldSpec(f.path("name").asText(), type, f.path("required").asBoolean(false),
                    f.path("personal").asBoolean(false), label(f), enumName, values,
                    f.hasNonNull("min") ? f.path("min").asInt() : null,
                    f.hasNonNull("max") ? f.path("max").asInt() : null,
                    f.hasNonNull("formerName") ? f.path("formerName").asText() : null));
        }
        return fields;
    }

    private static Label label(ReferenceTree node) {
        return new Label(node.path("label").asText(), node.path("labelEn").asText());
    }

    public int version() {
        return version;
    }

    public List<EventKindGroup> groups() {
        return groups;
    }

    /** Fields every kind accepts (the free-text note). */
    public List<FieldSpec> commonFields() {
        return commonFields;
    }

    public Collection<EventKind> kinds() {
        return kinds.values();
    }

    public Optional<EventKind> kind(String kind) {
        return Optional.ofNullable(kinds.get(kind));
    }

    public boolean contains(String kind) {
        return kinds.containsKey(kind);
    }
}
