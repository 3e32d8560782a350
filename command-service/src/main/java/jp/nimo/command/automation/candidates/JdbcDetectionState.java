package jp.nimo.command.automation.candidates;

import jp.nimo.detection.DetectionState;
import jp.nimo.detection.Signal;
import jp.nimo.issues.IssueId;
import jp.nimo.reference.Area;
import jp.nimo.reference.MunicipalityCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The detection policy's memory in PostgreSQL, by index; written in the detection processor's transaction. */
@Component
public class JdbcDetectionState implements DetectionState {

    private static final RowMapper<Signal> SIGNAL = (row, n) -> new Signal(row.getString("signal_id"),
            row.getString("signal_code"), row.getString("category"), row.getString("kind"), row.getString("case_id"),
            row.getObject("occurred_on", LocalDate.class), MunicipalityCode.of(row.getString("municipality")),
            row.getTimestamp("detected_at").toInstant(), row.getString("household"));

    private final JdbcTemplate jdbc;

    public JdbcDetectionState(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<IssueId> openIssue(Area area, String category) {
        return jdbc.query("SELECT issue_id FROM detection_issue WHERE area_level = ? AND area_code = ? AND category = ?"
                        + " AND open ORDER BY opened_seq DESC LIMIT 1",
                (row, n) -> IssueId.of(row.getString(1)), area.level().name(), area.code(), category).stream().findFirst();
    }

    @Override
    public List<Signal> unattached(Area area, String category, LocalDate from, LocalDate to) {
        return jdbc.query("SELECT * FROM detection_signal WHERE area_level = ? AND area_code = ? AND category = ?"
                        + " AND occurred_on BETWEEN ? AND ? AND issue_id IS NULL ORDER BY occurred_on, signal_id",
                SIGNAL, area.level().name(), area.code(), category, from, to);
    }

    @Override
    public void keepUnattached(Signal signal, Area area) {
        store(signal, area, null);
    }

    @Override
    public void attach(IssueId issue, Area area, Collection<Signal> signals) {
        signals.forEach(signal -> store(signal, area, issue.value()));
    }

    private void store(Signal signal, Area area, String issueId) {
        jdbc.update("INSERT INTO detection_signal (signal_id, signal_code, category, kind, case_id, occurred_on,"
                        + " municipality, area_level, area_code, detected_at, issue_id, household)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (signal_id) DO UPDATE SET issue_id = EXCLUDED.issue_id",
                signal.signalId(), signal.code(), signal.category(), signal.kind(), signal.caseId(), signal.occurredOn(),
                signal.municipality().value(), area.level().name(), area.code(), Timestamp.from(signal.detectedAt()),
                issueId, signal.household());
    }

    @Override
    public void opened(IssueId issue, Area area, String category) {
        track(issue.value(), area, category, true);
    }

    /** Follows an issue's scope and whether it is open, from its own events. */
    public void track(String issueId, Area area, String category, boolean open) {
        jdbc.update("INSERT INTO detection_issue (issue_id, area_level, area_code, category, open) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (issue_id) DO UPDATE SET area_level = EXCLUDED.area_level,"
                        + " area_code = EXCLUDED.area_code, category = EXCLUDED.category, open = EXCLUDED.open",
                issueId, area.level().name(), area.code(), category, open);
    }

    public void closed(String issueId) {
        jdbc.update("UPDATE detection_issue SET open = FALSE WHERE issue_id = ?", issueId);
    }

    public void reopened(String issueId) {
        jdbc.update("UPDATE detection_issue SET open = TRUE WHERE issue_id = ?", issueId);
    }

    @Override
    public int distinctCasesWith(IssueId issue, String countedAs) {
        Integer count = jdbc.queryForObject("SELECT count(DISTINCT counted_as) FROM (SELECT COALESCE(household, case_id)"
                + " AS counted_as FROM detection_signal WHERE issue_id = ? UNION SELECT ?) cases", Integer.class,
                issue.value(), countedAs);
        return count == null ? 0 : count;
    }
}
