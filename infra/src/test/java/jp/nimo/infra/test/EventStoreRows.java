package jp.nimo.infra.test;

import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the event table directly, to show what a request stored or did not store. */
public final class EventStoreRows {

    private EventStoreRows() {
    }

    public static long count(JdbcTemplate jdbc) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        return count == null ? 0 : count;
    }

    public static long countFor(JdbcTemplate jdbc, String aggregateIdentifier) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, aggregateIdentifier);
        return count == null ? 0 : count;
    }
}
