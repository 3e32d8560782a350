package jp.nimo.reference;

import java.util.List;
import java.util.Optional;

/** A kind of case event with its declared fields, e.g. RentalRefused (入居を断られた). */
public record EventKind(String kind, String group, Label label, List<FieldSpec> fields) {

    public EventKind {
        fields = List.copyOf(fields);
    }

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
