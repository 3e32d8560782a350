package jp.nimo.infra.backup;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import javax.sql.DataSource;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Nimo's logical backup over JDBC: every table of the schema as binary COPY data in one zip, from one
 * consistent snapshot, with a manifest of the schema version, row counts, checksums and sequences.
 * A restore goes only into an empty database and happens in one transaction: all of it or nothing.
 * The master key is not in the database and so not in a backup; it has to be kept separately.
 */
public final class DatabaseBackup {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String EVENT_STORE = "domainevententry";
    private static final String MIGRATIONS = "classpath:db/migration";

    private final DataSource dataSource;

    public DatabaseBackup(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static DatabaseBackup connectingTo(String url, String user, String password) {
        // the driver itself rather than DriverManager: it is found under any class loader, a boot jar's too
        return new DatabaseBackup(new SimpleDriverDataSource(new org.postgresql.Driver(), url, user, password));
    }

    /** What a backup wrote or a restore put back. */
    public record Summary(int tables, long rows, long bytes, String schemaVersion) {
    }

    // ------------------------------------------------------------------------------------------------
    // Backup

    /**
     * Writes every table into {@code file}. The file appears only once complete: it is written under a
     * temporary name beside it (owner-only) and moved into place, replacing an older file of that name.
     */
    public Summary backup(Path file) {
        Path target = file.toAbsolutePath();
        Path partial = null;
        try {
            partial = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".partial");
            BackupManifest manifest;
            try (OutputStream out = Files.newOutputStream(partial);
                 ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out, 1 << 16))) {
                manifest = writeSnapshot(zip);
            }
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            partial = null;
            return new Summary(manifest.tables().size(), manifest.rows(), Files.size(target), manifest.schemaVersion());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the database: " + e.getMessage(), e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // the failure that brought us here is the one worth reporting
                }
            }
        }
    }

    private BackupManifest writeSnapshot(ZipOutputStream zip) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // one snapshot for every table: rows committed while the backup runs are in none of them
                execute(connection, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                SchemaCatalogue catalogue = SchemaCatalogue.read(connection);
                String version = catalogue.schemaVersion(connection).orElseThrow(() -> new IllegalStateException(
                        "the database has no Nimo schema (no " + SchemaCatalogue.SCHEMA_HISTORY + " table with a version)"));
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                List<BackupManifest.Table> tables = new ArrayList<>();
                for (String table : catalogue.dataTables()) {
                    String entry = "tables/" + table + ".copy";
                    List<String> columns = catalogue.columns(table);
                    zip.putNextEntry(new ZipEntry(entry));
                    DigestOutputStream digest = new DigestOutputStream(new KeptOpen(zip), sha256());
                    long rows = copy.copyOut("COPY " + SchemaCatalogue.quote(table) + " (" + SchemaCatalogue.columnList(columns)
                            + ") TO STDOUT (FORMAT binary)", digest);
                    digest.flush();
                    zip.closeEntry();
                    tables.add(new BackupManifest.Table(table, entry, columns, rows, hex(digest.getMessageDigest())));
                }
                // sequences are outside snapshots: read after the tables, a value is never below what they hold
                List<BackupManifest.Sequence> sequences = new ArrayList<>();
                for (String sequence : catalogue.sequences()) {
                    SchemaCatalogue.query(connection, "SELECT last_value, is_called FROM " + SchemaCatalogue.quote(sequence),
                            rows -> sequences.add(new BackupManifest.Sequence(sequence, rows.getLong(1), rows.getBoolean(2))));
                }
                String[] server = new String[1];
                SchemaCatalogue.query(connection, "SHOW server_version", rows -> server[0] = rows.getString(1));
                BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, BackupManifest.FORMAT_VERSION, version,
                        Instant.now().toString(), server[0], BackupManifest.SECRETS, tables, sequences);
                zip.putNextEntry(new ZipEntry(BackupManifest.ENTRY));
                zip.write(JSON.writeValueAsBytes(manifest));
                zip.closeEntry();
                return manifest;
            } finally {
                connection.rollback();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Restore

    /**
     * Puts the backup in {@code file} into the database, which must be empty: no Nimo tables, or
     * Nimo's schema with no event in its event store. The schema is created with Flyway up to the
     * backup's version, the rows are copied back and checked, all in one transaction.
     *
     * @throws RestoreRefused when the database holds data; nothing was changed then
     * @throws BackupRejected when the file is not a Nimo backup or does not match its manifest
     */
    public Summary restore(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            BackupManifest manifest = manifest(zip);
            // a damaged file is turned away before the database is touched at all
            for (BackupManifest.Table table : manifest.tables()) {
                try (DigestInputStream in = new DigestInputStream(entry(zip, table), sha256())) {
                    in.transferTo(OutputStream.nullOutputStream());
                    checkDigest(table, in.getMessageDigest());
                }
            }
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    restoreInto(connection, zip, manifest);
                    connection.commit();
                } catch (RuntimeException | SQLException | IOException e) {
                    connection.rollback();
                    throw e;
                }
            }
            return new Summary(manifest.tables().size(), manifest.rows(), Files.size(file), manifest.schemaVersion());
        } catch (ZipException e) {
            throw new BackupRejected(file + " is not a Nimo backup: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new IllegalStateException("the restore failed and was rolled back: " + e.getMessage(), e);
        }
    }

    private void restoreInto(Connection connection, ZipFile zip, BackupManifest manifest) throws SQLException, IOException {
        refuseUnlessEmpty(connection);
        migrate(connection, manifest.schemaVersion());

        SchemaCatalogue catalogue = SchemaCatalogue.read(connection);
        String version = catalogue.schemaVersion(connection).orElse("none");
        if (!version.equals(manifest.schemaVersion())) {
            throw new IllegalStateException("the target's schema is at version " + version + ", the backup's at "
                    + manifest.schemaVersion() + ": restore into a database without Nimo tables");
        }
        Map<String, BackupManifest.Table> byName = new LinkedHashMap<>();
        manifest.tables().forEach(table -> byName.put(table.name(), table));
        if (!new LinkedHashSet<>(catalogue.dataTables()).equals(byName.keySet())) {
            throw new BackupRejected("the backup's tables " + byName.keySet() + " are not those of schema version "
                    + version + ": " + catalogue.dataTables());
        }
        if (!new LinkedHashSet<>(catalogue.sequences()).equals(sequenceNames(manifest))) {
            throw new BackupRejected("the backup's sequences " + sequenceNames(manifest) + " are not those of schema version "
                    + version + ": " + catalogue.sequences());
        }
        // an empty event store may still have left process state behind (tokens, clocks): it refers to nothing
        execute(connection, "TRUNCATE " + String.join(", ", catalogue.dataTables().stream().map(SchemaCatalogue::quote).toList()));

        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        for (String name : catalogue.parentsFirst(catalogue.dataTables())) {
            BackupManifest.Table table = byName.get(name);
            try (DigestInputStream in = new DigestInputStream(entry(zip, table), sha256())) {
                long rows = copy.copyIn("COPY " + SchemaCatalogue.quote(name) + " (" + SchemaCatalogue.columnList(table.columns())
                        + ") FROM STDIN (FORMAT binary)", in);
                in.transferTo(OutputStream.nullOutputStream());
                checkDigest(table, in.getMessageDigest());
                if (rows != table.rows()) {
                    throw new BackupRejected(name + ": " + rows + " rows copied, the manifest says " + table.rows());
                }
            }
        }
        for (BackupManifest.Sequence sequence : manifest.sequences()) {
            try (PreparedStatement setval = connection.prepareStatement("SELECT setval(CAST(? AS regclass), ?, ?)")) {
                setval.setString(1, SchemaCatalogue.quote(sequence.name()));
                setval.setLong(2, sequence.lastValue());
                setval.setBoolean(3, sequence.called());
                setval.execute();
            }
        }
        Map<String, Long> counts = SchemaCatalogue.counts(connection, catalogue.dataTables());
        for (BackupManifest.Table table : manifest.tables()) {
            if (counts.get(table.name()) != table.rows()) {
                throw new BackupRejected(table.name() + " holds " + counts.get(table.name()) + " rows after the restore,"
                        + " the manifest says " + table.rows());
            }
        }
    }

    /** Turns the restore away if the target holds anything it would overwrite or mix with. */
    private static void refuseUnlessEmpty(Connection connection) throws SQLException {
        SchemaCatalogue catalogue = SchemaCatalogue.read(connection);
        if (!catalogue.has(SchemaCatalogue.SCHEMA_HISTORY)) {
            // without Nimo's schema history, any table is someone's data: the backup's own or another's
            if (!catalogue.dataTables().isEmpty()) {
                throw new RestoreRefused("the target database is not empty: its schema has tables "
                        + catalogue.dataTables() + " but no Nimo schema history; restore only into an empty database");
            }
            return;
        }
        if (catalogue.has(EVENT_STORE)) {
            // waits for, and then keeps out, a writer that has not stopped
            execute(connection, "LOCK TABLE " + EVENT_STORE + " IN SHARE MODE");
            boolean[] events = new boolean[1];
            SchemaCatalogue.query(connection, "SELECT EXISTS (SELECT 1 FROM " + EVENT_STORE + ")", rows -> events[0] = rows.getBoolean(1));
            if (events[0]) {
                throw new RestoreRefused("the target database is not empty: its event store holds events;"
                        + " restore only into an empty database");
            }
        }
    }

    /** Flyway up to exactly the backup's version, inside the restore's own transaction. */
    private static void migrate(Connection connection, String version) {
        Flyway.configure(DatabaseBackup.class.getClassLoader())
                .dataSource(new InTransaction(connection))
                .locations(MIGRATIONS)
                .target(MigrationVersion.fromVersion(version))
                .cleanDisabled(true)
                .load()
                .migrate();
    }

    private static BackupManifest manifest(ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(BackupManifest.ENTRY);
        if (entry == null) {
            throw new BackupRejected(zip.getName() + " is not a Nimo backup: it has no " + BackupManifest.ENTRY);
        }
        BackupManifest manifest;
        try (InputStream in = zip.getInputStream(entry)) {
            manifest = JSON.readValue(in, BackupManifest.class);
        } catch (JacksonException e) {
            throw new BackupRejected(zip.getName() + " is not a Nimo backup: its manifest does not read: " + e.getOriginalMessage());
        }
        if (!BackupManifest.FORMAT.equals(manifest.format()) || manifest.tables() == null || manifest.sequences() == null
                || manifest.schemaVersion() == null) {
            throw new BackupRejected(zip.getName() + " is not a Nimo backup");
        }
        if (manifest.formatVersion() != BackupManifest.FORMAT_VERSION) {
            throw new BackupRejected(zip.getName() + " has backup format " + manifest.formatVersion()
                    + "; this Nimo reads format " + BackupManifest.FORMAT_VERSION);
        }
        return manifest;
    }

    private static InputStream entry(ZipFile zip, BackupManifest.Table table) throws IOException {
        ZipEntry entry = table.entry() == null ? null : zip.getEntry(table.entry());
        if (entry == null) {
            throw new BackupRejected("the backup lacks the data of table " + table.name());
        }
        return zip.getInputStream(entry);
    }

    private static void checkDigest(BackupManifest.Table table, MessageDigest digest) {
        String actual = hex(digest);
        if (!actual.equalsIgnoreCase(String.valueOf(table.sha256()))) {
            throw new BackupRejected("the checksum of table " + table.name() + " does not match the manifest"
                    + " (the file is damaged or was changed): " + actual + " instead of " + table.sha256());
        }
    }

    private static Set<String> sequenceNames(BackupManifest manifest) {
        Set<String> names = new LinkedHashSet<>();
        manifest.sequences().forEach(sequence -> names.add(sequence.name()));
        return names;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The zip stays open after one table's data: the next table goes into the same file. */
    private static final class KeptOpen extends FilterOutputStream {

        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /**
     * The restore's connection as Flyway's data source: Flyway's commits, its switches to auto-commit
     * and its closes are ignored, so the schema is created in the transaction that copies the rows.
     */
    private static final class InTransaction extends AbstractDataSource {

        private final Connection connection;

        InTransaction(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Connection getConnection() {
            return (Connection) Proxy.newProxyInstance(DatabaseBackup.class.getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, arguments) -> switch (method.getName()) {
                        case "close", "commit", "setAutoCommit" -> null;
                        case "isClosed" -> false;
                        case "equals" -> proxy == arguments[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> {
                            try {
                                yield method.invoke(connection, arguments);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    });
        }

        @Override
        public Connection getConnection(String username, String password) {
            return getConnection();
        }
    }
}
