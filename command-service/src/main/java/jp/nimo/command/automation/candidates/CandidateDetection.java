package jp.nimo.command.automation.candidates;

import jp.nimo.detection.DetectionPolicy;
import jp.nimo.detection.DetectionPolicy.Attached;
import jp.nimo.detection.DetectionPolicy.Outcome;
import jp.nimo.detection.DetectionPolicy.Raised;
import jp.nimo.detection.DetectionRule;
import jp.nimo.detection.DetectionRules.DetectionRuleChanged;
import jp.nimo.detection.RuleBook;
import jp.nimo.detection.Signal;
import jp.nimo.detection.SignalEvent;
import jp.nimo.issues.IssueEvent;
import jp.nimo.issues.IssueEvent.IssueRaised;
import jp.nimo.issues.IssueEvent.IssueReopened;
import jp.nimo.issues.IssueEvent.IssueScopeChanged;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Councils;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When a signal is recorded, decide on it: reads the recorded signals, the rule changes and the issues'
 * decisions from the log in order (one segment), asks the pure detection policy, carries its decision out
 * as an issue command, and only then evolves its state. State, the commands' issue events and the token
 * commit in one transaction, so a restarted service raises nothing twice and misses nothing.
 */
@Component
@ProcessingGroup(CandidateDetection.NAME)
public class CandidateDetection {

    public static final String NAME = "detection-policy";

    private static final String RULE_BOOK = CandidateDetection.class.getName() + ".rules";

    private final DetectionPolicy policy = new DetectionPolicy();
    private final JdbcDetectionState state;
    private final CandidateCommands commands;
    private final JdbcTemplate jdbc;
    private final Councils councils;
    private final Areas areas;

    public CandidateDetection(JdbcDetectionState state, CandidateCommands commands, JdbcTemplate jdbc,
                              Councils councils, Areas areas) {
        this.state = state;
        this.commands = commands;
        this.jdbc = jdbc;
        this.councils = councils;
        this.areas = areas;
    }

    @EventHandler
    void on(SignalEvent event) {
        decide(event.signal());
    }

    private void decide(Signal signal) {
        Outcome outcome = policy.decide(signal, rules().ruleFor(signal.municipality(), signal.category()), state);
        if (outcome instanceof Raised raised) {
            commands.raise(raised, signal.detectedAt());
        } else if (outcome instanceof Attached attached && !commands.attach(attached, signal.detectedAt())) {
            // the issue closed after detection last heard of it: it is closed for detection too; decide again
            state.closed(attached.issue().value());
            decide(signal);
            return;
        }
        DetectionPolicy.evolve(state, outcome);
    }

    @EventHandler
    void on(DetectionRuleChanged change) {
        rules().set(new RuleBook.RuleScope(change.councilId(), change.category()), change.rule());
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

    /**
     * The rules in force, read once per batch of events and then evolved by the rule changes in it. It lives
     * with the batch's unit of work, so a rolled-back batch takes its changes with it, and a node that takes
     * the segment over reads what the others committed.
     */
    private RuleBook rules() {
        return CurrentUnitOfWork.get().root().getOrComputeResource(RULE_BOOK, key -> {
            RuleBook book = new RuleBook(councils, areas);
            jdbc.query("SELECT * FROM detection_rule", row -> {
                book.set(new RuleBook.RuleScope(row.getString("council_id"), row.getString("category")),
                        new DetectionRule(row.getInt("min_signals"), row.getInt("min_distinct_cases"),
                                row.getInt("window_days"), AreaLevel.valueOf(row.getString("area_level"))));
            });
            return book;
        });
    }
}
