package jp.nimo.reference;

import java.util.List;
import java.util.Map;

/**
 * A consent an event kind needs before it may be recorded: a purpose, and optionally the field values
 * for which it is needed (a peer supporter's ward visit needs VISIT, a tea party GROUP_ACTIVITY).
 */
public record ConsentRequirement(String purpose, Map<String, List<String>> when) {

    public ConsentRequirement {
        when = when == null ? Map.of() : Map.copyOf(when);
    }

    public boolean appliesTo(Map<String, Object> fields) {
        return when.entrySet().stream().allMatch(w -> w.getValue().contains(String.valueOf(fields.get(w.getKey()))));
    }
}
