package jp.nimo.detection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Case memory for replays with other rules (what-if) and for tests. */
public final class InMemoryCaseMemory implements CaseMemory {

    private record Fact(String kind, LocalDate on, String detail) {
    }

    private Instant clock;
    private final Map<String, List<Fact>> facts = new HashMap<>();
    private final Map<String, PendingAbsence> waiting = new HashMap<>();
    private final Map<String, String> households = new HashMap<>();

    @Override
    public Instant clock() {
        return clock;
    }

    @Override
    public void advanceClock(Instant to) {
        clock = to;
    }

    @Override
    public void admitted(String caseId, LocalDate on, String admissionType, String eventId) {
        facts.computeIfAbsent(caseId, c -> new ArrayList<>()).add(new Fact("admission", on, admissionType));
    }

    @Override
    public Optional<String> admissionTypeOn(String caseId, LocalDate on) {
        return facts.getOrDefault(caseId, List.of()).stream()
                .filter(f -> f.kind().equals("admission") && !f.on().isAfter(on))
                .max(Comparator.comparing(Fact::on))
                .map(Fact::detail);
    }

    @Override
    public void followUp(String caseId, String kind, LocalDate on, String eventId) {
        facts.computeIfAbsent(caseId, c -> new ArrayList<>()).add(new Fact(kind, on, null));
    }

    @Override
    public boolean hasFollowUp(String caseId, String kind, LocalDate from, LocalDate to) {
        return facts.getOrDefault(caseId, List.of()).stream()
                .anyMatch(f -> f.kind().equals(kind) && !f.on().isBefore(from) && !f.on().isAfter(to));
    }

    @Override
    public List<LocalDate> factDates(String caseId, String kind, LocalDate from, LocalDate to) {
        return facts.getOrDefault(caseId, List.of()).stream()
                .filter(f -> f.kind().equals(kind) && !f.on().isBefore(from) && !f.on().isAfter(to))
                .map(Fact::on).sorted().toList();
    }

    @Override
    public void await(PendingAbsence absence) {
        waiting.put(absence.triggerEventId() + "/" + absence.signalCode(), absence);
    }

    @Override
    public void answer(String caseId, String followUpKind, LocalDate on) {
        waiting.values().removeIf(a -> a.caseId().equals(caseId) && !on.isBefore(a.occurredOn())
                && !on.isAfter(a.windowEnd()) && a.followUpKind().equals(followUpKind));
    }

    @Override
    public List<PendingAbsence> due(Instant clock) {
        return waiting.values().stream()
                .filter(a -> !clock.isBefore(a.deadline()))
                .sorted(Comparator.comparing(PendingAbsence::deadline).thenComparing(PendingAbsence::triggerEventId))
                .toList();
    }

    @Override
    public void fired(PendingAbsence absence) {
        waiting.remove(absence.triggerEventId() + "/" + absence.signalCode());
    }

    @Override
    public Optional<String> household(String caseId) {
        return Optional.ofNullable(households.get(caseId));
    }

    @Override
    public void household(String caseId, String householdId) {
        if (householdId == null) {
            households.remove(caseId);
        } else {
            households.put(caseId, householdId);
        }
    }
}
