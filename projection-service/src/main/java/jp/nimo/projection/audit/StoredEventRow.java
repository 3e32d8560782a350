package jp.nimo.projection.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * An event's row in {@code domainevententry} exactly as stored: every column, the payload and
 * metadata as the bytes in the table, the timestamp as its text. Its hash covers all of them, so
 * that no edit of the row goes unnoticed, whatever the column.
 */
record StoredEventRow(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                      String type, String payloadType, String payloadRevision, String timestamp, byte[] payload,
                      byte[] metaData) {

    /** Names the encoding, so that a later version can change it without old hashes becoming ambiguous. */
    private static final byte[] ENCODING = "nimo-audit-chain/v1".getBytes(StandardCharsets.UTF_8);

    static final String COLUMNS = "globalindex, eventidentifier, aggregateidentifier, sequencenumber, type,"
            + " payloadtype, payloadrevision, timestamp, payload, metadata";

    static StoredEventRow of(ResultSet row) throws SQLException {
        return new StoredEventRow(row.getLong("globalindex"), row.getString("eventidentifier"),
                row.getString("aggregateidentifier"), row.getLong("sequencenumber"), row.getString("type"),
                row.getString("payloadtype"), row.getString("payloadrevision"), row.getString("timestamp"),
                row.getBytes("payload"), row.getBytes("metadata"));
    }

    /**
     * SHA-256 of the canonical encoding: each column in a fixed order, numbers as 8 bytes, texts as
     * UTF-8 and bytes as they are, each text or bytes after its length (-1 for null), so that no two
     * different rows encode alike.
     */
    String hash() {
        MessageDigest digest = sha256();
        bytes(digest, ENCODING);
        number(digest, globalIndex);
        text(digest, eventIdentifier);
        text(digest, aggregateIdentifier);
        number(digest, sequenceNumber);
        text(digest, type);
        text(digest, payloadType);
        text(digest, payloadRevision);
        text(digest, timestamp);
        bytes(digest, payload);
        bytes(digest, metaData);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The next link: SHA-256 of the previous link's bytes (32 zero bytes before the first) and this row's hash. */
    static String link(String previousLink, String rowHash) {
        MessageDigest digest = sha256();
        digest.update(previousLink == null ? new byte[32] : HexFormat.of().parseHex(previousLink));
        digest.update(HexFormat.of().parseHex(rowHash));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void number(MessageDigest digest, long value) {
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    private static void text(MessageDigest digest, String value) {
        bytes(digest, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(MessageDigest digest, byte[] value) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            digest.update(value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
