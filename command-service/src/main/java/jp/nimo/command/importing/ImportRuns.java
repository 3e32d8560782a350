package jp.nimo.command.importing;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The progress of imports, for {@code GET /api/imports}: written in a transaction of its own after each batch,
 * so it shows while a long import runs, on whichever node is asked. An import whose node stopped without
 * saying so shows as INTERRUPTED once it has not moved for a while.
 */
@Component
public class ImportRuns {

    static final Duration SILENT = Duration.ofMinutes(10);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate own;
    private final Clock clock;

    public ImportRuns(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    String started(String user, String format, boolean dryRun) {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Instant.now(clock));
        own.executeWithoutResult(s -> jdbc.update("INSERT INTO import_run (import_id, user_name, format, dry_run, state,"
                + " started_at, updated_at) VALUES (?, ?, ?, ?, 'RUNNING', ?, ?)", id, user, format, dryRun, now, now));
        return id;
    }

    void progress(String id, ImportReport report) {
        own.executeWithoutResult(s -> jdbc.update("UPDATE import_run SET lines = ?, accepted = ?, duplicates = ?,"
                        + " rejected = ?, updated_at = ? WHERE import_id = ?", report.lines(), report.accepted(),
                report.duplicates(), report.rejectedCount(), Timestamp.from(Instant.now(clock)), id));
    }

    void finished(String id, ImportReport report, String state) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        own.executeWithoutResult(s -> jdbc.update("UPDATE import_run SET lines = ?, accepted = ?, duplicates = ?,"
                        + " rejected = ?, updated_at = ?, state = ?, finished_at = ? WHERE import_id = ?", report.lines(),
                report.accepted(), report.duplicates(), report.rejectedCount(), now, state, now, id));
    }

    /** The user's latest imports, newest first. */
    List<Map<String, Object>> of(String user, int limit) {
        Instant silentSince = Instant.now(clock).minus(SILENT);
        return jdbc.query("SELECT * FROM import_run WHERE user_name = ? ORDER BY started_at DESC LIMIT ?", (row, n) -> {
            Map<String, Object> run = new LinkedHashMap<>();
            String state = row.getString("state");
            if (state.equals("RUNNING") && row.getTimestamp("updated_at").toInstant().isBefore(silentSince)) {
                state = "INTERRUPTED";
            }
            run.put("importId", row.getString("import_id"));
            run.put("format", row.getString("format"));
            run.put("dryRun", row.getBoolean("dry_run"));
            run.put("state", state);
            run.put("startedAt", row.getTimestamp("started_at").toInstant().toString());
            run.put("updatedAt", row.getTimestamp("updated_at").toInstant().toString());
            Timestamp finished = row.getTimestamp("finished_at");
            if (finished != null) {
                run.put("finishedAt", finished.toInstant().toString());
            }
            run.put("lines", row.getLong("lines"));
            run.put("accepted", row.getLong("accepted"));
            run.put("duplicates", row.getLong("duplicates"));
            run.put("rejected", row.getLong("rejected"));
            return run;
        }, user, limit);
    }
}
