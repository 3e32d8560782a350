package jp.nimo.command.detection;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import jp.nimo.detection.DetectionClockTicked;
import jp.nimo.detection.DetectionPolicy;
import jp.nimo.detection.DetectionPolicy.Attached;
import jp.nimo.detection.DetectionPolicy.Raised;
import jp.nimo.detection.DetectionRule;
import jp.nimo.detection.DetectionRules.DetectionRuleChanged;
import jp.nimo.detection.Detector;
import jp.nimo.detection.Detector.Step;
import jp.nimo.detection.RuleBook;
import jp.nimo.detection.SignalFinder;
import jp.nimo.detection.Signals;
import jp.nimo.infra.detection.JdbcCaseMemory;
import jp.nimo.issues.IssueEvent;
import jp.nimo.issues.IssueEvent.IssueRaised;
import jp.nimo.issues.IssueEvent.IssueReopened;
import jp.nimo.issues.IssueEvent.IssueScopeChanged;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Councils;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The write side's detection process: reads case events, clock ticks, rule changes and issue
 * decisions from the log in order (one segment), and turns what the detection policy decides into
 * commands. Its state, the issue events of those commands and its token commit in one transaction,
 * so a restarted service raises nothing twice and misses nothing.
 */
@Component
@ProcessingGroup(DetectionProcess.NAME)
public class DetectionProcess {

    public static final String NAME = "detection";

    private final Detector detector;
    private final JdbcDetectionState state;
    private final JdbcCaseMemory memory;
    private final CandidateCommands commands;
    private final JdbcTemplate jdbc;
    private final Councils councils;
    private final Areas areas;

    public DetectionProcess(Signals signals, JdbcDetectionState state, JdbcCaseMemory memory, CandidateCommands commands,
                            JdbcTemplate jdbc, Councils councils, Areas areas,
                            @Value("${nimo.detection.grace:P14D}") Duration grace) {
        this.detector = new Detector(new SignalFinder(signals, grace), new DetectionPolicy());
        this.state = state;
        this.memory = memory;
        this.commands = commands;
        this.jdbc = jdbc;
        this.councils = councils;
        this.areas = areas;
    }

    @EventHandler
    void on(CaseEventRecorded event) {
        act(detector.onCaseEvent(event, rules(), memory, state));
    }

    @EventHandler
    void on(DetectionClockTicked tick) {
        act(detector.onClockTick(tick.at(), rules(), memory, state));
    }

    @EventHandler
    void on(DetectionRuleChanged change, @Timestamp Instant at) {
        if (change.rule() == null) {
            jdbc.update("DELETE FROM detection_rule WHERE council_id = ? AND category = ?",
                    change.councilId(), change.category());
            return;
        }
        DetectionRule rule = change.rule();
        jdbc.update("INSERT INTO detection_rule (council_id, category, min_signals, min_distinct_cases, window_days,"
                        + " area_level, changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (council_id, category) DO UPDATE SET min_signals = EXCLUDED.min_signals,"
                        + " min_distinct_cases = EXCLUDED.min_distinct_cases, window_days = EXCLUDED.window_days,"
                        + " area_level = EXCLUDED.area_level, changed_at = EXCLUDED.changed_at, changed_by = EXCLUDED.changed_by",
                change.councilId(), change.category(), rule.minSignals(), rule.minDistinctCases(), rule.windowDays(),
                rule.areaLevel().name(), java.sql.Timestamp.from(change.changedAt()), change.changedBy().user());
    }

    /** Follows every issue's area, category and openness, so that evidence goes to the open issue. */
    @EventHandler
    void on(IssueEvent event) {
        String issueId = event.issueId().value();
        if (event instanceof IssueRaised raised) {
            state.track(issueId, raised.scope().area(), raised.scope().category(), raised.state().isOpen());
        } else if (event instanceof IssueScopeChanged changed) {
            state.track(issueId, changed.newScope().area(), changed.newScope().category(), changed.state().isOpen());
        } else if (event instanceof IssueReopened) {
            state.reopened(issueId);
        } else if (!event.state().isOpen()) {
            state.closed(issueId);
        }
    }

    private void act(List<Step> steps) {
        for (Step step : steps) {
            if (step.outcome() instanceof Raised raised) {
                commands.raise(raised, memory.clock());
            } else if (step.outcome() instanceof Attached attached && !commands.attach(attached, memory.clock())) {
                // the issue closed after detection last heard of it: take the signal back and decide again
                state.detach(step.signal());
                state.closed(attached.issue().value());
                act(List.of(new Step(step.signal(), new DetectionPolicy().offer(step.signal(),
                        rules().ruleFor(step.signal().municipality(), step.signal().category()), state))));
            }
        }
    }

    private RuleBook rules() {
        RuleBook book = new RuleBook(councils, areas);
        jdbc.query("SELECT * FROM detection_rule", row -> {
            book.set(new RuleBook.RuleScope(row.getString("council_id"), row.getString("category")),
                    new DetectionRule(row.getInt("min_signals"), row.getInt("min_distinct_cases"),
                            row.getInt("window_days"), AreaLevel.valueOf(row.getString("area_level"))));
        });
        return book;
    }
}
