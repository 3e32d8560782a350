package jp.nimo.detection;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import jp.nimo.cases.CaseFact.HospitalAdmission;
import jp.nimo.cases.CaseFacts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static jp.nimo.cases.RecordingWindow.JAPAN;

/**
 * Finds signals in case events. Presence signals come from the event itself. Absence signals never
 * read the wall clock: an event that needs a follow-up waits until the detection clock (the latest
 * recording time or daily tick in the log) passes the later of its business deadline and its recording
 * time plus a grace for late entry, and fires if no follow-up dated inside its window was recorded by then.
 */
public final class SignalFinder {

    private final Signals signals;
    private final Duration grace;
    private final Set<String> followUpKinds;

    public SignalFinder(Signals signals, Duration grace) {
        this.signals = signals;
        this.grace = grace;
        this.followUpKinds = signals.followUpKinds();
    }

    /** Moves the clock on and returns the absences that fired on the way, oldest deadline first. */
    public List<SignalEvent> clockMovedTo(Instant at, CaseMemory memory) {
        Instant clock = memory.clock() == null || at.isAfter(memory.clock()) ? at : memory.clock();
        memory.advanceClock(clock);
        List<SignalEvent> fired = new ArrayList<>();
        for (PendingAbsence absence : memory.due(clock)) {
            memory.fired(absence);
            SignalDefinition definition = signals.signal(absence.signalCode()).orElseThrow();
            Signal signal = new Signal(signalId(absence.triggerEventId(), definition.code()), definition.code(),
                    definition.category(), definition.kind(), absence.caseId(), absence.occurredOn(),
                    absence.municipality(), clock, householdOf(definition, absence.caseId(), memory));
            fired.add(new SignalEvent.AbsenceSignalFired(signal, absence.triggerEventId(), absence.windowEnd()));
        }
        return fired;
    }

    /** The clock moved to the event's recording time, then the event's own presence signals, in that order. */
    public List<SignalEvent> onCaseEvent(CaseEventRecorded event, CaseMemory memory) {
        List<SignalEvent> found = new ArrayList<>(clockMovedTo(event.recordedAt(), memory));
        found.addAll(inEvent(event, memory));
        return found;
    }

    /** The presence signals of one recorded event, after booking what absences need from it. */
    public List<SignalEvent> inEvent(CaseEventRecorded event, CaseMemory memory) {
        String caseId = event.caseId().value();
        if (CaseFacts.decode(event) instanceof HospitalAdmission admission) {
            memory.admitted(caseId, event.occurredOn(), admission.admissionType(), event.eventId());
        }
        if (followUpKinds.contains(event.kind())) {
            memory.followUp(caseId, event.kind(), event.occurredOn(), event.eventId());
            memory.answer(caseId, event.kind(), event.occurredOn());
        }
        List<SignalEvent> found = new ArrayList<>();
        for (SignalDefinition definition : signals.all()) {
            if (!definition.matches(event) || !afterRequiredAdmission(definition, event, memory)) {
                continue;
            }
            if (definition.isAbsence()) {
                awaitFollowUp(definition, event, memory);
            } else if (definition.isRepeat() && !repeated(definition, event, memory)) {
                continue;
            } else {
                found.add(new SignalEvent.SignalObserved(new Signal(signalId(event.eventId(), definition.code()),
                        definition.code(), definition.category(), event.kind(), caseId, event.occurredOn(),
                        event.municipality(), memory.clock(), householdOf(definition, caseId, memory)), event.eventId()));
            }
        }
        return found;
    }

    private static String householdOf(SignalDefinition definition, String caseId, CaseMemory memory) {
        return definition.countsHouseholds() ? memory.household(caseId).orElse(null) : null;
    }

    private static boolean afterRequiredAdmission(SignalDefinition definition, CaseEventRecorded event, CaseMemory memory) {
        if (definition.afterAdmission().isEmpty()) {
            return true;
        }
        return memory.admissionTypeOn(event.caseId().value(), event.occurredOn())
                .map(definition.afterAdmission()::contains).orElse(false);
    }

    /**
     * Books the event as one occurrence of the repeat and tells whether it completes the repetition: some
     * window of {@code days} days holding this event holds {@code count} occurrences of the case. A case
     * gives one such signal per window, however many crises follow inside it; an occurrence entered late
     * counts for the window it belongs to.
     */
    private static boolean repeated(SignalDefinition definition, CaseEventRecorded event, CaseMemory memory) {
        String caseId = event.caseId().value();
        LocalDate on = event.occurredOn();
        int days = definition.repeat().days();
        memory.followUp(caseId, "repeat:" + definition.code(), on, event.eventId());
        List<LocalDate> dates = memory.factDates(caseId, "repeat:" + definition.code(), on.minusDays(days), on.plusDays(days));
        boolean complete = false;
        for (LocalDate start : dates) {
            if (start.isAfter(on)) {
                break;
            }
            LocalDate end = start.plusDays(days - 1L);
            if (end.isBefore(on)) {
                continue;
            }
            long inWindow = dates.stream().filter(d -> !d.isBefore(start) && !d.isAfter(end)).count();
            if (inWindow >= definition.repeat().count()) {
                complete = true;
                break;
            }
        }
        String fired = "fired:" + definition.code();
        if (!complete || memory.hasFollowUp(caseId, fired, on.minusDays(days - 1L), on.plusDays(days - 1L))) {
            return false;
        }
        memory.followUp(caseId, fired, on, event.eventId());
        return true;
    }

    private void awaitFollowUp(SignalDefinition definition, CaseEventRecorded event, CaseMemory memory) {
        LocalDate windowEnd = event.occurredOn().plusDays(definition.absenceDays());
        if (memory.hasFollowUp(event.caseId().value(), definition.followUp(), event.occurredOn(), windowEnd)) {
            return;
        }
        Instant businessDeadline = windowEnd.plusDays(1).atStartOfDay(JAPAN).toInstant();
        Instant lateEntryDeadline = event.recordedAt().plus(grace);
        Instant deadline = businessDeadline.isAfter(lateEntryDeadline) ? businessDeadline : lateEntryDeadline;
        memory.await(new PendingAbsence(event.eventId(), definition.code(), definition.followUp(), event.caseId().value(), event.occurredOn(),
                windowEnd, deadline, event.municipality()));
    }

    /** A name-based id, so that the same event gives the same signal in every replay. */
    static String signalId(String eventId, String signalCode) {
        return UUID.nameUUIDFromBytes(("signal:" + eventId + ":" + signalCode).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
