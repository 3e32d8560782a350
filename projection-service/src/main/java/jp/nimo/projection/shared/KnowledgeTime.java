package jp.nimo.projection.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Knowledge time: when Nimo learnt a fact (the event message's timestamp). Kept at PostgreSQL's
 * microsecond precision before any comparison, so that a time read back from a row or an answer
 * compares with the rows exactly as it did before it was stored.
 */
public final class KnowledgeTime {

    private KnowledgeTime() {
    }

    public static Instant of(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The value for a TIMESTAMPTZ parameter, independent of the JVM's time zone. */
    public static OffsetDateTime column(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant read(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
