package jp.nimo.projection.admin;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * One comparison of what a projection holds against the events its processor has read, run by the
 * reconciliation in one snapshot of the database. Set-based: one query, however long the log.
 */
public interface ProjectionCheck {

    /** The processor whose tables the check reads. */
    String processor();

    String name();

    /** What is compared, in one line, for the operator. */
    String description();

    /** Compares up to the window; names at most {@code shown} differences (all are counted). */
    ReconciliationReport.Check run(JdbcTemplate jdbc, ReadWindow window, int shown);

    /**
     * What the processor has read, from its stored tokens: every event up to {@code lowest} that is not in
     * {@code gaps} (events not yet seen below a segment's position) nor parked in its dead-letter queue;
     * none above {@code highest}. Events in between belong to segments that got further: not compared.
     */
    record ReadWindow(String processor, long lowest, long highest, List<Long> gaps) {

        /** The gaps as a PostgreSQL array literal, for {@code ?::bigint[]}. */
        public String gapsArray() {
            StringBuilder text = new StringBuilder("{");
            for (int i = 0; i < gaps.size(); i++) {
                text.append(i == 0 ? "" : ",").append(gaps.get(i));
            }
            return text.append('}').toString();
        }
    }

    /** The checks of one projection's tables, declared beside the projection. */
    interface Source {
        List<ProjectionCheck> checks();
    }
}
