package jp.nimo.projection.analytics;

import jp.nimo.projection.analytics.InterventionEvaluation.DifferenceInDifferences;
import jp.nimo.projection.analytics.InterventionEvaluation.Observation;
import jp.nimo.projection.analytics.InterventionEvaluation.RateRatio;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The evaluation's statistics against values worked out by hand. */
class EvaluationStatisticsTest {

    @Test
    void theRateRatioOfTwentyAfterToTenBeforeIsTwoWithItsLogNormalInterval() {
        RateRatio ratio = InterventionEvaluation.rateRatio(10, 10, 20, 10).orElseThrow();

        // exp(log 2 ± 1.959964 × √(1/20 + 1/10))
        assertThat(ratio.estimate()).isCloseTo(2.0, within(1e-9));
        assertThat(ratio.standardErrorOfLog()).isCloseTo(Math.sqrt(0.15), within(1e-12));
        assertThat(ratio.lower()).isCloseTo(0.93618, within(1e-4));
        assertThat(ratio.upper()).isCloseTo(4.27267, within(1e-4));
    }

    @Test
    void exposureScalesTheRates() {
        // 12 in 6 months after, 12 in 12 months before: twice the rate
        assertThat(InterventionEvaluation.rateRatio(12, 12, 12, 6).orElseThrow().estimate()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void withNoEventsOnOneSideThereIsNoRatio() {
        assertThat(InterventionEvaluation.rateRatio(0, 12, 5, 12)).isEmpty();
        assertThat(InterventionEvaluation.rateRatio(5, 12, 0, 12)).isEmpty();
    }

    @Test
    void theDifferenceInDifferencesIsTheInteractionOfTheRegressionWithItsStandardError() {
        // treated 4, 6 → 10, 12; comparison 3, 5 → 4, 6: (11 − 5) − (5 − 4) = 5; residuals ±1, RSS 8,
        // σ² = 8 / 4 = 2, Var(b3) = σ² (1/2 + 1/2 + 1/2 + 1/2) = 4, SE 2, t(0.975, 4) = 2.776445
        List<Observation> observations = List.of(
                new Observation(4, true, false), new Observation(6, true, false),
                new Observation(10, true, true), new Observation(12, true, true),
                new Observation(3, false, false), new Observation(5, false, false),
                new Observation(4, false, true), new Observation(6, false, true));

        DifferenceInDifferences did = InterventionEvaluation.differenceInDifferences(observations).orElseThrow();

        assertThat(did.estimate()).isCloseTo(5.0, within(1e-9));
        assertThat(did.standardError()).isCloseTo(2.0, within(1e-9));
        assertThat(did.degreesOfFreedom()).isEqualTo(4);
        assertThat(did.lower()).isCloseTo(5.0 - 2.776445 * 2, within(1e-5));
        assertThat(did.upper()).isCloseTo(5.0 + 2.776445 * 2, within(1e-5));
    }

    @Test
    void aKnownEffectIsFoundAndAPlaceboDateInTheFlatPeriodFindsNone() {
        long[] treated = {5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 10, 12, 14, 12, 10, 12, 14, 12, 10, 12, 14, 12};
        long[] comparison = {6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7};

        RateRatio effect = InterventionEvaluation.rateRatio(sum(treated, 0, 12), 12, sum(treated, 12, 24), 12).orElseThrow();
        DifferenceInDifferences did = InterventionEvaluation.differenceInDifferences(observations(treated, comparison, 0, 12, 24))
                .orElseThrow();
        assertThat(effect.estimate()).isCloseTo(2.0, within(1e-9));
        assertThat(effect.lower()).isGreaterThan(1.0);
        assertThat(did.estimate()).isCloseTo(6.0, within(1e-9));
        assertThat(did.lower()).isGreaterThan(0.0);

        // the first six months against the next six, all before the intervention
        RateRatio placebo = InterventionEvaluation.rateRatio(sum(treated, 0, 6), 6, sum(treated, 6, 12), 6).orElseThrow();
        DifferenceInDifferences placeboDid = InterventionEvaluation
                .differenceInDifferences(observations(treated, comparison, 0, 6, 12)).orElseThrow();
        assertThat(placebo.lower()).isLessThan(1.0);
        assertThat(placebo.upper()).isGreaterThan(1.0);
        assertThat(placeboDid.lower()).isLessThan(0.0);
        assertThat(placeboDid.upper()).isGreaterThan(0.0);
    }

    private static long sum(long[] counts, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += counts[i];
        }
        return sum;
    }

    private static List<Observation> observations(long[] treated, long[] comparison, int from, int split, int to) {
        List<Observation> observations = new ArrayList<>();
        for (int i = from; i < to; i++) {
            observations.add(new Observation(treated[i], true, i >= split));
            observations.add(new Observation(comparison[i], false, i >= split));
        }
        return observations;
    }
}
