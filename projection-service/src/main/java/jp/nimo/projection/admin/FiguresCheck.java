package jp.nimo.projection.admin;

import jp.nimo.projection.admin.ReconciliationReport.Check;
import jp.nimo.projection.admin.ReconciliationReport.Difference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A check of figures a projection keeps that are not one row per event: a query gives, per key, the
 * figure the events (or the projection's own finer rows) give and the figure it holds; every key where
 * they differ is a difference.
 *
 * @param figuresSql a query giving {@code (key, expected, found)}, one row per key compared
 * @param parameters the query's parameters for the processor's window
 */
public record FiguresCheck(String processor, String name, String description, String figuresSql,
                           Function<ProjectionCheck.ReadWindow, List<Object>> parameters) implements ProjectionCheck {

    @Override
    public Check run(JdbcTemplate jdbc, ReadWindow window, int shown) {
        String sql = "WITH figures AS (" + figuresSql + "),"
                + " differences AS (SELECT key, coalesce(expected, 0) AS expected, coalesce(found, 0) AS found"
                + " FROM figures WHERE coalesce(expected, 0) <> coalesce(found, 0)),"
                + " shown AS (SELECT * FROM differences ORDER BY key NULLS LAST LIMIT ?)"
                + " SELECT (SELECT count(*) FROM figures) AS compared, (SELECT count(*) FROM differences) AS difference_count,"
                + " s.key, s.expected, s.found FROM (SELECT 1) one LEFT JOIN shown s ON TRUE ORDER BY s.key NULLS LAST";
        List<Object> values = new ArrayList<>(parameters.apply(window));
        values.add(shown);
        long[] totals = new long[2];
        List<Difference> differences = new ArrayList<>();
        jdbc.query(sql, (RowCallbackHandler) row -> {
            totals[0] = row.getLong("compared");
            totals[1] = row.getLong("difference_count");
            if (row.getObject("expected") != null) {
                long expected = row.getLong("expected");
                long found = row.getLong("found");
                differences.add(new Difference(row.getString("key"), expected, found, Math.max(0, expected - found),
                        Math.max(0, found - expected)));
            }
        }, values.toArray());
        return new Check(name, description, totals[0], 0, totals[1], differences);
    }
}
