package jp.nimo.projection.analytics;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

import java.util.List;
import java.util.Optional;

/**
 * The statistics of an intervention evaluation, pure and from commons-math: the rate ratio of counts
 * after and before the intervention with its 95% interval (Poisson counts, log-normal approximation),
 * and the difference-in-differences against comparison areas with its 95% interval (ordinary least
 * squares of area-month counts on treated, post and treated×post, t quantile on n − 4 degrees of freedom).
 */
public final class InterventionEvaluation {

    public static final double CONFIDENCE = 0.95;

    private InterventionEvaluation() {
    }

    /** (after / afterMonths) / (before / beforeMonths), with its interval. */
    public record RateRatio(double estimate, double lower, double upper, double standardErrorOfLog) {
    }

    /**
     * exp(log RR ± z·√(1/after + 1/before)); none when either count is 0, where the log-normal
     * approximation says nothing.
     */
    public static Optional<RateRatio> rateRatio(long before, int beforeMonths, long after, int afterMonths) {
        if (before <= 0 || after <= 0 || beforeMonths <= 0 || afterMonths <= 0) {
            return Optional.empty();
        }
        double logRatio = Math.log((double) after / afterMonths) - Math.log((double) before / beforeMonths);
        double se = Math.sqrt(1.0 / after + 1.0 / before);
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
        return Optional.of(new RateRatio(Math.exp(logRatio), Math.exp(logRatio - z * se), Math.exp(logRatio + z * se), se));
    }

    /** One area-month: its count, whether the area is the treated one, whether the month is after the intervention. */
    public record Observation(double value, boolean treated, boolean post) {
    }

    /** The treated×post coefficient of the regression, its standard error and interval. */
    public record DifferenceInDifferences(double estimate, double standardError, double lower, double upper,
                                          int observations, int degreesOfFreedom) {
    }

    /** None without treated and comparison months on both sides of the intervention, or without degrees of freedom left. */
    public static Optional<DifferenceInDifferences> differenceInDifferences(List<Observation> observations) {
        int n = observations.size();
        boolean complete = observations.stream().anyMatch(o -> o.treated() && o.post())
                && observations.stream().anyMatch(o -> o.treated() && !o.post())
                && observations.stream().anyMatch(o -> !o.treated() && o.post())
                && observations.stream().anyMatch(o -> !o.treated() && !o.post());
        if (!complete || n <= 4) {
            return Optional.empty();
        }
        double[] y = new double[n];
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            Observation o = observations.get(i);
            double treated = o.treated() ? 1 : 0;
            double post = o.post() ? 1 : 0;
            y[i] = o.value();
            x[i] = new double[]{treated, post, treated * post};
        }
        OLSMultipleLinearRegression regression = new OLSMultipleLinearRegression();
        regression.newSampleData(y, x);
        try {
            double estimate = regression.estimateRegressionParameters()[3];
            double se = regression.estimateRegressionParametersStandardErrors()[3];
            int df = n - 4;
            double t = new TDistribution(df).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
            return Optional.of(new DifferenceInDifferences(estimate, se, estimate - t * se, estimate + t * se, n, df));
        } catch (SingularMatrixException e) {
            return Optional.empty();
        }
    }
}
