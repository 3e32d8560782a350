package jp.nimo.projection.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import jp.nimo.projection.indicators.IndicatorAnswer;
import jp.nimo.projection.shared.AreaScope;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * POST /api/analytics/evaluations: the monthly series of the treated and the comparison areas before and
 * after the intervention, the treated area's rate ratio after/before with its 95% interval, and the
 * difference-in-differences against the comparison areas with its 95% interval. A statistic that would
 * show a hidden count is left out (null) for viewers who see small counts suppressed.
 */
public record EvaluationAnswer(Indicator indicator, AreaScope.View area, LocalDate interventionOn, Period before,
                               Period after, Instant asOf, IndicatorAnswer.Suppression suppression,
                               List<Series> series, @JsonInclude(JsonInclude.Include.ALWAYS) RateRatio rateRatio,
                               @JsonInclude(JsonInclude.Include.ALWAYS) DifferenceInDifferences differenceInDifferences) {

    public record Indicator(String code, String label, String labelEn, String unit, String direction) {
    }

    public record Period(String from, String to, int months) {
    }

    /** One area's months; {@code role} is TREATED or COMPARISON. */
    public record Series(AreaScope.View area, String role, List<Month> months, Total before, Total after) {
    }

    public record Month(String month, String period, @JsonInclude(JsonInclude.Include.ALWAYS) Long count,
                        int exposureMonths, boolean suppressed) {
    }

    /** A period's count, its exposure in months, and the count per month. */
    public record Total(@JsonInclude(JsonInclude.Include.ALWAYS) Long count, int exposureMonths,
                        @JsonInclude(JsonInclude.Include.ALWAYS) Double perMonth, boolean suppressed) {
    }

    public record RateRatio(@JsonInclude(JsonInclude.Include.ALWAYS) Double estimate,
                            @JsonInclude(JsonInclude.Include.ALWAYS) Double lower,
                            @JsonInclude(JsonInclude.Include.ALWAYS) Double upper, double confidence, String method,
                            String note) {
    }

    public record DifferenceInDifferences(@JsonInclude(JsonInclude.Include.ALWAYS) Double estimate,
                                          @JsonInclude(JsonInclude.Include.ALWAYS) Double standardError,
                                          @JsonInclude(JsonInclude.Include.ALWAYS) Double lower,
                                          @JsonInclude(JsonInclude.Include.ALWAYS) Double upper,
                                          Integer observations, Integer degreesOfFreedom, double confidence,
                                          String method, String note) {
    }
}
