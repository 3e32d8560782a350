package jp.nimo.projection.admin;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions of a projection's tables. The live version is always in the public schema, where every
 * query, the backup and the migrations find it; a version being built has a schema of its own with the
 * same tables, constraints and indexes under the same names, so that moving it into place changes no name.
 */
@Component
public class ProjectionSchemas {

    private final JdbcTemplate jdbc;

    public ProjectionSchemas(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the version's schema with empty tables like the live ones; one left by an abandoned try goes first. */
    void create(VersionedProjection projection, int version) {
        String schema = projection.schema(version);
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        jdbc.execute("CREATE SCHEMA " + schema);
        for (String table : projection.tables()) {
            String live = "public." + table;
            String built = schema + "." + table;
            jdbc.execute("CREATE TABLE " + built + " (LIKE " + live + " INCLUDING ALL EXCLUDING INDEXES)");
            // LIKE would name the copied keys and indexes after the new table; these keep the live names
            jdbc.query("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = ?::regclass"
                            + " AND contype IN ('p', 'u', 'x') ORDER BY conname",
                    row -> {
                        jdbc.execute("ALTER TABLE " + built + " ADD CONSTRAINT " + quote(row.getString(1)) + " "
                                + row.getString(2));
                    }, live);
            jdbc.query("SELECT pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                            + " WHERE x.indrelid = ?::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
                            + " WHERE c.conrelid = x.indrelid AND c.conindid = x.indexrelid) ORDER BY i.relname",
                    row -> {
                        jdbc.execute(onTable(row.getString(1), table, built));
                    }, live);
        }
    }

    /** Brings the planner's statistics of a version being built up to date before it goes live. */
    void analyze(VersionedProjection projection, int version) {
        for (String table : projection.tables()) {
            jdbc.execute("ANALYZE " + projection.schema(version) + "." + table);
        }
    }

    /**
     * Drops the live tables and moves the version's in their place, within the caller's transaction: a
     * reader sees either version whole, never one being emptied.
     */
    void makeLive(VersionedProjection projection, int version) {
        String schema = projection.schema(version);
        jdbc.execute("LOCK TABLE " + String.join(", ", projection.tables().stream().map(t -> "public." + t).toList())
                + " IN ACCESS EXCLUSIVE MODE");
        for (String table : projection.tables()) {
            jdbc.execute("DROP TABLE public." + table);
            jdbc.execute("ALTER TABLE " + schema + "." + table + " SET SCHEMA public");
        }
        jdbc.execute("DROP SCHEMA " + schema);
    }

    /** Drops a version that will not go live. */
    void drop(VersionedProjection projection, int version) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + projection.schema(version) + " CASCADE");
    }

    private static final Pattern TABLE = Pattern.compile(" ON (ONLY )?(?:public\\.)?(\\S+) USING ");

    /** An index definition of a live table, made to create the same index on the version's table. */
    static String onTable(String definition, String table, String built) {
        Matcher matcher = TABLE.matcher(definition);
        if (!matcher.find() || !matcher.group(2).equals(table)) {
            throw new IllegalStateException("unexpected index definition of " + table + ": " + definition);
        }
        String only = matcher.group(1) == null ? "" : matcher.group(1);
        return definition.substring(0, matcher.start()) + " ON " + only + built + " USING "
                + definition.substring(matcher.end());
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
