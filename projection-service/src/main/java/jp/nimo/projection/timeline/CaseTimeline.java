package jp.nimo.projection.timeline;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A case's timeline as the case plane shows it: the case and its events in business order. After an
 * erasure {@code erased} is true and no entry carries personal data.
 */
public record CaseTimeline(String caseId, String organisation, String municipality, String ageBand, boolean closed,
                           boolean erased, List<Entry> entries) {

    public CaseTimeline withEntries(List<Entry> replaced) {
        return new CaseTimeline(caseId, organisation, municipality, ageBand, closed, erased, replaced);
    }

    /** One event: what, when it happened, when and by whom it was recorded, its fields and personal data. */
    public record Entry(long sequence, String eventId, String kind, String label, LocalDate occurredOn,
                        Instant recordedAt, RecordedBy recordedBy, String municipality, JsonNode fields,
                        JsonNode personal) {

        public Entry withPersonal(JsonNode replaced) {
            return new Entry(sequence, eventId, kind, label, occurredOn, recordedAt, recordedBy, municipality, fields,
                    replaced);
        }
    }

    public record RecordedBy(String user, String organisation, String profession) {
    }
}
