package jp.nimo.reference;

import java.util.List;
import java.util.Optional;

/** A kind of case event with its declared fields, e.g. RentalRefused (入居を断られた). */
public record EventKind(String kind, String group, Label label, List<FieldSpec> fields,
                        List<ConsentRequirement> requiresConsent) {

    public EventKind {
        fields = List.copyOf(fields);
        requiresConsent = requiresConsent == null ? List.of() : List.copyOf(requiresConsent);
    }

    /** The consent purposes an event of this kind with these field values needs. */
    public List<String> consentsNeeded(java.util.Map<String, Object> values) {
        return requiresConsent.stream().filter(c -> c.appliesTo(values)).map(ConsentRequirement::purpose).toList();
    }

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
