package jp.nimo.projection.indicators;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jp.nimo.projection.shared.AreaScope;
import jp.nimo.reference.FiscalYear;

import java.math.BigDecimal;
import java.util.List;

/**
 * An indicator's figure for one area and fiscal year. A hidden count is null with
 * {@code suppressed: true}; a rate shows its numerator and denominator, and is hidden with either.
 */
public record IndicatorValue(AreaScope.View area, int fiscalYear, @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal value,
                             boolean suppressed, Long numerator, Long denominator, List<Breakdown> breakdowns) {

    /** The fiscal year in the Japanese calendar, e.g. 令和6年度. */
    @JsonProperty("fiscalYearLabel")
    @Schema(description = "The fiscal year in the Japanese calendar.", example = "令和6年度")
    public String fiscalYearLabel() {
        return FiscalYear.label(fiscalYear);
    }

    /** A breakdown of the count; in an additive one the cells add up to the value. */
    public record Breakdown(String dimension, String label, String labelEn, boolean additive, List<Cell> cells) {
    }

    public record Cell(String code, String label, String labelEn, @JsonInclude(JsonInclude.Include.ALWAYS) Long value,
                       boolean suppressed) {
    }
}
