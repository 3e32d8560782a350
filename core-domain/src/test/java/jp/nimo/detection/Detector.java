package jp.nimo.detection;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Detection in memory, one event at a time, as the write side runs it in two steps: the signal finder turns
 * the event (or a clock tick) into signal events, then the policy decides on each signal and the decision is
 * carried into the state. Live, the command comes between deciding and evolving.
 */
final class Detector {

    /** A signal and what the policy made of it. */
    record Step(Signal signal, DetectionPolicy.Outcome outcome) {
    }

    private final SignalFinder finder;
    private final DetectionPolicy policy;

    Detector(SignalFinder finder, DetectionPolicy policy) {
        this.finder = finder;
        this.policy = policy;
    }

    List<Step> onCaseEvent(CaseEventRecorded event, RuleBook rules, CaseMemory memory, DetectionState state) {
        return decideEach(finder.onCaseEvent(event, memory), rules, state);
    }

    List<Step> onClockTick(Instant at, RuleBook rules, CaseMemory memory, DetectionState state) {
        return decideEach(finder.clockMovedTo(at, memory), rules, state);
    }

    private List<Step> decideEach(List<SignalEvent> found, RuleBook rules, DetectionState state) {
        List<Step> steps = new ArrayList<>();
        for (SignalEvent event : found) {
            Signal signal = event.signal();
            DetectionPolicy.Outcome outcome = policy.decide(signal, rules.ruleFor(signal.municipality(), signal.category()), state);
            DetectionPolicy.evolve(state, outcome);
            steps.add(new Step(signal, outcome));
        }
        return steps;
    }
}
