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
 * counts the cases of one household once where a rule asks for distinct cases. A repeat signal fires when
 * one case has {@code repeat.count()} events of its kinds within {@code repeat.days()} days (one person's
 * repeated crises): it is one signal about the area and category, whichever event completed the repetition.
 */
public record SignalDefinition(String code, String category, String kind, Map<String, List<Object>> where,
                               List<String> afterAdmission, String followUp, int absenceDays, Label label,
                               boolean countsHouseholds, Repeat repeat) {

    /** How often, within how many days, events of {@code kinds} must come in one case. */
    public record Repeat(List<String> kinds, int count, int days) {

        public Repeat {
            kinds = List.copyOf(kinds);
            if (kinds.isEmpty() || count < 2 || days < 1) {
                throw new IllegalArgumentException("a repeat names its kinds, a count of at least 2 and a window of days");
            }
        }
    }

    public SignalDefinition {
        where = where == null ? Map.of() : Map.copyOf(where);
        afterAdmission = afterAdmission == null ? List.of() : List.copyOf(afterAdmission);
    }

    public boolean isAbsence() {
        return followUp != null;
    }

    public boolean isRepeat() {
        return repeat != null;
    }

    /** The kinds whose events this signal reads: its kind, or a repeat's kinds. */
    public List<String> kinds() {
        return repeat == null ? List.of(kind) : repeat.kinds();
    }

    /**
     * Whether the event is of this signal's kind with the required field values (the admission is checked
     * apart). A list field matches when any of its values is one of those required.
     */
    public boolean matches(CaseEventRecorded event) {
        if (!kinds().contains(event.kind())) {
            return false;
        }
        return where.entrySet().stream().allMatch(w -> {
            Object value = event.fields().get(w.getKey());
            return value instanceof Collection<?> values ? values.stream().anyMatch(w.getValue()::contains)
                    : w.getValue().contains(value);
        });
    }
}
