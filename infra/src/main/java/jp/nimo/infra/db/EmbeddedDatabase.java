package jp.nimo.infra.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded PostgreSQL 17 that Nimo runs on when no database is configured. Its data lives in a
 * directory of its own and survives restarts; the {@code nimo} database is created on first start.
 *
 * <p>What {@code ./nimo run} starts is {@link Durability#DURABLE}: a commit is answered only once its WAL
 * is on disk, so a 201 survives a crash of PostgreSQL or of the machine. Only tests use
 * {@link Durability#THROWAWAY}, the embedded library's own settings for databases nobody keeps.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "nimo";
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** How much a commit promises. */
    public enum Durability {
        /** fsync, full page writes and synchronous commit on: what a 201 needs. */
        DURABLE,
        /** fsync and synchronous commit off: fast, and lost with the machine. For tests only. */
        THROWAWAY
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory} (created if missing), on {@code port}, or on a free
     * port when it is 0.
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, Durability durability) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (durability == Durability.DURABLE) {
                // The library always passes -F (fsync off) and sets synchronous_commit=off; a -c given after
                // -F on the same command line wins, so these turn both back on.
                builder.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedDatabase database = new EmbeddedDatabase(builder.start());
            database.createDatabaseIfMissing();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the " + DATABASE + " database", e);
        }
    }

    /** A setting of the running server, as {@code SHOW} answers it. */
    public String setting(String name) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a setting name: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet value = statement.executeQuery("SHOW " + name)) {
            value.next();
            return value.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the setting " + name, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
