package jp.nimo.projection.analytics;

import jp.nimo.detection.DetectionPolicy;
import jp.nimo.detection.DetectionPolicy.Attached;
import jp.nimo.detection.DetectionPolicy.Outcome;
import jp.nimo.detection.DetectionPolicy.Raised;
import jp.nimo.detection.DetectionRule;
import jp.nimo.detection.InMemoryDetectionState;
import jp.nimo.detection.RuleBook;
import jp.nimo.detection.Signal;
import jp.nimo.issues.IssueId;
import jp.nimo.reference.Area;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Councils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Detection replayed with another rule: the signals of one category, in log order, offered to a fresh
 * detection policy (the one live detection runs) with its state in memory and a rule book holding only
 * the rule asked for. Nothing outside this object changes: no command, no row.
 */
public final class WhatIfReplay {

    /** A candidate the rule would have raised, with every signal that became its evidence. */
    public record Candidate(IssueId issueId, Area area, String category, DetectionRule rule, Signal raisedBy,
                            List<Signal> evidence) {
    }

    private final String category;
    private final RuleBook rules;
    private final DetectionPolicy policy = new DetectionPolicy();
    private final InMemoryDetectionState state = new InMemoryDetectionState();
    private final Map<IssueId, Candidate> candidates = new LinkedHashMap<>();
    private int offered;

    public WhatIfReplay(String category, DetectionRule rule, Councils councils, Areas areas) {
        this.category = category;
        this.rules = new RuleBook(councils, areas);
        rules.set(new RuleBook.RuleScope(RuleBook.ANY, category), rule);
    }

    /** Offers the next signal of the log; signals of other categories are not this replay's. */
    public void offer(Signal signal) {
        if (!category.equals(signal.category())) {
            return;
        }
        offered++;
        // no issue to refuse evidence here: every decision takes effect at once
        Outcome outcome = policy.decide(signal, rules.ruleFor(signal.municipality(), signal.category()), state);
        DetectionPolicy.evolve(state, outcome);
        if (outcome instanceof Raised raised) {
            candidates.put(raised.issue(), new Candidate(raised.issue(), raised.area(), raised.category(), raised.rule(),
                    signal, new ArrayList<>(raised.signals())));
        } else if (outcome instanceof Attached attached) {
            Candidate candidate = candidates.get(attached.issue());
            if (candidate != null) {
                candidate.evidence().addAll(attached.signals());
            }
        }
    }

    public List<Candidate> candidates() {
        return List.copyOf(candidates.values());
    }

    public int offered() {
        return offered;
    }
}
