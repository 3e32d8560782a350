package jp.nimo.detection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What detection remembers about cases (case plane) to judge absences: admissions, follow-ups,
 * the events still waiting for theirs, and the detection clock. Live in PostgreSQL, in memory for replays.
 */
public interface CaseMemory {

    /** The detection clock: the latest recording time or clock tick seen so far (null before any). */
    Instant clock();

    void advanceClock(Instant to);

    void admitted(String caseId, LocalDate on, String admissionType, String eventId);

    /** The type of the latest admission of the case on or before the date. */
    Optional<String> admissionTypeOn(String caseId, LocalDate on);

    void followUp(String caseId, String kind, LocalDate on, String eventId);

    boolean hasFollowUp(String caseId, String kind, LocalDate from, LocalDate to);

    /** The dates of the case's booked facts of {@code kind} from {@code from} to {@code to}, one per event, in order. */
    List<LocalDate> factDates(String caseId, String kind, LocalDate from, LocalDate to);

    void await(PendingAbsence absence);

    /** Marks the waiting absences of the case that this follow-up, dated {@code on}, answers. */
    void answer(String caseId, String followUpKind, LocalDate on);

    /** Waiting absences whose deadline the clock has reached, by deadline then trigger. */
    List<PendingAbsence> due(Instant clock);

    void fired(PendingAbsence absence);

    /** The household the case counts as one of now, if any (8050). */
    Optional<String> household(String caseId);

    /** The case counts as one of {@code householdId} from now on; null when it left its household. */
    void household(String caseId, String householdId);
}
