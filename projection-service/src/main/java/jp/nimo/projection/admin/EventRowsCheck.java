package jp.nimo.projection.admin;

import jp.nimo.projection.admin.ReconciliationReport.Check;
import jp.nimo.projection.admin.ReconciliationReport.Difference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * A projection that keeps one row per event it handles, keyed by the event's aggregate and a key the row
 * carries (its sequence, its event id, its global index): per aggregate, the events up to the processor's
 * position against the rows that match them, and rows that match no event it has read. Events of other
 * types (or kinds) are ones the projection ignores; events parked in its dead-letter queue are counted
 * apart, and rows of events past the lowest position are neither expected nor unexpected.
 *
 * @param payloadTypes the event types the projection handles (empty: every event of the log)
 * @param kinds        for recorded case events, the kinds it keeps a row for (empty: every kind)
 * @param heldSql      a query giving the projection's rows as {@code (aggregate_id, key)}, the key as text
 */
public record EventRowsCheck(String processor, String name, String description, List<String> payloadTypes,
                             List<String> kinds, EventKey key, String heldSql) implements ProjectionCheck {

    /** How a row names its event: an expression over the event's row {@code e} and its payload's text {@code p.text}. */
    public record EventKey(String sql) {

        public static final EventKey SEQUENCE = new EventKey("e.sequencenumber::text");
        public static final EventKey GLOBAL_INDEX = new EventKey("e.globalindex::text");
        /** the event's own identifier, for events that are not an aggregate's (their aggregate is the event) */
        public static final EventKey EVENT_ID = new EventKey("e.eventidentifier");
        /** the {@code eventId} of a recorded case event's payload */
        public static final EventKey CASE_EVENT_ID = payload("eventId");

        /** A text field at the top of the payload. */
        public static EventKey payload(String field) {
            if (!field.matches("[A-Za-z]+")) {
                throw new IllegalArgumentException("not a payload field name: " + field);
            }
            return new EventKey("p.text::jsonb ->> '" + field + "'");
        }
    }

    /** The payload type names of a sealed event interface's records, as the store keeps them. */
    public static List<String> typesOf(Class<?>... eventTypes) {
        List<String> names = new ArrayList<>();
        for (Class<?> type : eventTypes) {
            Class<?>[] permitted = type.getPermittedSubclasses();
            if (permitted == null) {
                names.add(type.getName());
            } else {
                for (Class<?> subtype : permitted) {
                    names.add(subtype.getName());
                }
            }
        }
        return List.copyOf(names);
    }

    @Override
    public Check run(JdbcTemplate jdbc, ReadWindow window, int shown) {
        String parked = "EXISTS (SELECT 1 FROM deadletterentry d WHERE d.processinggroup = ?"
                + " AND d.eventidentifier = e.eventidentifier)";
        String sql = "WITH events AS ("
                + " SELECT e.aggregateidentifier AS aggregate_id, " + key.sql() + " AS key, " + parked + " AS parked,"
                + " (e.globalindex <= ? AND NOT (e.globalindex = ANY (?::bigint[]))) AS read"
                + " FROM domainevententry e CROSS JOIN LATERAL (SELECT convert_from(e.payload, 'UTF8') AS text) p"
                + " WHERE e.globalindex <= ?"
                + (payloadTypes.isEmpty() ? "" : " AND e.payloadtype = ANY (?::text[])")
                // the text test first: only payloads that name one of the kinds are parsed
                + (kinds.isEmpty() ? "" : " AND p.text LIKE ANY (?::text[]) AND p.text::jsonb ->> 'kind' = ANY (?::text[])")
                + "), compared AS (SELECT * FROM events WHERE read AND NOT parked),"
                + " held AS (" + heldSql + "),"
                + " expected AS (SELECT aggregate_id, count(*) AS n FROM compared GROUP BY aggregate_id),"
                + " found AS (SELECT h.aggregate_id, count(*) FILTER (WHERE e.read AND NOT e.parked) AS matched,"
                + " count(*) FILTER (WHERE e.aggregate_id IS NULL) AS unexpected"
                + " FROM held h LEFT JOIN events e ON e.aggregate_id = h.aggregate_id AND e.key = h.key"
                + " GROUP BY h.aggregate_id),"
                + " differences AS (SELECT coalesce(x.aggregate_id, f.aggregate_id) AS aggregate_id,"
                + " coalesce(x.n, 0) AS expected, coalesce(f.matched, 0) AS matched, coalesce(f.unexpected, 0) AS unexpected"
                + " FROM expected x FULL JOIN found f ON f.aggregate_id = x.aggregate_id"
                + " WHERE coalesce(x.n, 0) <> coalesce(f.matched, 0) OR coalesce(f.unexpected, 0) > 0),"
                + " shown AS (SELECT * FROM differences ORDER BY aggregate_id NULLS LAST LIMIT ?)"
                + " SELECT (SELECT count(*) FROM compared) AS compared,"
                + " (SELECT count(*) FROM events WHERE parked) AS parked,"
                + " (SELECT count(*) FROM differences) AS difference_count,"
                + " s.aggregate_id, s.expected, s.matched, s.unexpected"
                + " FROM (SELECT 1) one LEFT JOIN shown s ON TRUE ORDER BY s.aggregate_id NULLS LAST";
        List<Object> parameters = new ArrayList<>(List.of(window.processor(), window.lowest(), window.gapsArray(),
                window.highest()));
        if (!payloadTypes.isEmpty()) {
            parameters.add(textArray(payloadTypes));
        }
        if (!kinds.isEmpty()) {
            parameters.add(textArray(kinds.stream().map(kind -> "%\"" + kind + "\"%").toList()));
            parameters.add(textArray(kinds));
        }
        parameters.add(shown);
        long[] totals = new long[3];
        List<Difference> differences = new ArrayList<>();
        jdbc.query(sql, (RowCallbackHandler) row -> {
            totals[0] = row.getLong("compared");
            totals[1] = row.getLong("parked");
            totals[2] = row.getLong("difference_count");
            if (row.getObject("expected") != null) {
                long expected = row.getLong("expected");
                long matched = row.getLong("matched");
                long unexpected = row.getLong("unexpected");
                differences.add(new Difference(row.getString("aggregate_id"), expected, matched + unexpected,
                        expected - matched, unexpected));
            }
        }, parameters.toArray());
        return new Check(name, description, totals[0], totals[1], totals[2], differences);
    }

    /** A PostgreSQL array literal of texts, each quoted, for {@code ?::text[]}. */
    public static String textArray(List<String> values) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "" : ",").append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return text.append('}').toString();
    }
}
