package jp.nimo.projection.admin;

import jp.nimo.infra.test.TestDatabase;
import jp.nimo.infra.test.TestDatabaseInitializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read side and a write side started together on a fresh database of the test's own, for tests that
 * alter stored events or tables which the other tests' services share.
 */
public record IsolatedServices(RunningService readSide, RunningService writeSide) implements AutoCloseable {

    public static IsolatedServices start(String... readSideProperties) {
        var database = TestDatabaseInitializer.on(TestDatabase.isolated());
        RunningService readSide = RunningService.readSide(database, readSideProperties);
        try {
            return new IsolatedServices(readSide, RunningService.writeSide(database));
        } catch (RuntimeException e) {
            readSide.close();
            throw e;
        }
    }

    /** The shared database, through the read side's connections. */
    public JdbcTemplate jdbc() {
        return readSide.bean(JdbcTemplate.class);
    }

    @Override
    public void close() {
        try {
            writeSide.close();
        } finally {
            readSide.close();
        }
    }
}
