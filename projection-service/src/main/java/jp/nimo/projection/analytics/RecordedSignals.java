package jp.nimo.projection.analytics;

import jp.nimo.detection.Signal;
import jp.nimo.projection.shared.KnowledgeTime;
import jp.nimo.reference.MunicipalityCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.function.Consumer;

/** The recorded signals, in the order the log gave them. Case plane: read by replays only. */
@Component
public class RecordedSignals {

    private final JdbcTemplate jdbc;

    public RecordedSignals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps a signal at its event's place in the log ({@code logIndex} if the event is not found); a redelivered
     * event adds nothing.
     */
    public void append(long logIndex, Signal s) {
        // the signal event's own place in the log (its identifier is the signal's id): a processor's token only
        // says how far it has read, which is past an event that filled a gap in the log when it was handled
        jdbc.update("INSERT INTO analytics_signal (log_index, signal_id, signal_code, category, kind, case_id,"
                        + " occurred_on, municipality, detected_at, household) VALUES (COALESCE((SELECT globalindex FROM"
                        + " domainevententry WHERE eventidentifier = ?), ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                s.signalId(), logIndex, s.signalId(), s.code(), s.category(), s.kind(), s.caseId(), s.occurredOn(),
                s.municipality().value(), KnowledgeTime.column(s.detectedAt()), s.household());
    }

    /** Streams the signals of a category with business dates in [from, to], in log order, to {@code each}. */
    public void replay(String category, LocalDate from, LocalDate to, Consumer<Signal> each) {
        jdbc.query("SELECT signal_id, signal_code, category, kind, case_id, occurred_on, municipality, detected_at, household"
                        + " FROM analytics_signal WHERE category = ? AND occurred_on BETWEEN ? AND ?"
                        + " ORDER BY log_index, signal_id",
                row -> {
                    each.accept(new Signal(row.getString("signal_id"), row.getString("signal_code"),
                            row.getString("category"), row.getString("kind"), row.getString("case_id"),
                            row.getObject("occurred_on", LocalDate.class), MunicipalityCode.of(row.getString("municipality")),
                            KnowledgeTime.read(row, "detected_at"), row.getString("household")));
                }, category, from, to);
    }

    public void clear() {
        jdbc.update("DELETE FROM analytics_signal");
    }
}
