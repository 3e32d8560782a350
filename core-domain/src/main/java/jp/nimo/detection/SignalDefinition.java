package jp.nimo.detection;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import jp.nimo.reference.Label;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which case events count as evidence for a category: the kind, the field values it must have and,
 * for C07, the admission the discharge ends. An absence signal names the follow-up that must come
 * within {@code absenceDays}; it fires when it does not. A signal that {@code countsHouseholds} (8050, X1)
 * counts the cases of one household once where a rule asks for distinct cases.
 */
public record SignalDefinition(String code, String category, String kind, Map<String, List<Object>> where,
                               List<String> afterAdmission, String followUp, int absenceDays, Label label,
                               boolean countsHouseholds) {

    public SignalDefinition {
        where = where == null ? Map.of() : Map.copyOf(where);
        afterAdmission = afterAdmission == null ? List.of() : List.copyOf(afterAdmission);
    }

    public boolean isAbsence() {
        return followUp != null;
    }

    /**
     * Whether the event is of this signal's kind with the required field values (the admission is checked
     * apart). A list field matches when any of its values is one of those required.
     */
    public boolean matches(CaseEventRecorded event) {
        if (!kind.equals(event.kind())) {
            return false;
        }
        return where.entrySet().stream().allMatch(w -> {
            Object value = event.fields().get(w.getKey());
            return value instanceof Collection<?> values ? values.stream().anyMatch(w.getValue()::contains)
                    : w.getValue().contains(value);
        });
    }
}
