package jp.nimo.reference;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kind of case event with its declared fields, e.g. RentalRefused (入居を断られた).
 * {@code unboundedBackdating}, where not null, says for which field values (all, when empty) the business
 * date may lie further back than the recording window allows: a long-stay inpatient's admission decades ago.
 */
public record EventKind(String kind, String group, Label label, List<FieldSpec> fields,
                        List<ConsentRequirement> requiresConsent, Map<String, List<String>> unboundedBackdating) {

    public EventKind {
        fields = List.copyOf(fields);
        requiresConsent = requiresConsent == null ? List.of() : List.copyOf(requiresConsent);
        unboundedBackdating = unboundedBackdating == null ? null : Map.copyOf(unboundedBackdating);
    }

    public EventKind(String kind, String group, Label label, List<FieldSpec> fields,
                     List<ConsentRequirement> requiresConsent) {
        this(kind, group, label, fields, requiresConsent, null);
    }

    /** Whether an event of this kind with these field values may be dated before the recording window. */
    public boolean backdatingUnbounded(Map<String, Object> values) {
        return unboundedBackdating != null && unboundedBackdating.entrySet().stream()
                .allMatch(w -> w.getValue().contains(String.valueOf(values.get(w.getKey()))));
    }

    /** The consent purposes an event of this kind with these field values needs. */
    public List<String> consentsNeeded(java.util.Map<String, Object> values) {
        return requiresConsent.stream().filter(c -> c.appliesTo(values)).map(ConsentRequirement::purpose).toList();
    }

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
