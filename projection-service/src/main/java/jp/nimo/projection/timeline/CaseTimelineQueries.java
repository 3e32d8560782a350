package jp.nimo.projection.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.nimo.reference.EventKind;
import jp.nimo.reference.EventKindCatalogue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** Reads case timelines from the projection's tables, by index. */
@Component
public class CaseTimelineQueries {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final EventKindCatalogue catalogue;

    public CaseTimelineQueries(JdbcTemplate jdbc, ObjectMapper json, EventKindCatalogue catalogue) {
        this.jdbc = jdbc;
        this.json = json;
        this.catalogue = catalogue;
    }

    /** The organisation whose caseload holds the case, if the case exists. */
    public Optional<String> organisationOf(String caseId) {
        return jdbc.query("SELECT organisation FROM case_file WHERE case_id = ?",
                (row, n) -> row.getString(1), caseId).stream().findFirst();
    }

    public Optional<CaseTimeline> timeline(String caseId) {
        List<CaseTimeline.Entry> entries = jdbc.query(
                "SELECT sequence, event_id, kind, occurred_on, recorded_at, recorded_by, organisation, profession,"
                        + " municipality, fields::text AS fields, personal::text AS personal"
                        + " FROM case_timeline_entry WHERE case_id = ? ORDER BY occurred_on, sequence",
                (row, n) -> new CaseTimeline.Entry(row.getLong("sequence"), row.getString("event_id"),
                        row.getString("kind"), label(row.getString("kind")), row.getObject("occurred_on", java.time.LocalDate.class),
                        row.getTimestamp("recorded_at").toInstant(),
                        new CaseTimeline.RecordedBy(row.getString("recorded_by"), row.getString("organisation"),
                                row.getString("profession")),
                        row.getString("municipality"), read(row.getString("fields")), read(row.getString("personal"))),
                caseId);
        return jdbc.query("SELECT case_id, organisation, municipality, age_band, closed FROM case_file WHERE case_id = ?",
                (row, n) -> new CaseTimeline(row.getString("case_id"), row.getString("organisation"),
                        row.getString("municipality"), row.getString("age_band"), row.getBoolean("closed"), entries),
                caseId).stream().findFirst();
    }

    private String label(String kind) {
        if (kind.equals("CaseOpened")) {
            return "支援開始";
        }
        return catalogue.kind(kind).map(EventKind::label).map(l -> l.ja()).orElse(kind);
    }

    private com.fasterxml.jackson.databind.JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
