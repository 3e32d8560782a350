package jp.nimo.projection.indicators;

import jp.nimo.projection.shared.KnowledgeTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the indicator projection remembers of each case (case plane, never served): its admissions and
 * discharges, the events later events are judged against, and who was already counted this year. One
 * segment sees all the events of a case, in order, so these rows are never written by two segments.
 */
@Component
public class IndicatorCaseMemory {

    public record Admission(String eventId, LocalDate admittedOn, String admissionType, String municipality,
                            Instant recordedAt) {
    }

    public record Discharge(String eventId, LocalDate dischargedOn, String municipality, Instant recordedAt,
                            String destination, LocalDate admittedOn, boolean involuntary, boolean longStay,
                            boolean supported, Instant withoutEffectiveAt) {
    }

    private final JdbcTemplate jdbc;

    public IndicatorCaseMemory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void admitted(String caseId, Admission admission) {
        jdbc.update("INSERT INTO indicator_admission (event_id, case_id, admitted_on, admission_type, municipality,"
                        + " recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                admission.eventId(), caseId, admission.admittedOn(), admission.admissionType(), admission.municipality(),
                KnowledgeTime.column(admission.recordedAt()));
    }

    /** The stay a discharge on that date ends: the latest admission on or before it not yet ended. */
    public Optional<Admission> openAdmissionOn(String caseId, LocalDate on) {
        return jdbc.query("SELECT event_id, admitted_on, admission_type, municipality, recorded_at FROM indicator_admission"
                        + " WHERE case_id = ? AND admitted_on <= ? AND discharge_event_id IS NULL"
                        + " ORDER BY admitted_on DESC, recorded_at DESC, event_id DESC LIMIT 1",
                (row, n) -> new Admission(row.getString("event_id"), row.getObject("admitted_on", LocalDate.class),
                        row.getString("admission_type"), row.getString("municipality"),
                        KnowledgeTime.read(row, "recorded_at")),
                caseId, on).stream().findFirst();
    }

    public void ended(String admissionEventId, String dischargeEventId) {
        jdbc.update("UPDATE indicator_admission SET discharge_event_id = ? WHERE event_id = ?", dischargeEventId,
                admissionEventId);
    }

    public void discharged(String caseId, Discharge d, String admissionEventId) {
        jdbc.update("INSERT INTO indicator_discharge (event_id, case_id, discharged_on, municipality, recorded_at,"
                        + " destination, admission_event_id, admitted_on, involuntary, long_stay, supported,"
                        + " without_effective_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                d.eventId(), caseId, d.dischargedOn(), d.municipality(), KnowledgeTime.column(d.recordedAt()),
                d.destination(), admissionEventId, d.admittedOn(), d.involuntary(), d.longStay(), d.supported(),
                KnowledgeTime.column(d.withoutEffectiveAt()));
    }

    private static final String DISCHARGE_COLUMNS = "event_id, discharged_on, municipality, recorded_at, destination,"
            + " admitted_on, involuntary, long_stay, supported, without_effective_at";

    private static Discharge discharge(java.sql.ResultSet row) throws java.sql.SQLException {
        return new Discharge(row.getString("event_id"), row.getObject("discharged_on", LocalDate.class),
                row.getString("municipality"), KnowledgeTime.read(row, "recorded_at"), row.getString("destination"),
                row.getObject("admitted_on", LocalDate.class), row.getBoolean("involuntary"), row.getBoolean("long_stay"),
                row.getBoolean("supported"), KnowledgeTime.read(row, "without_effective_at"));
    }

    /** The case's latest discharge on or before the date. */
    public Optional<Discharge> latestDischargeOn(String caseId, LocalDate on) {
        return jdbc.query("SELECT " + DISCHARGE_COLUMNS + " FROM indicator_discharge WHERE case_id = ?"
                        + " AND discharged_on <= ? ORDER BY discharged_on DESC, recorded_at DESC, event_id DESC LIMIT 1",
                (row, n) -> discharge(row), caseId, on).stream().findFirst();
    }

    /** Discharges after an involuntary admission, not yet followed by support, whose 30 days contain the date. */
    public List<Discharge> awaitingSupportOn(String caseId, LocalDate on, int days) {
        return jdbc.query("SELECT " + DISCHARGE_COLUMNS + " FROM indicator_discharge WHERE case_id = ? AND involuntary"
                        + " AND NOT supported AND discharged_on <= ? AND discharged_on >= ? ORDER BY discharged_on, event_id",
                (row, n) -> discharge(row), caseId, on, on.minusDays(days));
    }

    public void supported(String dischargeEventId) {
        jdbc.update("UPDATE indicator_discharge SET supported = TRUE WHERE event_id = ?", dischargeEventId);
    }

    /** Discharges not yet known to end a long stay, of a stay that contains the date. */
    public List<Discharge> dischargesOfStayContaining(String caseId, LocalDate on) {
        return jdbc.query("SELECT " + DISCHARGE_COLUMNS + " FROM indicator_discharge WHERE case_id = ? AND NOT long_stay"
                        + " AND admitted_on <= ? AND discharged_on >= ? ORDER BY discharged_on, event_id",
                (row, n) -> discharge(row), caseId, on, on);
    }

    public void endedLongStay(String dischargeEventId) {
        jdbc.update("UPDATE indicator_discharge SET long_stay = TRUE WHERE event_id = ?", dischargeEventId);
    }

    public void event(String caseId, String eventId, String kind, LocalDate on, Instant recordedAt) {
        jdbc.update("INSERT INTO indicator_case_event (event_id, case_id, kind, occurred_on, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", eventId, caseId, kind, on, KnowledgeTime.column(recordedAt));
    }

    public boolean hasEvent(String caseId, String kind, LocalDate from, LocalDate to) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM indicator_case_event"
                + " WHERE case_id = ? AND kind = ? AND occurred_on BETWEEN ? AND ?)", Boolean.class, caseId, kind, from, to));
    }

    /** Counts a person once per fiscal year and municipality: true the first time. */
    public boolean firstMark(String caseId, String mark, int fiscalYear, String municipality) {
        return jdbc.update("INSERT INTO indicator_case_mark (case_id, mark, fiscal_year, municipality)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", caseId, mark, fiscalYear, municipality) == 1;
    }

    /** The ten-year age band the case was opened with (null where none was recorded). */
    public void ageBand(String caseId, String ageBand) {
        jdbc.update("INSERT INTO indicator_case_age (case_id, age_band) VALUES (?, ?) ON CONFLICT DO NOTHING",
                caseId, ageBand);
    }

    public Optional<String> ageBandOf(String caseId) {
        return jdbc.query("SELECT age_band FROM indicator_case_age WHERE case_id = ?", (row, n) -> row.getString(1),
                caseId).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** The case's first admission dated after the date. */
    public Optional<Admission> firstAdmissionAfter(String caseId, LocalDate after) {
        return jdbc.query("SELECT event_id, admitted_on, admission_type, municipality, recorded_at FROM indicator_admission"
                        + " WHERE case_id = ? AND admitted_on > ? ORDER BY admitted_on, event_id LIMIT 1",
                (row, n) -> new Admission(row.getString("event_id"), row.getObject("admitted_on", LocalDate.class),
                        row.getString("admission_type"), row.getString("municipality"),
                        KnowledgeTime.read(row, "recorded_at")), caseId, after).stream().findFirst();
    }

    public void clear() {
        jdbc.update("DELETE FROM indicator_case_age");
        jdbc.update("DELETE FROM indicator_admission");
        jdbc.update("DELETE FROM indicator_discharge");
        jdbc.update("DELETE FROM indicator_case_event");
        jdbc.update("DELETE FROM indicator_case_mark");
    }
}
