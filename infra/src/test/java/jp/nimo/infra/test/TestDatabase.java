package jp.nimo.infra.test;

import jp.nimo.infra.db.EmbeddedDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * One database per test JVM: a fresh database on the PostgreSQL server of {@code NIMO_TEST_DB_URL}
 * (dropped again when the JVM ends) or, without it, an embedded PostgreSQL in a temporary directory.
 */
public final class TestDatabase {

    private static TestDatabase instance;
    /** The server's URL with its maintenance database, where test databases are created. */
    private static String serverUrl;
    /** Whether the databases of this JVM live on the embedded server it started. */
    private static boolean onEmbeddedServer;

    private final String url;
    private final String user;
    private final String password;

    private TestDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            String external = System.getenv("NIMO_TEST_DB_URL");
            instance = external == null || external.isBlank() ? embedded() : onServer(external);
        }
        return instance;
    }

    /**
     * A database of its own on the same server, for tests whose state must not meet the others' (the
     * detection clock only moves forward, for example).
     */
    public static synchronized TestDatabase isolated() {
        TestDatabase shared = get();
        String name = "nimo_iso_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(serverUrl, shared.user, shared.password, "CREATE DATABASE " + name);
        String server = serverUrl;
        if (!onEmbeddedServer) {
            // an embedded server goes with its directory; dropping from it while it stops only races its shutdown
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> execute(server, shared.user, shared.password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"),
                    "nimo-test-db-drop"));
        }
        return new TestDatabase(withDatabase(serverUrl, name), shared.user, shared.password);
    }

    /** A database on an embedded server of its own, stopped by {@link #close()}. */
    public record OwnServer(TestDatabase database, EmbeddedDatabase server, Path directory) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            try (java.util.stream.Stream<Path> files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A database on an embedded server of its own that commits durably (fsync and synchronous commit on),
     * as {@code ./nimo run} does: what the benchmarks measure against.
     */
    public static OwnServer durable() {
        try {
            Path directory = Files.createTempDirectory("nimo-bench-pg");
            EmbeddedDatabase server = EmbeddedDatabase.start(directory, 0, EmbeddedDatabase.Durability.DURABLE);
            return new OwnServer(new TestDatabase(server.jdbcUrl(), EmbeddedDatabase.USER, null), server, directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new database on the same server holding everything the given one holds now (PostgreSQL copies
     * it as a template, so nothing may be connected to it while it is copied).
     */
    public static synchronized TestDatabase copyOf(TestDatabase source) {
        String name = "nimo_copy_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(serverUrl, source.user, source.password, "CREATE DATABASE " + name + " TEMPLATE " + source.name());
        String server = serverUrl;
        if (!onEmbeddedServer) {
            // an embedded server goes with its directory; dropping from it while it stops only races its shutdown
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> execute(server, source.user, source.password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"),
                    "nimo-test-db-drop"));
        }
        return new TestDatabase(withDatabase(serverUrl, name), source.user, source.password);
    }

    /** The database's name, from its URL. */
    String name() {
        int hostStart = url.indexOf("//") + 2;
        int pathStart = url.indexOf('/', hostStart);
        int query = url.indexOf('?', pathStart);
        return query < 0 ? url.substring(pathStart + 1) : url.substring(pathStart + 1, query);
    }

    private static TestDatabase embedded() {
        try {
            Path directory = Files.createTempDirectory("nimo-test-pg");
            EmbeddedDatabase database = EmbeddedDatabase.start(directory, 0, EmbeddedDatabase.Durability.THROWAWAY);
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "nimo-test-db-stop"));
            serverUrl = withDatabase(database.jdbcUrl(), "postgres");
            onEmbeddedServer = true;
            return new TestDatabase(database.jdbcUrl(), EmbeddedDatabase.USER, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestDatabase onServer(String serverUrl) {
        String user = envOr("NIMO_TEST_DB_USER", "postgres");
        String password = System.getenv("NIMO_TEST_DB_PASSWORD");
        String name = "nimo_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        TestDatabase.serverUrl = serverUrl;
        execute(serverUrl, user, password, "CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> execute(serverUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"),
                "nimo-test-db-drop"));
        return new TestDatabase(withDatabase(serverUrl, name), user, password);
    }

    /** The same server URL with another database name: {@code jdbc:postgresql://host:port/name?params}. */
    static String withDatabase(String serverUrl, String database) {
        int hostStart = serverUrl.indexOf("//") + 2;
        int pathStart = serverUrl.indexOf('/', hostStart);
        int query = serverUrl.indexOf('?', hostStart);
        String base = pathStart < 0 ? (query < 0 ? serverUrl : serverUrl.substring(0, query)) : serverUrl.substring(0, pathStart);
        return base + "/" + database + (query < 0 ? "" : serverUrl.substring(query));
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + sql + "' on the test database server", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The same database reached through another host and port, e.g. a {@link TcpProxy} in front of it. */
    public TestDatabase through(String host, int port) {
        int hostStart = url.indexOf("//") + 2;
        int pathStart = url.indexOf('/', hostStart);
        return new TestDatabase(url.substring(0, hostStart) + host + ":" + port + url.substring(pathStart), user, password);
    }

    /** The host and port of the database server, from its URL. */
    public java.net.InetSocketAddress address() {
        int hostStart = url.indexOf("//") + 2;
        String authority = url.substring(hostStart, url.indexOf('/', hostStart));
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? java.net.InetSocketAddress.createUnresolved(authority, 5432)
                : java.net.InetSocketAddress.createUnresolved(authority.substring(0, colon),
                        Integer.parseInt(authority.substring(colon + 1)));
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }
}
