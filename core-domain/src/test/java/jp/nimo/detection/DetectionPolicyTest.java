package jp.nimo.detection;

import jp.nimo.detection.DetectionPolicy.Attached;
import jp.nimo.detection.DetectionPolicy.Outcome;
import jp.nimo.detection.DetectionPolicy.Raised;
import jp.nimo.detection.DetectionPolicy.Waiting;
import jp.nimo.reference.Area;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.MunicipalityCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The policy decides without changing its state; only evolving a decision does, once it has taken effect. */
class DetectionPolicyTest {

    private static final MunicipalityCode MEGURO = MunicipalityCode.of("13110");
    private static final RuleBook.Applied DEFAULT = new RuleBook.Applied(DetectionRule.DEFAULT, Area.municipality("13110"));

    private final DetectionPolicy policy = new DetectionPolicy();
    private final InMemoryDetectionState state = new InMemoryDetectionState();
    private int signals;

    private Signal refusal(String caseId, String on) {
        signals++;
        return new Signal("signal-" + signals, "RENTAL_REFUSED", "C04", "RentalRefused", caseId, LocalDate.parse(on),
                MEGURO, Instant.parse("2024-09-02T01:00:00Z"));
    }

    private Outcome decideAndEvolve(Signal signal) {
        Outcome outcome = policy.decide(signal, DEFAULT, state);
        DetectionPolicy.evolve(state, outcome);
        return outcome;
    }

    @Test
    void decidingChangesNothingSoTheSameSignalGetsTheSameDecisionUntilItIsEvolved() {
        assertThat(DetectionRule.DEFAULT.areaLevel()).isEqualTo(AreaLevel.MUNICIPALITY);
        assertThat(decideAndEvolve(refusal("case-a", "2024-05-01"))).isInstanceOf(Waiting.class);
        assertThat(decideAndEvolve(refusal("case-b", "2024-06-10"))).isInstanceOf(Waiting.class);
        Signal third = refusal("case-c", "2024-07-20");

        Outcome first = policy.decide(third, DEFAULT, state);
        Outcome again = policy.decide(third, DEFAULT, state);

        assertThat(first).isInstanceOf(Raised.class).isEqualTo(again);
        assertThat(state.openIssue(DEFAULT.area(), "C04")).isEmpty();
        assertThat(state.unattached(DEFAULT.area(), "C04", LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31")))
                .extracting(Signal::caseId).containsExactly("case-a", "case-b");

        DetectionPolicy.evolve(state, first);
        assertThat(state.openIssue(DEFAULT.area(), "C04")).contains(((Raised) first).issue());
        assertThat(state.unattached(DEFAULT.area(), "C04", LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31")))
                .isEmpty();
    }

    @Test
    void evidenceForAnOpenIssueCountsItsCaseOnlyIfTheCaseIsNew() {
        decideAndEvolve(refusal("case-a", "2024-05-01"));
        decideAndEvolve(refusal("case-b", "2024-05-02"));
        Raised raised = (Raised) decideAndEvolve(refusal("case-c", "2024-05-03"));

        assertThat(policy.decide(refusal("case-a", "2024-06-01"), DEFAULT, state)).isInstanceOfSatisfying(Attached.class,
                attached -> assertThat(attached.issue()).isEqualTo(raised.issue()))
                .extracting(outcome -> ((Attached) outcome).distinctCases()).isEqualTo(3);
        assertThat(policy.decide(refusal("case-d", "2024-06-01"), DEFAULT, state))
                .extracting(outcome -> ((Attached) outcome).distinctCases()).isEqualTo(4);
    }
}
