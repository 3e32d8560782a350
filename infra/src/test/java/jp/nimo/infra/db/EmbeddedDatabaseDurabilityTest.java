package jp.nimo.infra.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded server that keeps data promises durable commits; only the test server trades them away. */
class EmbeddedDatabaseDurabilityTest {

    @Test
    void theDurableServerFlushesEveryCommitToDisk(@TempDir Path directory) {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(directory, 0, EmbeddedDatabase.Durability.DURABLE)) {
            assertThat(database.setting("fsync")).isEqualTo("on");
            assertThat(database.setting("synchronous_commit")).isEqualTo("on");
            assertThat(database.setting("full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void theThrowawayServerOfTestsDoesNot(@TempDir Path directory) {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(directory, 0, EmbeddedDatabase.Durability.THROWAWAY)) {
            assertThat(database.setting("fsync")).isEqualTo("off");
            assertThat(database.setting("synchronous_commit")).isEqualTo("off");
        }
    }

    @Test
    void aDurableServerRestartedOnItsDataKeepsWhatWasCommitted(@TempDir Path directory) throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(directory, 0, EmbeddedDatabase.Durability.DURABLE);
             var connection = java.sql.DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, null);
             var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (n int)");
            statement.execute("INSERT INTO kept VALUES (42)");
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.start(directory, 0, EmbeddedDatabase.Durability.DURABLE);
             var connection = java.sql.DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, null);
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT n FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }
}
