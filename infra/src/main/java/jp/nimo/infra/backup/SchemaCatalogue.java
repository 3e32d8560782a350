package jp.nimo.infra.backup;

import org.flywaydb.core.api.MigrationVersion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tables, columns, foreign keys and sequences of the connection's current schema, read from the
 * PostgreSQL catalogue so that a table a later migration adds is backed up without anyone listing it.
 */
final class SchemaCatalogue {

    static final String SCHEMA_HISTORY = "flyway_schema_history";

    private final Map<String, List<String>> columns;
    private final Map<String, Set<String>> parents;
    private final List<String> sequences;

    private SchemaCatalogue(Map<String, List<String>> columns, Map<String, Set<String>> parents, List<String> sequences) {
        this.columns = columns;
        this.parents = parents;
        this.sequences = sequences;
    }

    static SchemaCatalogue read(Connection connection) throws SQLException {
        Map<String, List<String>> columns = new TreeMap<>();
        query(connection, "SELECT c.relname, a.attname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
                // generated columns are computed again on the way in and COPY refuses them
                + " AND a.attgenerated = ''"
                + " WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname, a.attnum",
                rows -> columns.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2)));
        Map<String, Set<String>> parents = new HashMap<>();
        query(connection, "SELECT c.relname, p.relname FROM pg_constraint k"
                + " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE k.contype = 'f' AND n.nspname = current_schema()",
                rows -> parents.computeIfAbsent(rows.getString(1), t -> new HashSet<>()).add(rows.getString(2)));
        List<String> sequences = new ArrayList<>();
        query(connection, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = current_schema() AND c.relkind = 'S' ORDER BY c.relname",
                rows -> sequences.add(rows.getString(1)));
        return new SchemaCatalogue(columns, parents, sequences);
    }

    /** Every table but Flyway's history, which Flyway writes itself on restore. */
    List<String> dataTables() {
        return columns.keySet().stream().filter(table -> !table.equals(SCHEMA_HISTORY)).toList();
    }

    boolean has(String table) {
        return columns.containsKey(table);
    }

    List<String> columns(String table) {
        return columns.get(table);
    }

    List<String> sequences() {
        return sequences;
    }

    /** The tables in an order in which each comes after the tables its foreign keys point to. */
    List<String> parentsFirst(List<String> tables) {
        Set<String> wanted = new HashSet<>(tables);
        Set<String> ordered = new LinkedHashSet<>();
        Set<String> visiting = new HashSet<>();
        for (String table : tables) {
            visit(table, wanted, ordered, visiting);
        }
        return List.copyOf(ordered);
    }

    private void visit(String table, Set<String> wanted, Set<String> ordered, Set<String> visiting) {
        if (ordered.contains(table) || !visiting.add(table)) {
            // a table that points to itself, or a cycle, has to be loaded as one: its order does not matter
            return;
        }
        for (String parent : parents.getOrDefault(table, Set.of())) {
            if (wanted.contains(parent) && !parent.equals(table)) {
                visit(parent, wanted, ordered, visiting);
            }
        }
        visiting.remove(table);
        ordered.add(table);
    }

    /** The newest version Flyway applied successfully, if the schema has a history. */
    Optional<String> schemaVersion(Connection connection) throws SQLException {
        if (!has(SCHEMA_HISTORY)) {
            return Optional.empty();
        }
        List<String> versions = new ArrayList<>();
        query(connection, "SELECT version FROM " + quote(SCHEMA_HISTORY) + " WHERE success AND version IS NOT NULL",
                rows -> versions.add(rows.getString(1)));
        return versions.stream().max(Comparator.comparing(MigrationVersion::fromVersion));
    }

    static Map<String, Long> counts(Connection connection, List<String> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            query(connection, "SELECT count(*) FROM " + quote(table), rows -> counts.put(table, rows.getLong(1)));
        }
        return counts;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(SchemaCatalogue::quote).toList());
    }

    interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    static void query(Connection connection, String sql, RowReader reader) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }
}
