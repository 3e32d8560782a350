package jp.nimo.projection.issueplane.targets;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jp.nimo.projection.indicators.IndicatorAnswer;
import jp.nimo.projection.shared.AreaScope;
import jp.nimo.reference.FiscalYear;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * GET /api/issues/{issueId}/targets: each fiscal-year target of the issue beside its actuals, as
 * Meguro's sheet has them (target at the start of the year, actual at its end): the actual the
 * indicator projection computes for the issue's area and year, and every actual recorded on the
 * issue, each with its source; and whether the target is met, judged on the most authoritative figure
 * there is (an official statistic, else a manual entry, else a recorded projection, else the projection now).
 */
public record IssueTargetsAnswer(String issueId, AreaScope.View area, Instant asOf,
                                 IndicatorAnswer.Suppression suppression, List<TargetFigures> targets) {

    public record TargetFigures(String indicator, String label, String labelEn, int fiscalYear, String unit,
                                String direction, @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal baseline,
                                boolean baselineSuppressed, BigDecimal target, ProjectedActual projectedActual,
                                List<RecordedActual> actuals, @JsonInclude(JsonInclude.Include.ALWAYS) Boolean met,
                                String metBy) {

        /** The fiscal year in the Japanese calendar, e.g. 令和6年度. */
        @JsonProperty("fiscalYearLabel")
        @Schema(description = "The fiscal year in the Japanese calendar.", example = "令和6年度")
        public String fiscalYearLabel() {
            return FiscalYear.label(fiscalYear);
        }
    }

    /** The indicator projection's figure for the issue's area and the target's fiscal year. */
    public record ProjectedActual(@JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal value, Long numerator,
                                  Long denominator, boolean suppressed, String source, Boolean met) {
    }

    /** An actual recorded on the issue, with its source (MANUAL, OFFICIAL_STATISTIC, PROJECTION). */
    public record RecordedActual(@JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal value, boolean suppressed,
                                 String source, LocalDate at, Instant recordedAt, Boolean met) {
    }
}
