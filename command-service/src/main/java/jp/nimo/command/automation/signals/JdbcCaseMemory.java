package jp.nimo.command.automation.signals;

import jp.nimo.detection.CaseMemory;
import jp.nimo.detection.PendingAbsence;
import jp.nimo.reference.MunicipalityCode;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * What signal detection remembers about cases (admissions, follow-ups, waiting absences, the detection
 * clock), in PostgreSQL, written in the signal automation's transaction together with the signal events
 * it appends. The one case memory of detection: the read side keeps the recorded signals, not a memory.
 */
@Component
public class JdbcCaseMemory implements CaseMemory {

    private static final String BATCH_CLOCK = JdbcCaseMemory.class.getName() + ".clock";

    private final JdbcTemplate jdbc;

    public JdbcCaseMemory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** PostgreSQL keeps microseconds: instants are cut to them, so that what is read equals what was written. */
    private static Timestamp column(Instant instant) {
        return Timestamp.from(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * The clock as a batch of events moves it: read when the batch first asks, written once when the batch
     * commits, instead of a row update per event. Outside a unit of work it is read and written directly.
     */
    @Override
    public Instant clock() {
        return CurrentUnitOfWork.isStarted() ? batchClock().at : storedClock();
    }

    @Override
    public void advanceClock(Instant to) {
        Instant at = to.truncatedTo(ChronoUnit.MICROS);
        if (!CurrentUnitOfWork.isStarted()) {
            storeClock(at);
            return;
        }
        BatchClock clock = batchClock();
        if (clock.at == null || at.isAfter(clock.at)) {
            clock.at = at;
        }
    }

    private static final class BatchClock {
        private Instant at;
    }

    private BatchClock batchClock() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(BATCH_CLOCK, key -> {
            BatchClock clock = new BatchClock();
            clock.at = storedClock();
            batch.onPrepareCommit(committing -> {
                if (clock.at != null) {
                    storeClock(clock.at);
                }
            });
            return clock;
        });
    }

    private Instant storedClock() {
        return jdbc.query("SELECT clock FROM detection_clock WHERE id = 1", (row, n) -> row.getTimestamp(1).toInstant())
                .stream().findFirst().orElse(null);
    }

    private void storeClock(Instant at) {
        jdbc.update("INSERT INTO detection_clock (id, clock) VALUES (1, ?) ON CONFLICT (id) DO UPDATE"
                + " SET clock = GREATEST(detection_clock.clock, EXCLUDED.clock)", column(at));
    }

    @Override
    public void admitted(String caseId, LocalDate on, String admissionType, String eventId) {
        fact(eventId, "Admission", caseId, on, admissionType);
    }

    @Override
    public Optional<String> admissionTypeOn(String caseId, LocalDate on) {
        return jdbc.query("SELECT detail FROM detection_case_fact WHERE case_id = ? AND kind = 'Admission'"
                        + " AND occurred_on <= ? ORDER BY occurred_on DESC, event_id DESC LIMIT 1",
                (row, n) -> row.getString(1), caseId, on).stream().findFirst();
    }

    @Override
    public void followUp(String caseId, String kind, LocalDate on, String eventId) {
        fact(eventId, kind, caseId, on, null);
    }

    private void fact(String eventId, String kind, String caseId, LocalDate on, String detail) {
        jdbc.update("INSERT INTO detection_case_fact (event_id, kind, case_id, occurred_on, detail) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", eventId, kind, caseId, on, detail);
    }

    @Override
    public boolean hasFollowUp(String caseId, String kind, LocalDate from, LocalDate to) {
        Boolean found = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM detection_case_fact WHERE case_id = ?"
                + " AND kind = ? AND occurred_on BETWEEN ? AND ?)", Boolean.class, caseId, kind, from, to);
        return Boolean.TRUE.equals(found);
    }

    @Override
    public List<LocalDate> factDates(String caseId, String kind, LocalDate from, LocalDate to) {
        return jdbc.query("SELECT occurred_on FROM detection_case_fact WHERE case_id = ? AND kind = ?"
                        + " AND occurred_on BETWEEN ? AND ? ORDER BY occurred_on, event_id",
                (row, n) -> row.getObject(1, LocalDate.class), caseId, kind, from, to);
    }

    @Override
    public void await(PendingAbsence a) {
        jdbc.update("INSERT INTO detection_absence (trigger_event_id, signal_code, follow_up_kind, case_id, occurred_on,"
                        + " window_end, deadline, municipality, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'WAITING')"
                        + " ON CONFLICT DO NOTHING",
                a.triggerEventId(), a.signalCode(), a.followUpKind(), a.caseId(), a.occurredOn(), a.windowEnd(),
                column(a.deadline()), a.municipality().value());
    }

    @Override
    public void answer(String caseId, String followUpKind, LocalDate on) {
        jdbc.update("UPDATE detection_absence SET status = 'ANSWERED' WHERE case_id = ? AND follow_up_kind = ?"
                + " AND status = 'WAITING' AND ? BETWEEN occurred_on AND window_end", caseId, followUpKind, on);
    }

    @Override
    public List<PendingAbsence> due(Instant clock) {
        return jdbc.query("SELECT * FROM detection_absence WHERE status = 'WAITING' AND deadline <= ?"
                        + " ORDER BY deadline, trigger_event_id, signal_code",
                (row, n) -> new PendingAbsence(row.getString("trigger_event_id"), row.getString("signal_code"),
                        row.getString("follow_up_kind"), row.getString("case_id"),
                        row.getObject("occurred_on", LocalDate.class), row.getObject("window_end", LocalDate.class),
                        row.getTimestamp("deadline").toInstant(), MunicipalityCode.of(row.getString("municipality"))),
                column(clock));
    }

    @Override
    public void fired(PendingAbsence absence) {
        jdbc.update("UPDATE detection_absence SET status = 'FIRED' WHERE trigger_event_id = ? AND signal_code = ?",
                absence.triggerEventId(), absence.signalCode());
    }

    @Override
    public Optional<String> household(String caseId) {
        return jdbc.query("SELECT household_id FROM detection_case_household WHERE case_id = ?",
                (row, n) -> row.getString(1), caseId).stream().findFirst();
    }

    @Override
    public void household(String caseId, String householdId) {
        if (householdId == null) {
            jdbc.update("DELETE FROM detection_case_household WHERE case_id = ?", caseId);
        } else {
            jdbc.update("INSERT INTO detection_case_household (case_id, household_id) VALUES (?, ?)"
                    + " ON CONFLICT (case_id) DO UPDATE SET household_id = EXCLUDED.household_id", caseId, householdId);
        }
    }
}
