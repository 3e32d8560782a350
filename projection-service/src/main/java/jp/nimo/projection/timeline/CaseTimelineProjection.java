package jp.nimo.projection.timeline;

import jp.nimo.projection.shared.JsonColumns;
import jp.nimo.cases.CaseEvent.CaseErased;
import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import jp.nimo.cases.CaseEvent.OrganisationInvolved;
import jp.nimo.cases.CaseEvent.CaseOpened;
import jp.nimo.cases.CaseEvent.HouseholdJoined;
import jp.nimo.cases.CaseEvent.HouseholdLeft;
import jp.nimo.cases.CaseFact;
import jp.nimo.cases.CaseFact.CaseClosed;
import jp.nimo.cases.CaseFact.CaseReopened;
import jp.nimo.cases.CaseFacts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The case timeline (case plane): one row per case and one per event, written in the processor's
 * transaction together with its token, so each event is applied exactly once. Inserts ignore rows
 * that are already there, which keeps a redelivered batch harmless.
 */
@Component
@ProcessingGroup(CaseTimelineProjection.NAME)
public class CaseTimelineProjection {

    public static final String NAME = "case-timeline";

    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    public CaseTimelineProjection(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(CaseOpened event) {
        jdbc.update("INSERT INTO case_file (case_id, organisation, municipality, age_band, opened_at, opened_by, personal)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (case_id) DO NOTHING",
                event.caseId().value(), event.organisation(), event.municipality().value(),
                event.ageBand() == null ? null : event.ageBand().value(), Timestamp.from(event.openedAt()),
                event.openedBy().user(), json.write(event.personal()));
        jdbc.update("INSERT INTO case_organisation (case_id, organisation) VALUES (?, ?) ON CONFLICT DO NOTHING",
                event.caseId().value(), event.organisation());
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("municipality", event.municipality().value());
        if (event.ageBand() != null) {
            fields.put("ageBand", event.ageBand().value());
        }
        insertEntry(event.caseId().value(), 0, "opened-" + event.caseId().value(), "CaseOpened",
                java.time.LocalDate.ofInstant(event.openedAt(), jp.nimo.cases.RecordingWindow.JAPAN),
                event.openedAt(), event.openedBy(), event.municipality().value(), fields, event.personal());
    }

    @EventHandler
    void on(OrganisationInvolved event, @SequenceNumber long sequence) {
        jdbc.update("INSERT INTO case_organisation (case_id, organisation) VALUES (?, ?) ON CONFLICT DO NOTHING",
                event.caseId().value(), event.organisation());
        insertEntry(event.caseId().value(), sequence, "involved-" + sequence, "OrganisationInvolved",
                java.time.LocalDate.ofInstant(event.involvedAt(), jp.nimo.cases.RecordingWindow.JAPAN), event.involvedAt(),
                event.involvedBy(), currentMunicipality(event.caseId().value()), Map.of("organisation", event.organisation()),
                Map.of());
    }

    @EventHandler
    void on(CaseErased event, @SequenceNumber long sequence) {
        jdbc.update("UPDATE case_file SET erased = TRUE WHERE case_id = ?", event.caseId().value());
        insertEntry(event.caseId().value(), sequence, "erased-" + sequence,
                "CaseErased", java.time.LocalDate.ofInstant(event.erasedAt(), jp.nimo.cases.RecordingWindow.JAPAN),
                event.erasedAt(), event.erasedBy(), currentMunicipality(event.caseId().value()), Map.of(), Map.of());
    }

    @EventHandler
    void on(HouseholdJoined event, @SequenceNumber long sequence) {
        jdbc.update("UPDATE case_file SET household_id = ? WHERE case_id = ?", event.householdId(), event.caseId().value());
        insertEntry(event.caseId().value(), sequence, "household-" + sequence, "HouseholdJoined",
                java.time.LocalDate.ofInstant(event.joinedAt(), jp.nimo.cases.RecordingWindow.JAPAN), event.joinedAt(),
                event.joinedBy(), currentMunicipality(event.caseId().value()), Map.of("householdId", event.householdId()),
                Map.of());
    }

    @EventHandler
    void on(HouseholdLeft event, @SequenceNumber long sequence) {
        jdbc.update("UPDATE case_file SET household_id = NULL WHERE case_id = ? AND household_id = ?",
                event.caseId().value(), event.householdId());
        insertEntry(event.caseId().value(), sequence, "household-" + sequence, "HouseholdLeft",
                java.time.LocalDate.ofInstant(event.leftAt(), jp.nimo.cases.RecordingWindow.JAPAN), event.leftAt(),
                event.leftBy(), currentMunicipality(event.caseId().value()), Map.of("householdId", event.householdId()),
                Map.of());
    }

    private String currentMunicipality(String caseId) {
        return jdbc.queryForObject("SELECT municipality FROM case_file WHERE case_id = ?", String.class, caseId);
    }

    @EventHandler
    void on(CaseEventRecorded event) {
        insertEntry(event.caseId().value(), event.sequence(), event.eventId(), event.kind(), event.occurredOn(),
                event.recordedAt(), event.recordedBy(), event.municipality().value(), event.fields(), event.personal(),
                event.ageBand() == null ? null : event.ageBand().value());
        CaseFact fact = CaseFacts.decode(event);
        Boolean closed = fact instanceof CaseClosed ? Boolean.TRUE : fact instanceof CaseReopened ? Boolean.FALSE : null;
        jdbc.update("UPDATE case_file SET municipality = ?, closed = COALESCE(?, closed),"
                        + " last_sequence = GREATEST(last_sequence, ?) WHERE case_id = ?",
                event.municipality().value(), closed, event.sequence(), event.caseId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM case_timeline_entry");
        jdbc.update("DELETE FROM case_organisation");
        jdbc.update("DELETE FROM case_file");
    }

    private void insertEntry(String caseId, long sequence, String eventId, String kind, java.time.LocalDate occurredOn,
                             java.time.Instant recordedAt, jp.nimo.cases.RecordedBy by, String municipality,
                             Map<String, ?> fields, Map<String, String> personal) {
        insertEntry(caseId, sequence, eventId, kind, occurredOn, recordedAt, by, municipality, fields, personal, null);
    }

    private void insertEntry(String caseId, long sequence, String eventId, String kind, java.time.LocalDate occurredOn,
                             java.time.Instant recordedAt, jp.nimo.cases.RecordedBy by, String municipality,
                             Map<String, ?> fields, Map<String, String> personal, String ageBand) {
        jdbc.update("INSERT INTO case_timeline_entry (case_id, sequence, event_id, kind, occurred_on, recorded_at,"
                        + " recorded_by, organisation, profession, municipality, fields, personal, age_band)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?) ON CONFLICT DO NOTHING",
                caseId, sequence, eventId, kind, occurredOn, Timestamp.from(recordedAt), by.user(), by.organisation(),
                by.profession(), municipality, json.write(fields), json.write(personal), ageBand);
    }
}
