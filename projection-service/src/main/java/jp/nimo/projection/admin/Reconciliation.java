package jp.nimo.projection.admin;

import jp.nimo.projection.admin.ProcessorTokens.Segment;
import jp.nimo.projection.admin.ProjectionCheck.ReadWindow;
import jp.nimo.projection.admin.ReconciliationReport.Check;
import jp.nimo.projection.admin.ReconciliationReport.Processor;
import jp.nimo.projection.admin.ReconciliationReport.State;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reconciles every tracking processor of the read side with the event store: its position from the
 * shared token table, and each of its projection's checks up to that position. Tokens and rows are
 * read in one snapshot, and a processor stores its token in the transaction that writes its rows, so
 * what is compared is exactly what the processor had read: one that is behind is behind, not wrong.
 */
@Component
public class Reconciliation {

    /** Differences named per check; all are counted. */
    static final int SHOWN = 500;

    private final JdbcTemplate jdbc;
    private final ProcessorTokens tokens;
    private final ProjectionRebuilds rebuilds;
    private final List<ProjectionCheck.Source> sources;
    private final TransactionTemplate snapshot;
    private final Clock clock = Clock.systemUTC();

    public Reconciliation(JdbcTemplate jdbc, ProcessorTokens tokens, ProjectionRebuilds rebuilds,
                          List<ProjectionCheck.Source> sources, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.rebuilds = rebuilds;
        this.sources = sources;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    public ReconciliationReport reconcile() {
        Map<String, List<ProjectionCheck>> checks = new HashMap<>();
        for (ProjectionCheck.Source source : sources) {
            source.checks().forEach(check -> checks.computeIfAbsent(check.processor(), p -> new ArrayList<>()).add(check));
        }
        return snapshot.execute(status -> {
            Instant checkedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            long head = tokens.head();
            Map<String, Long> deadLetters = new HashMap<>();
            jdbc.query("SELECT processinggroup, count(*) FROM deadletterentry GROUP BY processinggroup",
                    (RowCallbackHandler) row -> deadLetters.put(row.getString(1), row.getLong(2)));
            List<Processor> processors = new ArrayList<>();
            for (String name : rebuilds.processors().keySet()) {
                processors.add(processor(name, head, deadLetters.getOrDefault(name, 0L),
                        checks.getOrDefault(name, List.of())));
            }
            return new ReconciliationReport(processors.stream().allMatch(Processor::consistent), checkedAt, head,
                    processors);
        });
    }

    private Processor processor(String name, long head, long deadLetters, List<ProjectionCheck> checks) {
        List<Segment> segments = tokens.segments(name);
        long lowest = Long.MAX_VALUE;
        long highest = 0;
        TreeSet<Long> gaps = new TreeSet<>();
        boolean started = !segments.isEmpty();
        for (Segment segment : segments) {
            // a segment without a token has read nothing
            long position = segment.position().orElse(0);
            started &= segment.token() != null;
            lowest = Math.min(lowest, position);
            highest = Math.max(highest, position);
            gaps.addAll(segment.gaps());
        }
        if (segments.isEmpty()) {
            lowest = 0;
        }
        boolean replaying = segments.stream().anyMatch(Segment::replaying);
        ReadWindow window = new ReadWindow(name, lowest, highest, List.copyOf(gaps.headSet(lowest, true)));
        List<Check> results = checks.stream().map(check -> check.run(jdbc, window, SHOWN)).toList();
        State state = !started ? State.NOT_STARTED
                : replaying ? State.REPLAYING
                : lowest < head ? State.BEHIND
                : State.CAUGHT_UP;
        return new Processor(name, state, segments.size(), lowest, highest, head, Math.max(0, head - lowest), replaying,
                deadLetters, results.stream().allMatch(Check::consistent), results);
    }
}
