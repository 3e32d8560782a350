package jp.nimo.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A case event as validated against the catalogue: its kind, business date, the structured fields
 * (codes, numbers, dates as ISO strings) and the personal free-text fields, kept apart, with the
 * version of the catalogue it was read against.
 */
public record CaseEventData(String kind, LocalDate occurredOn, Map<String, Object> fields,
                            Map<String, String> personal, int catalogueVersion) {

    public CaseEventData {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredOn, "occurredOn");
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        personal = personal == null ? Map.of() : Map.copyOf(personal);
    }

    public Optional<String> code(String field) {
        Object value = fields.get(field);
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public boolean flag(String field) {
        return Boolean.TRUE.equals(fields.get(field));
    }

    @SuppressWarnings("unchecked")
    public List<String> codes(String field) {
        Object value = fields.get(field);
        return value instanceof List<?> list ? (List<String>) list : List.of();
    }
}
