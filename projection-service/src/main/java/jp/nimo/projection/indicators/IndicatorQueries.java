package jp.nimo.projection.indicators;

import jp.nimo.projection.shared.KnowledgeTime;
import jp.nimo.reference.FiscalYear;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static jp.nimo.cases.RecordingWindow.JAPAN;

/**
 * Sums of the indicator projection's deltas as known at a time: the month buckets before T's month, the
 * day buckets of T's month before T's day, and the deltas of T's day up to T itself. Every delta is in
 * each of the three tables once, so it is counted once, and the rows read do not grow with the history:
 * per municipality and part, one row per business month and knowledge month, at most one per day of
 * one month, and the deltas of one day.
 */
@Component
public class IndicatorQueries {

    private final JdbcTemplate jdbc;

    public IndicatorQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** For one fiscal year: municipality → part → sum, as known at {@code asOf}. */
    public Map<String, Map<String, Long>> totals(Measure measure, int fiscalYear, Collection<String> municipalities,
                                                 Instant asOf) {
        Map<String, Map<String, Long>> sums = new HashMap<>();
        if (municipalities.isEmpty()) {
            return sums;
        }
        Known known = Known.at(asOf);
        String in = placeholders(municipalities.size());
        String scope = " WHERE measure = ? AND fiscal_year = ? AND municipality IN (" + in + ")";
        String sql = "SELECT municipality, part, SUM(v) AS total FROM ("
                + "SELECT municipality, part, value AS v FROM indicator_fact_month" + scope + " AND effective_month < ?"
                + " UNION ALL SELECT municipality, part, value FROM indicator_fact_day" + scope
                + " AND effective_day >= ? AND effective_day < ?"
                + " UNION ALL SELECT municipality, part, delta FROM indicator_fact_event" + scope
                + " AND effective_at >= ? AND effective_at <= ?"
                + ") f GROUP BY municipality, part";
        List<Object> parameters = new ArrayList<>();
        for (int table = 0; table < 3; table++) {
            parameters.add(measure.name());
            parameters.add(fiscalYear);
            parameters.addAll(municipalities);
            known.addBounds(table, parameters);
        }
        jdbc.query(sql, row -> {
            sums.computeIfAbsent(row.getString("municipality"), m -> new HashMap<>())
                    .put(row.getString("part"), row.getLong("total"));
        }, parameters.toArray());
        return sums;
    }

    /** Monthly sums of one part from {@code fromMonth} to {@code toMonth}: municipality → month → sum. */
    public Map<String, Map<LocalDate, Long>> monthly(Measure measure, String part, Collection<String> municipalities,
                                                     LocalDate fromMonth, LocalDate toMonth, Instant asOf) {
        Map<String, Map<LocalDate, Long>> sums = new HashMap<>();
        if (municipalities.isEmpty()) {
            return sums;
        }
        Known known = Known.at(asOf);
        TreeSet<Integer> years = new TreeSet<>();
        for (LocalDate m = fromMonth; !m.isAfter(toMonth); m = m.plusMonths(1)) {
            years.add(FiscalYear.startYearOf(m));
        }
        String scope = " WHERE measure = ? AND part = ? AND fiscal_year IN (" + placeholders(years.size())
                + ") AND municipality IN (" + placeholders(municipalities.size()) + ") AND month BETWEEN ? AND ?";
        String sql = "SELECT municipality, month, SUM(v) AS total FROM ("
                + "SELECT municipality, month, value AS v FROM indicator_fact_month" + scope + " AND effective_month < ?"
                + " UNION ALL SELECT municipality, month, value FROM indicator_fact_day" + scope
                + " AND effective_day >= ? AND effective_day < ?"
                + " UNION ALL SELECT municipality, month, delta FROM indicator_fact_event" + scope
                + " AND effective_at >= ? AND effective_at <= ?"
                + ") f GROUP BY municipality, month";
        List<Object> parameters = new ArrayList<>();
        for (int table = 0; table < 3; table++) {
            parameters.add(measure.name());
            parameters.add(part);
            parameters.addAll(years);
            parameters.addAll(municipalities);
            parameters.add(Date.valueOf(fromMonth));
            parameters.add(Date.valueOf(toMonth));
            known.addBounds(table, parameters);
        }
        jdbc.query(sql, row -> {
            sums.computeIfAbsent(row.getString("municipality"), m -> new HashMap<>())
                    .put(row.getObject("month", LocalDate.class), row.getLong("total"));
        }, parameters.toArray());
        return sums;
    }

    /** T split into the three levels of buckets. */
    private record Known(Instant at, LocalDate day, LocalDate month, Instant dayStart) {

        static Known at(Instant asOf) {
            Instant at = KnowledgeTime.of(asOf);
            LocalDate day = LocalDate.ofInstant(at, JAPAN);
            return new Known(at, day, day.withDayOfMonth(1), day.atStartOfDay(JAPAN).toInstant());
        }

        /**
         * The knowledge-time bounds of one of the three fact tables, in the order the queries use them:
         * month sums before this month, day sums of this month before today, single facts of today up to now.
         */
        void addBounds(int table, List<Object> parameters) {
            switch (table) {
                case 0 -> parameters.add(Date.valueOf(month));
                case 1 -> {
                    parameters.add(Date.valueOf(month));
                    parameters.add(Date.valueOf(day));
                }
                default -> {
                    parameters.add(KnowledgeTime.column(dayStart));
                    parameters.add(KnowledgeTime.column(at));
                }
            }
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
