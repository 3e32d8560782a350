package jp.nimo.projection.indicators;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import jp.nimo.reference.FiscalYear;

/** GET /api/indicators: each indicator's figures per area for one fiscal year, as known at {@code asOf}. */
public record IndicatorAnswer(Instant asOf, int fiscalYear, Suppression suppression, List<Figures> indicators) {

    /** The fiscal year in the Japanese calendar, e.g. 令和6年度. */
    @JsonProperty("fiscalYearLabel")
    @Schema(description = "The fiscal year in the Japanese calendar.", example = "令和6年度")
    public String fiscalYearLabel() {
        return FiscalYear.label(fiscalYear);
    }

    /** Whether small counts were hidden for this viewer, and below which count. */
    public record Suppression(boolean applied, int threshold) {
    }

    public record Figures(String code, String label, String labelEn, String unit, String direction, String category,
                          List<IndicatorValue> values) {
    }
}
