package jp.nimo.projection.web.analytics;

import jp.nimo.validation.FieldError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields an API question refused, as a page shows them: each field of the form gets one message
 * key of the analytics bundle (the API's English reason stays the API's), under the name of the form's
 * own control. {@code names} maps the API's field names onto the form's where they differ.
 */
public final class FormProblems {

    private final Map<String, String> byField = new LinkedHashMap<>();

    private FormProblems() {
    }

    public static FormProblems none() {
        return new FormProblems();
    }

    public static FormProblems of(List<FieldError> errors, String page, Map<String, String> names) {
        FormProblems problems = new FormProblems();
        for (FieldError error : errors) {
            String field = error.field();
            // comparisonAreas[2] is the list's control on the form
            String base = field.replaceAll("\\[\\d+]$", "");
            String control = names.getOrDefault(base, base);
            problems.byField.putIfAbsent(control, "analytics." + page + ".error." + control);
        }
        return problems;
    }

    public boolean any() {
        return !byField.isEmpty();
    }

    public boolean has(String control) {
        return byField.containsKey(control);
    }

    /** The message key for a control, or null. */
    public String key(String control) {
        return byField.get(control);
    }

    public Map<String, String> all() {
        return byField;
    }
}
