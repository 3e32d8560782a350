package jp.nimo.infra.web.input;

import tools.jackson.databind.JsonNode;
import jp.nimo.cases.CaseEventData;
import jp.nimo.cases.RecordingWindow;
import tools.jackson.databind.node.JsonNodeFactory;
import jp.nimo.reference.Areas;
import jp.nimo.reference.EventKind;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.FieldSpec;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a case event as a client sends it ({@code {"kind":"RentalRefused","occurredOn":"2024-05-01",
 * "reason":"PREJUDICE","note":"…"}}) and checks it against the catalogue. Every problem is reported
 * with the field it concerns, so that a form can show it beside the input. A field the catalogue has
 * renamed is still accepted under its former name (see {@link FieldSpec#formerName()}).
 */
public final class CaseEventInput {

    public static final int MAX_STRING = 200;
    public static final int MAX_TEXT = 4000;

    private final EventKindCatalogue catalogue;
    private final Areas areas;

    public CaseEventInput(EventKindCatalogue catalogue, Areas areas) {
        this.catalogue = catalogue;
        this.areas = areas;
    }

    public CaseEventData read(JsonNode body, RecordingWindow window) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        EventKind kind = null;
        JsonNode kindNode = body.get("kind");
        if (kindNode == null || kindNode.isNull()) {
            errors.add(new FieldError("kind", "is required"));
        } else if (!kindNode.isString() || !catalogue.contains(kindNode.asString())) {
            errors.add(new FieldError("kind", "is not a known event kind (see GET /api/reference/event-kinds)"));
        } else {
            kind = catalogue.kind(kindNode.asString()).orElseThrow();
        }
        LocalDate occurredOn = readOccurredOn(body.get("occurredOn"), errors);
        if (kind == null) {
            if (occurredOn != null && window.refusal(occurredOn) != null) {
                errors.add(new FieldError("occurredOn", window.refusal(occurredOn)));
            }
            throw new InvalidInputException(errors);
        }

        Map<String, FieldSpec> declared = new LinkedHashMap<>();
        catalogue.commonFields().forEach(f -> declared.put(f.name(), f));
        kind.fields().forEach(f -> declared.put(f.name(), f));

        Map<String, FieldSpec> former = new LinkedHashMap<>();
        declared.values().forEach(f -> f.former().ifPresent(name -> former.put(name, f)));
        for (Iterator<String> names = body.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("kind") && !name.equals("occurredOn") && !declared.containsKey(name)
                    && !former.containsKey(name)) {
                errors.add(new FieldError(name, "is not a field of " + kind.kind()));
            }
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, String> personal = new LinkedHashMap<>();
        for (FieldSpec spec : declared.values()) {
            String name = spec.name();
            JsonNode value = body.get(name);
            JsonNode old = spec.former().map(body::get).filter(v -> !v.isNull()).orElse(null);
            if (old != null) {
                if (value != null && !value.isNull()) {
                    errors.add(new FieldError(spec.formerName(), "is the former name of " + name + ": send only " + name));
                    continue;
                }
                // a client still on the earlier catalogue: a single value stands for a list of one
                name = spec.formerName();
                value = spec.type() == jp.nimo.reference.FieldType.ENUM_LIST && old.isValueNode()
                        ? JsonNodeFactory.instance.arrayNode().add(old) : old;
            }
            if (value == null || value.isNull()) {
                if (spec.required()) {
                    errors.add(new FieldError(name, "is required for " + kind.kind()));
                }
                continue;
            }
            Object read = readValue(spec, name, value, errors);
            if (read == null) {
                continue;
            }
            if (spec.personal()) {
                personal.put(spec.name(), (String) read);
            } else {
                fields.put(spec.name(), read);
            }
        }
        if (occurredOn != null) {
            // the limit counts back from the day of recording; the catalogue names the kinds it does not bind
            String refusal = kind.backdatingUnbounded(fields) ? window.refusalUnbounded(occurredOn) : window.refusal(occurredOn);
            if (refusal != null) {
                errors.add(new FieldError("occurredOn", refusal));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new CaseEventData(kind.kind(), occurredOn, fields, personal, catalogue.version());
    }

    private static LocalDate readOccurredOn(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError("occurredOn", "is required"));
            return null;
        }
        LocalDate date = parseDate(node);
        if (date == null) {
            errors.add(new FieldError("occurredOn", "must be an ISO-8601 date such as 2024-05-01"));
            return null;
        }
        return date;
    }

    private static LocalDate parseDate(JsonNode node) {
        if (!node.isString()) {
            return null;
        }
        try {
            return LocalDate.parse(node.asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Reads one field's value; {@code name} is the name the client sent it under, for the errors. */
    private Object readValue(FieldSpec spec, String name, JsonNode value, List<FieldError> errors) {
        switch (spec.type()) {
            case STRING, TEXT -> {
                int max = spec.type() == jp.nimo.reference.FieldType.TEXT ? MAX_TEXT : MAX_STRING;
                if (!value.isString()) {
                    errors.add(new FieldError(name, "must be a string"));
                } else if (value.asString().isBlank()) {
                    errors.add(new FieldError(name, "must not be blank"));
                } else if (value.asString().length() > max) {
                    errors.add(new FieldError(name, "must be at most " + max + " characters"));
                } else if (JsonFields.hasControlCharacters(value.asString())) {
                    errors.add(new FieldError(name, JsonFields.CONTROL_CHARACTERS));
                } else {
                    return value.asString();
                }
            }
            case INTEGER -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                    errors.add(new FieldError(name, "must be a whole number"));
                } else if ((spec.min() != null && value.asInt() < spec.min())
                        || (spec.max() != null && value.asInt() > spec.max())) {
                    errors.add(new FieldError(name, "must be between " + spec.min() + " and " + spec.max()));
                } else {
                    return value.asInt();
                }
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    errors.add(new FieldError(name, "must be true or false"));
                } else {
                    return value.asBoolean();
                }
            }
            case DATE -> {
                LocalDate date = parseDate(value);
                if (date == null) {
                    errors.add(new FieldError(name, "must be an ISO-8601 date such as 2024-05-01"));
                } else {
                    return date.toString();
                }
            }
            case ENUM -> {
                if (!value.isString() || spec.value(value.asString()).isEmpty()) {
                    errors.add(new FieldError(name, "must be one of " + allowed(spec)));
                } else {
                    return value.asString();
                }
            }
            case ENUM_LIST -> {
                if (!value.isArray()) {
                    errors.add(new FieldError(name, "must be a list of " + allowed(spec)));
                    return null;
                }
                Set<String> codes = new LinkedHashSet<>();
                for (JsonNode item : value) {
                    if (!item.isString() || spec.value(item.asString()).isEmpty()) {
                        errors.add(new FieldError(name, "must be a list of " + allowed(spec)));
                        return null;
                    }
                    codes.add(item.asString());
                }
                if (codes.isEmpty() && spec.required()) {
                    errors.add(new FieldError(name, "must name at least one value"));
                    return null;
                }
                return List.copyOf(codes);
            }
            case MUNICIPALITY -> {
                if (!value.isString() || !knownMunicipality(value.asString())) {
                    errors.add(new FieldError(name, "must be a known municipality code (see GET /api/reference/municipalities)"));
                } else {
                    return value.asString();
                }
            }
        }
        return null;
    }

    private boolean knownMunicipality(String code) {
        try {
            return areas.isKnown(MunicipalityCode.of(code));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String allowed(FieldSpec spec) {
        return String.join(", ", spec.values().stream().map(v -> v.code()).toList());
    }
}
