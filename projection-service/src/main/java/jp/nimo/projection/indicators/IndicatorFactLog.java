package jp.nimo.projection.indicators;

import jp.nimo.projection.shared.KnowledgeTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the indicator projection's deltas. A processor's batch is one transaction; the deltas of its
 * events are gathered and written just before it commits: each delta once by its id, then summed into
 * the day and month buckets, in one fixed key order. Segments of the processor share bucket rows (every
 * case of a municipality adds to the same month), and taking their locks in the same order in every
 * transaction is what keeps two segments from deadlocking.
 */
@Component
public class IndicatorFactLog {

    private final JdbcTemplate jdbc;

    public IndicatorFactLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the deltas of one event: at the commit of the current transaction, or now outside one. */
    public void record(List<FactDelta> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write(deltas);
            return;
        }
        @SuppressWarnings("unchecked")
        List<FactDelta> pending = (List<FactDelta>) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            List<FactDelta> batch = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, batch);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    write(batch);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(IndicatorFactLog.this);
                }
            });
            pending = batch;
        }
        pending.addAll(deltas);
    }

    private record Bucket(String measure, int fiscalYear, String municipality, LocalDate when, String part,
                          LocalDate month) {
    }

    private static final Comparator<Bucket> ORDER = Comparator.comparing(Bucket::measure)
            .thenComparingInt(Bucket::fiscalYear).thenComparing(Bucket::municipality).thenComparing(Bucket::when)
            .thenComparing(Bucket::part).thenComparing(Bucket::month);

    private void write(List<FactDelta> deltas) {
        List<FactDelta> sorted = new ArrayList<>(deltas);
        sorted.sort(Comparator.comparing(FactDelta::deltaId));
        int[][] inserted = jdbc.batchUpdate("INSERT INTO indicator_fact_event (delta_id, measure, part, municipality,"
                        + " fiscal_year, month, effective_at, delta) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                sorted, 500, (statement, d) -> {
                    statement.setString(1, d.deltaId());
                    statement.setString(2, d.measure().name());
                    statement.setString(3, d.part());
                    statement.setString(4, d.municipality());
                    statement.setInt(5, d.fiscalYear());
                    statement.setDate(6, Date.valueOf(d.month()));
                    statement.setObject(7, KnowledgeTime.column(d.effectiveAt()));
                    statement.setInt(8, d.delta());
                });
        Map<Bucket, Long> days = new TreeMap<>(ORDER);
        Map<Bucket, Long> months = new TreeMap<>(ORDER);
        int index = 0;
        for (int[] chunk : inserted) {
            for (int count : chunk) {
                FactDelta d = sorted.get(index++);
                if (count == 0) {
                    continue; // already there: a redelivered event
                }
                // a delta that nets out still writes its bucket, so that a rebuild writes the same rows
                days.merge(new Bucket(d.measure().name(), d.fiscalYear(), d.municipality(), d.effectiveDay(), d.part(),
                        d.month()), (long) d.delta(), Long::sum);
                months.merge(new Bucket(d.measure().name(), d.fiscalYear(), d.municipality(), d.effectiveMonth(), d.part(),
                        d.month()), (long) d.delta(), Long::sum);
            }
        }
        add("indicator_fact_day", "effective_day", days);
        add("indicator_fact_month", "effective_month", months);
    }

    private void add(String table, String when, Map<Bucket, Long> buckets) {
        if (buckets.isEmpty()) {
            return;
        }
        List<Map.Entry<Bucket, Long>> rows = new ArrayList<>(buckets.entrySet());
        jdbc.batchUpdate("INSERT INTO " + table + " (measure, fiscal_year, municipality, " + when + ", part, month, value)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (measure, fiscal_year, municipality, " + when
                        + ", part, month) DO UPDATE SET value = " + table + ".value + EXCLUDED.value",
                rows, 500, (statement, row) -> {
                    Bucket b = row.getKey();
                    statement.setString(1, b.measure());
                    statement.setInt(2, b.fiscalYear());
                    statement.setString(3, b.municipality());
                    statement.setDate(4, Date.valueOf(b.when()));
                    statement.setString(5, b.part());
                    statement.setDate(6, Date.valueOf(b.month()));
                    statement.setLong(7, row.getValue());
                });
    }

    /** Forgets every fact, for a rebuild. */
    public void clear() {
        jdbc.update("DELETE FROM indicator_fact_event");
        jdbc.update("DELETE FROM indicator_fact_day");
        jdbc.update("DELETE FROM indicator_fact_month");
    }
}
