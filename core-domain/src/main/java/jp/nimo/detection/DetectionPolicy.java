package jp.nimo.detection;

import jp.nimo.issues.IssueId;
import jp.nimo.reference.Area;

import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Decides, for each signal in order, whether it attaches to the open issue of its area and category,
 * raises a candidate together with the unattached signals it completes a rule with, or waits.
 * {@link #decide} reads the state and changes nothing; {@link #evolve} carries a decision into the state
 * once it has taken effect (live: once the issue took the command). Pure and deterministic: the same
 * signals in the same order with the same rules give the same decisions, live and in every replay.
 * Signals are judged on business time, so a refusal recorded today that happened inside an old window
 * counts for that window.
 */
public final class DetectionPolicy {

    /** What became of a signal. */
    public sealed interface Outcome {
    }

    /** The signal waits for others to complete a rule. */
    public record Waiting(Signal signal, Area area) implements Outcome {
    }

    /** The signal is further evidence of an open issue. */
    public record Attached(IssueId issue, Area area, List<Signal> signals, int distinctCases) implements Outcome {
    }

    /** The signal completed the rule: a candidate is raised with these signals as its evidence. */
    public record Raised(IssueId issue, Area area, String category, DetectionRule rule, List<Signal> signals,
                         int distinctCases) implements Outcome {
    }

    public Outcome decide(Signal signal, RuleBook.Applied applied, DetectionState state) {
        Area area = applied.area();
        DetectionRule rule = applied.rule();
        var open = state.openIssue(area, signal.category());
        if (open.isPresent()) {
            return new Attached(open.get(), area, List.of(signal), state.distinctCasesWith(open.get(), signal.countedAs()));
        }
        List<Signal> nearby = new ArrayList<>(state.unattached(area, signal.category(),
                signal.occurredOn().minusDays(rule.windowDays()), signal.occurredOn().plusDays(rule.windowDays())));
        nearby.add(signal);
        nearby.sort(Comparator.comparing(Signal::occurredOn).thenComparing(Signal::signalId));
        List<Signal> window = firstQualifyingWindow(nearby, signal, rule);
        if (window == null) {
            return new Waiting(signal, area);
        }
        return new Raised(candidateId(area, signal.category(), window), area, signal.category(), rule, window,
                distinctCases(window));
    }

    /** The state after a decision: a waiting signal is kept, evidence is attached, a raised issue is the open one. */
    public static void evolve(DetectionState state, Outcome outcome) {
        if (outcome instanceof Waiting waiting) {
            state.keepUnattached(waiting.signal(), waiting.area());
        } else if (outcome instanceof Attached attached) {
            state.attach(attached.issue(), attached.area(), attached.signals());
        } else if (outcome instanceof Raised raised) {
            state.opened(raised.issue(), raised.area(), raised.category());
            state.attach(raised.issue(), raised.area(), raised.signals());
        }
    }

    /**
     * The earliest window of {@code windowDays} that contains the new signal and meets the rule. Before
     * this signal no window met it, so a window that does now must contain it.
     */
    private static List<Signal> firstQualifyingWindow(List<Signal> sorted, Signal newest, DetectionRule rule) {
        for (Signal first : sorted) {
            if (first.occurredOn().isAfter(newest.occurredOn())) {
                break;
            }
            if (ChronoUnit.DAYS.between(first.occurredOn(), newest.occurredOn()) > rule.windowDays()) {
                continue;
            }
            List<Signal> window = sorted.stream()
                    .filter(s -> !s.occurredOn().isBefore(first.occurredOn())
                            && ChronoUnit.DAYS.between(first.occurredOn(), s.occurredOn()) <= rule.windowDays())
                    .toList();
            if (window.size() >= rule.minSignals() && distinctCases(window) >= rule.minDistinctCases()) {
                return window;
            }
        }
        return null;
    }

    private static int distinctCases(List<Signal> signals) {
        Set<String> cases = new HashSet<>();
        signals.forEach(s -> cases.add(s.countedAs()));
        return cases.size();
    }

    /** A name-based id, so that a replay raises the same candidate under the same id. */
    static IssueId candidateId(Area area, String category, List<Signal> window) {
        String name = "candidate:" + area.level() + ":" + area.code() + ":" + category + ":" + window.get(0).signalId();
        return IssueId.of(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
    }
}
