package jp.nimo.detection;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Detection from the log, one event at a time: moves the clock, fires the absences that fell due,
 * finds the event's own signals, and lets the policy decide on each signal in that order. The same
 * code runs live (its outcomes become commands) and in replays with other rules.
 */
public final class Detector {

    /** A signal and what the policy made of it. */
    public record Step(Signal signal, DetectionPolicy.Outcome outcome) {
    }

    private final SignalFinder finder;
    private final DetectionPolicy policy;

    public Detector(SignalFinder finder, DetectionPolicy policy) {
        this.finder = finder;
        this.policy = policy;
    }

    public List<Step> onCaseEvent(CaseEventRecorded event, RuleBook rules, CaseMemory memory, DetectionState state) {
        List<Step> steps = new ArrayList<>();
        for (Signal signal : finder.clockMovedTo(event.recordedAt(), memory)) {
            steps.add(decide(signal, rules, state));
        }
        for (Signal signal : finder.inEvent(event, memory)) {
            steps.add(decide(signal, rules, state));
        }
        return steps;
    }

    public List<Step> onClockTick(Instant at, RuleBook rules, CaseMemory memory, DetectionState state) {
        List<Step> steps = new ArrayList<>();
        for (Signal signal : finder.clockMovedTo(at, memory)) {
            steps.add(decide(signal, rules, state));
        }
        return steps;
    }

    private Step decide(Signal signal, RuleBook rules, DetectionState state) {
        return new Step(signal, policy.offer(signal, rules.ruleFor(signal.municipality(), signal.category()), state));
    }
}
