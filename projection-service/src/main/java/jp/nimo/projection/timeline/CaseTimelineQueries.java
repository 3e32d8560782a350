package jp.nimo.projection.timeline;

import tools.jackson.databind.json.JsonMapper;
import jp.nimo.infra.crypto.PersonalData;
import jp.nimo.projection.shared.BundledLabels;
import jp.nimo.reference.EventKind;
import jp.nimo.reference.EventKindCatalogue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** Reads case timelines from the projection's tables, by index. */
@Component
public class CaseTimelineQueries {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final EventKindCatalogue catalogue;
    private final PersonalData personalData;
    private final BundledLabels labels;

    public CaseTimelineQueries(JdbcTemplate jdbc, JsonMapper json, EventKindCatalogue catalogue, PersonalData personalData,
                               BundledLabels labels) {
        this.labels = labels;
        this.personalData = personalData;
        this.jdbc = jdbc;
        this.json = json;
        this.catalogue = catalogue;
    }

    public Optional<CaseTimeline> timeline(String caseId) {
        List<CaseTimeline.Entry> entries = jdbc.query(
                "SELECT sequence, event_id, kind, occurred_on, recorded_at, recorded_by, organisation, profession,"
                        + " municipality, fields::text AS fields, personal::text AS personal, age_band"
                        + " FROM case_timeline_entry WHERE case_id = ? ORDER BY occurred_on, sequence",
                (row, n) -> new CaseTimeline.Entry(row.getLong("sequence"), row.getString("event_id"),
                        row.getString("kind"), label(row.getString("kind")), row.getObject("occurred_on", java.time.LocalDate.class),
                        row.getTimestamp("recorded_at").toInstant(),
                        new CaseTimeline.RecordedBy(row.getString("recorded_by"), row.getString("organisation"),
                                row.getString("profession")),
                        row.getString("municipality"), read(row.getString("fields")), read(row.getString("personal")),
                        row.getString("age_band")),
                caseId);
        return jdbc.query("SELECT case_id, organisation, municipality, age_band, closed, erased, household_id FROM case_file"
                        + " WHERE case_id = ?",
                (row, n) -> {
                    List<CaseTimeline.Entry> open = row.getBoolean("erased") ? null : readable(caseId, entries);
                    boolean erased = open == null;
                    return new CaseTimeline(row.getString("case_id"), row.getString("organisation"),
                            row.getString("municipality"), row.getString("age_band"), row.getBoolean("closed"), erased,
                            household(caseId, row.getString("household_id")), erased ? erasedEntries(entries) : open);
                },
                caseId).stream().findFirst();
    }

    /** The household and its other cases that an organisation of this case also holds (they may open those). */
    private CaseTimeline.Household household(String caseId, String householdId) {
        if (householdId == null) {
            return null;
        }
        List<String> others = jdbc.queryForList("SELECT DISTINCT f.case_id FROM case_file f"
                + " JOIN case_organisation o ON o.case_id = f.case_id"
                + " WHERE f.household_id = ? AND f.case_id <> ? AND o.organisation IN"
                + " (SELECT organisation FROM case_organisation WHERE case_id = ?) ORDER BY f.case_id", String.class,
                householdId, caseId, caseId);
        return new CaseTimeline.Household(householdId, others);
    }

    /** The entries with their personal fields decrypted, or null when the case's key is gone. */
    private List<CaseTimeline.Entry> readable(String caseId, List<CaseTimeline.Entry> sealed) {
        List<CaseTimeline.Entry> open = new java.util.ArrayList<>();
        for (CaseTimeline.Entry entry : sealed) {
            java.util.Map<String, String> personal = json.convertValue(entry.personal(),
                    new tools.jackson.core.type.TypeReference<java.util.Map<String, String>>() { });
            java.util.Optional<java.util.Map<String, String>> plain = personalData.open(caseId, personal);
            if (plain.isEmpty()) {
                return null;
            }
            open.add(entry.withPersonal(json.valueToTree(plain.get())));
        }
        return open;
    }

    private static List<CaseTimeline.Entry> erasedEntries(List<CaseTimeline.Entry> sealed) {
        return sealed.stream().map(e -> e.withPersonal(null)).toList();
    }

    /** A kind of the catalogue by its label there; the case's own lifecycle (CaseOpened …) from the bundle. */
    private String label(String kind) {
        return catalogue.kind(kind).map(EventKind::label).map(l -> l.ja())
                .orElseGet(() -> labels.japanese("cases.kind." + kind, kind));
    }

    private tools.jackson.databind.JsonNode read(String text) {
        return json.readTree(text);
    }
}
