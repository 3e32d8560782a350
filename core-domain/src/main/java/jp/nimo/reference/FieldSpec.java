package jp.nimo.reference;

import java.util.List;
import java.util.Optional;

/**
 * A declared field of a case-event kind. {@code personal} fields can identify a person and are kept
 * apart from the structured fields (and encrypted per case). {@code formerName} is the name the field
 * had in an earlier catalogue, still accepted on input while clients move to the new one.
 */
public record FieldSpec(String name, FieldType type, boolean required, boolean personal, Label label,
                        String enumName, List<EnumValue> values, Integer min, Integer max, String formerName) {

    public FieldSpec {
        values = values == null ? List.of() : List.copyOf(values);
    }

    public Optional<EnumValue> value(String code) {
        return values.stream().filter(v -> v.code().equals(code)).findFirst();
    }

    public Optional<String> former() {
        return Optional.ofNullable(formerName);
    }

    public boolean isEnumerated() {
        return type == FieldType.ENUM || type == FieldType.ENUM_LIST;
    }
}
