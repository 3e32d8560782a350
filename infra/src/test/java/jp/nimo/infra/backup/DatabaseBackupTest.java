package jp.nimo.infra.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.nimo.infra.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backup and restore on real PostgreSQL: a database with rows in Axon's tables and Nimo's own is backed
 * up and restored into a fresh database row for row; a target with events, a damaged file and a manifest
 * that does not match its data are turned away, and leave the target as it was.
 */
class DatabaseBackupTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestDatabase source;
    private static JdbcTemplate sourceJdbc;

    @TempDir
    Path directory;

    @BeforeAll
    static void aDatabaseWithAHistory() {
        source = TestDatabase.isolated();
        Flyway.configure().dataSource(source.url(), source.user(), source.password()).locations("classpath:db/migration")
                .load().migrate();
        sourceJdbc = jdbc(source);
        for (int event = 0; event < 3; event++) {
            sourceJdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,"
                            + " metadata, payload, payloadtype, timestamp) VALUES (?, ?, 'SupportCase', ?, ?, ?, ?, ?)",
                    "case-meguro-101", event, "event-" + event, "{\"user\":\"worker-meguro\"}".getBytes(StandardCharsets.UTF_8),
                    ("{\"kind\":\"RentalRefused\",\"note\":\"家主に断られた " + event + "\"}").getBytes(StandardCharsets.UTF_8),
                    "jp.nimo.cases.CaseEventRecorded", "2024-05-0" + (event + 1) + "T09:00:00Z");
        }
        // a gap in the log, as a rolled-back append leaves one: the sequence must not go back to fill it
        sourceJdbc.queryForObject("SELECT nextval('domainevententry_globalindex_seq')", Long.class);
        sourceJdbc.update("INSERT INTO tokenentry (processorname, segment, token, tokentype, timestamp, owner)"
                + " VALUES ('case-timeline', 0, ?, 'org.axonframework.eventhandling.GlobalSequenceTrackingToken',"
                + " '2024-05-03T09:00:00Z', NULL)", "{\"globalIndex\":3}".getBytes(StandardCharsets.UTF_8));
        sourceJdbc.update("INSERT INTO idempotency_record (principal, idempotency_key, request_hash, response_status,"
                + " response_body) VALUES ('worker-meguro', 'key-1', ?, 201, '{\"caseId\":\"case-meguro-101\"}')", "a".repeat(64));
        sourceJdbc.update("INSERT INTO case_key (case_id, wrapped_key) VALUES ('case-meguro-101', ?)", (Object) new byte[]{1, 2, 3, 0, -1});
        sourceJdbc.update("INSERT INTO case_key (case_id, wrapped_key, destroyed_at) VALUES ('case-erased', NULL, now())");
        sourceJdbc.update("INSERT INTO case_access_log (accessed_at, username, organisation, role, case_id, action, basis, reason)"
                + " VALUES (now(), 'worker-meguro', 'meguro-ward', 'WORKER', 'case-meguro-101', 'READ', 'ORGANISATION_INVOLVED', NULL)");
        sourceJdbc.update("INSERT INTO issue_board_version (issue_id, last_sequence, recorded_from, title, category, area_level,"
                + " municipality, population, state, open, origin, raised_at, signals, distinct_cases, first_on,"
                + " last_decision_at, updated_at) VALUES ('issue-1', 0, now(), '精神障害のある人の住まいの確保', 'C04',"
                + " 'MUNICIPALITY', '13110', 'ALL', 'RAISED', true, 'PRACTITIONER_REPORT', now(), 3, 2, DATE '2024-05-01',"
                + " now(), now())");
        sourceJdbc.update("INSERT INTO issue_target_version (issue_id, indicator, fiscal_year, last_sequence, recorded_from,"
                + " unit, direction, baseline, target) VALUES ('issue-1', 'RENTAL_REFUSALS', 2024, 4, now(), 'cases',"
                + " 'DECREASE', 12.5, 6)");
        sourceJdbc.update("INSERT INTO issue_plan (issue_id, sequence, recorded_at, planned_on, roles, milestones) VALUES"
                + " ('issue-1', 4, now(), DATE '2024-07-10', '[{\"organisation\":\"setagaya-realtors-association\"}]'::jsonb,"
                + " '[{\"due\":\"2024-12-31\",\"title\":\"生活サポートシートの試行\"}]'::jsonb)");
        sourceJdbc.update("INSERT INTO detection_clock (id, clock) VALUES (1, now())");
        sourceJdbc.update("INSERT INTO audit_chain (chain_position, global_index, event_identifier, row_hash, chain_hash)"
                + " VALUES (1, 1, 'event-0', ?, ?)", "b".repeat(64), "c".repeat(64));
    }

    /** The version of the newest migration shipped, which a freshly migrated database is at. */
    private static int latestMigration() throws IOException {
        int latest = 0;
        for (org.springframework.core.io.Resource migration : new org.springframework.core.io.support
                .PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*__*.sql")) {
            String name = migration.getFilename();
            latest = Math.max(latest, Integer.parseInt(name.substring(1, name.indexOf("__"))));
        }
        assertThat(latest).as("migrations found").isPositive();
        return latest;
    }

    @Test
    void aRestoreIntoAFreshDatabaseEqualsTheOriginalRowForRow() throws IOException {
        Path file = directory.resolve("nimo.backup");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int backedUp = DatabaseBackupMain.run(new String[]{"backup", file.toString()}, environment(source), print(out), print(new ByteArrayOutputStream()));
        assertThat(backedUp).isEqualTo(DatabaseBackupMain.OK);
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .contains(file.toString(), "rows", "bytes", "schema version " + latestMigration(), "master key", "not in the backup")
                .containsPattern(" \\d+ tables, 13 rows, \\d+ bytes");
        assertThat(directory).isDirectoryContaining(path -> path.equals(file)).isDirectoryNotContaining(path -> path.toString().endsWith(".partial"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        TestDatabase target = TestDatabase.isolated();
        out.reset();
        int restored = DatabaseBackupMain.run(new String[]{"restore", file.toString()}, environment(target), print(out), print(new ByteArrayOutputStream()));
        assertThat(restored).isEqualTo(DatabaseBackupMain.OK);
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .contains("13 rows", "schema version " + latestMigration(), "master key");

        JdbcTemplate restoredJdbc = jdbc(target);
        Map<String, List<String>> original = everyRow(sourceJdbc);
        assertThat(original.get("domainevententry")).hasSize(3);
        assertThat(original.get("issue_plan")).singleElement().asString().contains("生活サポートシートの試行");
        assertThat(everyRow(restoredJdbc)).isEqualTo(original);
        assertThat(schemaHistory(restoredJdbc)).isEqualTo(schemaHistory(sourceJdbc));
        // the next event goes after the gap, as it would have on the original
        assertThat(restoredJdbc.queryForObject("SELECT nextval('domainevententry_globalindex_seq')", Long.class)).isEqualTo(5L);
        assertThat(restoredJdbc.queryForObject("SELECT nextval('case_access_log_id_seq')", Long.class)).isEqualTo(2L);
    }

    @Test
    void aDatabaseWhereNimoStartedButStoredNoEventTakesTheBackupInPlaceOfWhatItsServicesLeft() {
        Path file = directory.resolve("nimo.backup");
        new DatabaseBackup(sourceJdbc.getDataSource()).backup(file);
        TestDatabase started = TestDatabase.isolated();
        Flyway.configure().dataSource(started.url(), started.user(), started.password()).locations("classpath:db/migration")
                .load().migrate();
        JdbcTemplate startedJdbc = jdbc(started);
        startedJdbc.update("INSERT INTO tokenentry (processorname, segment, owner) VALUES ('case-timeline', 0, 'node-1')");
        startedJdbc.update("INSERT INTO detection_clock (id, clock) VALUES (1, now())");

        assertThat(new DatabaseBackup(startedJdbc.getDataSource()).restore(file).rows()).isEqualTo(13);

        assertThat(everyRow(startedJdbc)).isEqualTo(everyRow(sourceJdbc));
    }

    @Test
    void aRestoreIntoADatabaseWithEventsIsRefusedAndChangesNothing() {
        Path file = directory.resolve("nimo.backup");
        new DatabaseBackup(sourceJdbc.getDataSource()).backup(file);
        Map<String, List<String>> before = everyRow(sourceJdbc);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DatabaseBackupMain.run(new String[]{"restore", file.toString()}, environment(source), print(new ByteArrayOutputStream()), print(err));

        assertThat(exit).isEqualTo(DatabaseBackupMain.NOT_EMPTY);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString().contains("not empty", "event store");
        assertThat(everyRow(sourceJdbc)).isEqualTo(before);
    }

    @Test
    void aRestoreIntoADatabaseWithOtherTablesIsRefusedAndChangesNothing() {
        Path file = directory.resolve("nimo.backup");
        new DatabaseBackup(sourceJdbc.getDataSource()).backup(file);
        TestDatabase other = TestDatabase.isolated();
        JdbcTemplate otherJdbc = jdbc(other);
        otherJdbc.execute("CREATE TABLE rental_listing (id INTEGER PRIMARY KEY, municipality CHAR(5))");
        otherJdbc.update("INSERT INTO rental_listing VALUES (1, '13110')");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DatabaseBackupMain.run(new String[]{"restore", file.toString()}, environment(other), print(new ByteArrayOutputStream()), print(err));

        assertThat(exit).isEqualTo(DatabaseBackupMain.NOT_EMPTY);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not empty", "rental_listing");
        assertThat(everyRow(otherJdbc)).isEqualTo(Map.of("rental_listing", List.of("(1,13110)")));
    }

    @Test
    void aBackupWithADamagedTableIsRefusedBeforeTheTargetIsTouched() throws IOException {
        Path file = directory.resolve("nimo.backup");
        new DatabaseBackup(sourceJdbc.getDataSource()).backup(file);
        Path damaged = rewrite(file, "tables/domainevententry.copy", data -> {
            // one byte of the last event row changes; the zip itself stays well-formed
            byte[] changed = data.clone();
            changed[changed.length - 40] ^= 0x01;
            return changed;
        });
        TestDatabase target = TestDatabase.isolated();

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DatabaseBackupMain.run(new String[]{"restore", damaged.toString()}, environment(target), print(new ByteArrayOutputStream()), print(err));

        assertThat(exit).isEqualTo(DatabaseBackupMain.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .contains("checksum of table domainevententry does not match");
        assertThat(tables(jdbc(target))).isEmpty();
    }

    @Test
    void aRestoreThatFailsHalfWayLeavesTheTargetWithoutEvenTheSchema() throws IOException {
        Path file = directory.resolve("nimo.backup");
        new DatabaseBackup(sourceJdbc.getDataSource()).backup(file);
        // the data is intact, so the restore gets as far as copying it; the counts then disagree
        Path tampered = rewrite(file, BackupManifest.ENTRY, manifest -> {
            try {
                ObjectNode json = (ObjectNode) JSON.readTree(manifest);
                json.get("tables").forEach(table -> {
                    if (table.get("name").asText().equals("tokenentry")) {
                        ((ObjectNode) table).put("rows", 2);
                    }
                });
                return JSON.writeValueAsBytes(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        TestDatabase target = TestDatabase.isolated();

        assertThatThrownBy(() -> new DatabaseBackup(jdbc(target).getDataSource()).restore(tampered))
                .isInstanceOf(BackupRejected.class)
                .hasMessageContaining("tokenentry: 1 rows copied, the manifest says 2");
        assertThat(tables(jdbc(target))).isEmpty();

        // the same database then takes the intact backup
        assertThat(new DatabaseBackup(jdbc(target).getDataSource()).restore(file).rows()).isEqualTo(13);
        assertThat(everyRow(jdbc(target))).isEqualTo(everyRow(sourceJdbc));
    }

    @Test
    void rowsCommittedWhileTheBackupRunsAreInNoTableOfIt() {
        TestDatabase busy = TestDatabase.isolated();
        Flyway.configure().dataSource(busy.url(), busy.user(), busy.password()).locations("classpath:db/migration").load().migrate();
        JdbcTemplate busyJdbc = jdbc(busy);
        insertEvent(busyJdbc, "event-before");
        // another writer commits an event and a token once the first table is copied, before the others are
        AtomicBoolean written = new AtomicBoolean();
        DataSource meanwhile = new WritingAfterTheFirstCopy(busyJdbc.getDataSource(), () -> {
            if (written.compareAndSet(false, true)) {
                insertEvent(busyJdbc, "event-during");
                busyJdbc.update("INSERT INTO tokenentry (processorname, segment, owner) VALUES ('case-timeline', 0, 'node-1')");
            }
        });
        Path file = directory.resolve("nimo.backup");

        DatabaseBackup.Summary summary = new DatabaseBackup(meanwhile).backup(file);

        assertThat(written).isTrue();
        assertThat(busyJdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class)).isEqualTo(2);
        assertThat(summary.rows()).isEqualTo(1);
        TestDatabase target = TestDatabase.isolated();
        new DatabaseBackup(jdbc(target).getDataSource()).restore(file);
        assertThat(jdbc(target).queryForList("SELECT eventidentifier FROM domainevententry", String.class)).containsExactly("event-before");
        assertThat(jdbc(target).queryForObject("SELECT count(*) FROM tokenentry", Long.class)).isZero();
    }

    @Test
    void aFailedBackupLeavesNoFileBehind() {
        TestDatabase empty = TestDatabase.isolated();
        Path file = directory.resolve("nimo.backup");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = DatabaseBackupMain.run(new String[]{"backup", file.toString()}, environment(empty), print(new ByteArrayOutputStream()), print(err));

        assertThat(exit).isEqualTo(DatabaseBackupMain.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString().contains("no Nimo schema");
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void usageErrorsExitWithTwo() {
        Path missing = directory.resolve("missing.backup");
        Map<String, String> environment = environment(source);
        assertThat(DatabaseBackupMain.run(new String[]{}, environment, print(new ByteArrayOutputStream()), print(new ByteArrayOutputStream())))
                .isEqualTo(DatabaseBackupMain.USAGE);
        assertThat(DatabaseBackupMain.run(new String[]{"dump", missing.toString()}, environment, print(new ByteArrayOutputStream()), print(new ByteArrayOutputStream())))
                .isEqualTo(DatabaseBackupMain.USAGE);
        assertThat(DatabaseBackupMain.run(new String[]{"restore", missing.toString()}, environment, print(new ByteArrayOutputStream()), print(new ByteArrayOutputStream())))
                .isEqualTo(DatabaseBackupMain.USAGE);
        assertThat(DatabaseBackupMain.run(new String[]{"backup", missing.toString()}, Map.of(), print(new ByteArrayOutputStream()), print(new ByteArrayOutputStream())))
                .isEqualTo(DatabaseBackupMain.USAGE);
        assertThat(directory).isEmptyDirectory();
    }

    private static void insertEvent(JdbcTemplate jdbc, String eventIdentifier) {
        jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, eventidentifier, payload, payloadtype,"
                + " timestamp) VALUES (?, 0, ?, ?, 'jp.nimo.cases.CaseOpened', '2024-05-01T09:00:00Z')",
                eventIdentifier, eventIdentifier, "{}".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A data source whose connections run {@code afterFirstCopy} when the first COPY of a backup is done:
     * the moment between two tables' copies, made to happen every time.
     */
    private static final class WritingAfterTheFirstCopy extends AbstractDataSource {

        private final DataSource target;
        private final Runnable afterFirstCopy;

        WritingAfterTheFirstCopy(DataSource target, Runnable afterFirstCopy) {
            this.target = target;
            this.afterFirstCopy = afterFirstCopy;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = target.getConnection();
            CopyManager copy = new CopyManager(connection.unwrap(BaseConnection.class)) {
                @Override
                public long copyOut(String sql, OutputStream to) throws SQLException, IOException {
                    long rows = super.copyOut(sql, to);
                    afterFirstCopy.run();
                    return rows;
                }
            };
            PGConnection pg = (PGConnection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{PGConnection.class},
                    (proxy, method, arguments) -> method.getName().equals("getCopyAPI") ? copy
                            : invoke(method, connection.unwrap(PGConnection.class), arguments));
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, arguments) -> method.getName().equals("unwrap") && arguments[0] == PGConnection.class ? pg
                            : invoke(method, connection, arguments));
        }

        @Override
        public Connection getConnection(String username, String password) {
            throw new UnsupportedOperationException();
        }

        private static Object invoke(Method method, Object target, Object[] arguments) throws Throwable {
            try {
                return method.invoke(target, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private static JdbcTemplate jdbc(TestDatabase database) {
        return new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), database.url(), database.user(), database.password()));
    }

    private static Map<String, String> environment(TestDatabase database) {
        Map<String, String> environment = new HashMap<>();
        environment.put("NIMO_DB_URL", database.url());
        environment.put("NIMO_DB_USER", database.user());
        if (database.password() != null) {
            environment.put("NIMO_DB_PASSWORD", database.password());
        }
        return environment;
    }

    private static List<String> tables(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                + " ORDER BY table_name", String.class);
    }

    /** Every row of every table but Flyway's history, as full text, sorted; and every sequence's state. */
    private static Map<String, List<String>> everyRow(JdbcTemplate jdbc) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : tables(jdbc)) {
            if (!table.equals("flyway_schema_history")) {
                rows.put(table, jdbc.queryForList("SELECT t::text FROM \"" + table + "\" t ORDER BY 1", String.class));
            }
        }
        for (String sequence : jdbc.queryForList("SELECT sequence_name FROM information_schema.sequences"
                + " WHERE sequence_schema = current_schema() ORDER BY 1", String.class)) {
            rows.put(sequence, jdbc.queryForList("SELECT last_value || '/' || is_called FROM \"" + sequence + "\"", String.class));
        }
        return rows;
    }

    private static List<String> schemaHistory(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT version || ' ' || description || ' ' || checksum || ' ' || success"
                + " FROM flyway_schema_history ORDER BY installed_rank", String.class);
    }

    /** A copy of the backup with one entry's bytes changed, written as a well-formed zip. */
    private Path rewrite(Path backup, String entryName, UnaryOperator<byte[]> change) throws IOException {
        Path copy = directory.resolve("changed-" + backup.getFileName());
        try (ZipFile zip = new ZipFile(backup.toFile()); OutputStream out = Files.newOutputStream(copy);
             ZipOutputStream rewritten = new ZipOutputStream(out)) {
            List<String> names = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                names.add(entries.nextElement().getName());
            }
            assertThat(names).contains(entryName);
            for (String name : names) {
                byte[] data;
                try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                    data = in.readAllBytes();
                }
                rewritten.putNextEntry(new ZipEntry(name));
                rewritten.write(name.equals(entryName) ? change.apply(data) : data);
                rewritten.closeEntry();
            }
        }
        return copy;
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
