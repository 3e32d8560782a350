package jp.nimo.projection.timeline;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A case's timeline as the case plane shows it: the case and its events in business order. After an
 * erasure {@code erased} is true and no entry carries personal data. {@code household} is the household
 * the case counts as one of (null if none), with the other cases of it that the same organisations hold.
 */
public record CaseTimeline(String caseId, String organisation, String municipality, String ageBand, boolean closed,
                           boolean erased, Household household, List<Entry> entries) {

    public CaseTimeline withEntries(List<Entry> replaced) {
        return new CaseTimeline(caseId, organisation, municipality, ageBand, closed, erased, household, replaced);
    }

    /** An opaque household id and the household's other cases held by an organisation of this case. */
    public record Household(String householdId, List<String> otherCases) {
    }

    /** One event: what, when it happened, when and by whom it was recorded, its fields and personal data. */
    public record Entry(long sequence, String eventId, String kind, String label, LocalDate occurredOn,
                        Instant recordedAt, RecordedBy recordedBy, String municipality, JsonNode fields,
                        JsonNode personal, String ageBand) {

        public Entry withPersonal(JsonNode replaced) {
            return new Entry(sequence, eventId, kind, label, occurredOn, recordedAt, recordedBy, municipality, fields,
                    replaced, ageBand);
        }
    }

    public record RecordedBy(String user, String organisation, String profession) {
    }
}
