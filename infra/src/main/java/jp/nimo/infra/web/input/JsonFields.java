package jp.nimo.infra.web.input;

import tools.jackson.databind.JsonNode;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of a JSON request one by one, collecting every problem with the path of the field
 * it concerns ({@code targets[0].indicator}), so that all of them are answered at once.
 */
public final class JsonFields {

    private final JsonNode node;
    private final String path;
    private final List<FieldError> errors;

    private JsonFields(JsonNode node, String path, List<FieldError> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    public static final String CONTROL_CHARACTERS = "must not contain control characters other than tab and line breaks";

    /**
     * Whether the text holds a control character other than tab, CR and LF: NUL cannot be stored in a
     * PostgreSQL text column at all, so such text would fail a projection long after it was accepted.
     */
    public static boolean hasControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** The top level of a body; a missing body counts as an empty object. */
    public static JsonFields of(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new JsonFields(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode(), "", errors);
        }
        if (!body.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        return new JsonFields(body, "", errors);
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    public void error(String field, String message) {
        errors.add(new FieldError(name(field), message));
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** Refuses the fields this request does not know. */
    public void onlyKnown(Set<String> known) {
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                error(name, "is not a field of this request");
            }
        }
    }

    public String text(String field, boolean required, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!value.isString() || value.asString().isBlank()) {
            error(field, "must be a non-blank string");
            return null;
        }
        if (value.asString().length() > maxLength) {
            error(field, "must be at most " + maxLength + " characters");
            return null;
        }
        if (hasControlCharacters(value.asString())) {
            error(field, CONTROL_CHARACTERS);
            return null;
        }
        return value.asString();
    }

    public LocalDate date(String field, boolean required) {
        String text = text(field, required, 10);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            error(field, "must be an ISO-8601 date such as 2024-07-10");
            return null;
        }
    }

    public Integer integer(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            error(field, "must be a whole number");
            return null;
        }
        return value.asInt();
    }

    public BigDecimal number(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!value.isNumber()) {
            error(field, "must be a number");
            return null;
        }
        // 1e400 reads as an infinite double, NaN as NaN: neither is a value BigDecimal can hold
        if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
            error(field, "must be a finite number");
            return null;
        }
        return value.decimalValue();
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type, boolean required) {
        String text = text(field, required, 100);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            error(field, "must be one of " + String.join(", ",
                    java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
            return null;
        }
    }

    /** A code that must pass {@code known}; the message names what it should have been. */
    public String code(String field, boolean required, java.util.function.Predicate<String> known, String what) {
        String text = text(field, required, 100);
        if (text != null && !known.test(text)) {
            error(field, "is not " + what);
            return null;
        }
        return text;
    }

    public JsonFields object(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!value.isObject()) {
            error(field, "must be an object");
            return null;
        }
        return new JsonFields(value, name(field), errors);
    }

    /** Reads each element of an array field with {@code reader}; elements that fail to read are left out. */
    public <T> List<T> list(String field, boolean required, Function<JsonFields, T> reader) {
        JsonNode value = node.get(field);
        List<T> items = new ArrayList<>();
        if (value == null || value.isNull()) {
            if (required) {
                error(field, "is required");
            }
            return items;
        }
        if (!value.isArray()) {
            error(field, "must be a list");
            return items;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String elementPath = name(field) + "[" + i + "]";
            if (!element.isObject()) {
                errors.add(new FieldError(elementPath, "must be an object"));
                continue;
            }
            int before = errors.size();
            T item = reader.apply(new JsonFields(element, elementPath, errors));
            if (errors.size() == before && item != null) {
                items.add(item);
            }
        }
        return items;
    }

    /** Whether the field is given as an empty list. */
    public boolean isEmptyList(String field) {
        JsonNode value = node.get(field);
        return value != null && value.isArray() && value.isEmpty();
    }

    /** Throws the collected problems, if there are any. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
