package jp.nimo.projection.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jp.nimo.infra.crypto.CaseKeys;
import jp.nimo.infra.crypto.MasterKey;
import jp.nimo.infra.crypto.PersonalData;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.SecretKey;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Fills the event store to a size the import would take too long to reach, with copies of imported cases
 * stored as the write side stores a case: a case identifier, event identifiers and a key of its own, the
 * personal fields sealed again under the copy's key and bound to the copy (they are bound to their case, so
 * a copied ciphertext would not open), and the time of storing. Only what the import writes itself is
 * copied (the cases' events and keys); the signals, candidates and read models of the copies are left to the
 * services' processors, which read the copies as they read any new events.
 */
final class CaseCopies {

    /**
     * Events appended per transaction, as the import commits its batches of 500 lines: a larger transaction
     * leaves as many gaps in the log for the processors that append meanwhile, and their tokens carry them all.
     */
    private static final int EVENTS_PER_COMMIT = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Callable<Connection> connections;
    private final JdbcTemplate jdbc;
    private final CachedKeys keys;
    private final PersonalData personalData;

    CaseCopies(Callable<Connection> connections, JdbcTemplate jdbc, String masterKeyBase64) {
        this.connections = connections;
        this.jdbc = jdbc;
        this.keys = new CachedKeys(jdbc, MasterKey.fromBase64(masterKeyBase64));
        this.personalData = new PersonalData(keys);
    }

    /** A stored event of a case, as it is copied; {@code eventId} is the case's own identifier of it, if any. */
    private record Row(long sequenceNumber, String type, String payloadType, String payloadRevision, byte[] payload,
                       byte[] metaData, String eventId) {
    }

    /** Which identifier of the copy stands for which of the original, and the copy's key and storing time. */
    private record Copy(String original, Map<String, String> ids, SecretKey key, String storedAt) {
    }

    /** The copies' case identifiers and how many events they hold. */
    record Filled(List<String> cases, long events) {
    }

    /** Copies the cases, round after round, until the store holds at least {@code target} events. */
    Filled fill(List<String> cases, long target) throws Exception {
        Map<String, List<Row>> sources = load(cases);
        List<String> copies = new ArrayList<>();
        long before = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        long stored = before;
        StringBuilder rows = new StringBuilder();
        Map<String, SecretKey> newKeys = new LinkedHashMap<>();
        int pending = 0;
        while (stored + pending < target) {
            Iterator<Map.Entry<String, List<Row>>> source = sources.entrySet().iterator();
            while (source.hasNext() && stored + pending < target) {
                Map.Entry<String, List<Row>> original = source.next();
                String caseId = UUID.randomUUID().toString();
                Copy copy = new Copy(original.getKey(), new HashMap<>(), keys.generate(), Instant.now().toString());
                // a signal's identifier is derived from its case event's own identifier: each copied event needs a new one
                copy.ids().put(original.getKey(), caseId);
                original.getValue().stream().filter(row -> row.eventId() != null)
                        .forEach(row -> copy.ids().put(row.eventId(), UUID.randomUUID().toString()));
                newKeys.put(caseId, copy.key());
                copies.add(caseId);
                for (Row row : original.getValue()) {
                    append(rows, caseId, row, rewrite(row.payload(), copy),
                            row.metaData() == null ? null : rewrite(row.metaData(), copy));
                    pending++;
                }
                if (pending >= EVENTS_PER_COMMIT) {
                    store(newKeys, rows);
                    stored += pending;
                    pending = 0;
                }
            }
        }
        if (pending > 0) {
            store(newKeys, rows);
            stored += pending;
        }
        return new Filled(copies, stored - before);
    }

    private Map<String, List<Row>> load(List<String> cases) throws Exception {
        Map<String, List<Row>> sources = new LinkedHashMap<>();
        cases.forEach(id -> sources.put(id, new ArrayList<>()));
        try (Connection c = connections.call(); PreparedStatement select = c.prepareStatement(
                "SELECT aggregateidentifier, sequencenumber, type, payloadtype, payloadrevision, payload, metadata"
                        + " FROM domainevententry WHERE aggregateidentifier = ANY (?) ORDER BY globalindex")) {
            select.setArray(1, c.createArrayOf("varchar", cases.toArray()));
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    byte[] payload = r.getBytes(6);
                    JsonNode eventId = JSON.readTree(payload).get("eventId");
                    sources.get(r.getString(1)).add(new Row(r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
                            payload, r.getBytes(7), eventId == null ? null : eventId.asText()));
                }
            }
        }
        return sources;
    }

    /** The copies' keys first, then their events, as a case's key is there before its first event is read. */
    private void store(Map<String, SecretKey> newKeys, StringBuilder rows) throws Exception {
        keys.storeAll(newKeys);
        try (Connection c = connections.call()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY domainevententry (aggregateidentifier, sequencenumber,"
                    + " type, eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp) FROM STDIN",
                    new StringReader(rows.toString()));
        }
        newKeys.clear();
        rows.setLength(0);
    }

    /** One row in COPY's text format: bytea as {@code \\x} hex, NULL as {@code \N}. */
    private static void append(StringBuilder rows, String caseId, Row row, byte[] payload, byte[] metaData) {
        rows.append(caseId).append('\t').append(row.sequenceNumber()).append('\t').append(text(row.type())).append('\t')
                .append(UUID.randomUUID()).append('\t').append(bytes(metaData)).append('\t').append(bytes(payload))
                .append('\t').append(text(row.payloadRevision())).append('\t').append(row.payloadType()).append('\t')
                .append(Instant.now()).append('\n');
    }

    private static String text(String value) {
        return value == null ? "\\N" : value;
    }

    private static String bytes(byte[] value) {
        return value == null ? "\\N" : "\\\\x" + HexFormat.of().formatHex(value);
    }

    /**
     * The JSON with the copy's identifiers for the original's, each sealed field sealed again for the copy, and
     * the copy's storing time as the time it was recorded.
     */
    private byte[] rewrite(byte[] json, Copy copy) throws Exception {
        return JSON.writeValueAsBytes(rewrite(JSON.readTree(json), null, copy));
    }

    private JsonNode rewrite(JsonNode node, String field, Copy copy) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> object.set(name, rewrite(object.get(name), name, copy)));
            return object;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, rewrite(node.get(i), field, copy));
            }
            return node;
        }
        if (node.isTextual()) {
            String text = node.asText();
            if (copy.ids().containsKey(text)) {
                return TextNode.valueOf(copy.ids().get(text));
            }
            if ("recordedAt".equals(field) || "openedAt".equals(field)) {
                return TextNode.valueOf(copy.storedAt());
            }
            if (text.startsWith(PersonalData.PREFIX) && field != null) {
                String plain = personalData.open(copy.original(), Map.of(field, text))
                        .orElseThrow(() -> new IllegalStateException("the key of case " + copy.original() + " is gone"))
                        .get(field);
                return TextNode.valueOf(personalData.seal(copy.ids().get(copy.original()), copy.key(), Map.of(field, plain))
                        .get(field));
            }
        }
        return node;
    }

    /** The originals' keys are read once each: every copy of a case opens its sealed fields with them. */
    private static final class CachedKeys extends CaseKeys {

        private final Map<String, Optional<SecretKey>> read = new HashMap<>();

        CachedKeys(JdbcTemplate jdbc, MasterKey master) {
            super(jdbc, master);
        }

        @Override
        public Optional<SecretKey> key(String caseId) {
            return read.computeIfAbsent(caseId, super::key);
        }
    }
}
