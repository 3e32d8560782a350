package jp.nimo.projection.indicators;

import java.time.Instant;
import java.util.List;

/** GET /api/indicators: each indicator's figures per area for one fiscal year, as known at {@code asOf}. */
public record IndicatorAnswer(Instant asOf, int fiscalYear, Suppression suppression, List<Figures> indicators) {

    /** Whether small counts were hidden for this viewer, and below which count. */
    public record Suppression(boolean applied, int threshold) {
    }

    public record Figures(String code, String label, String labelEn, String unit, String direction, String category,
                          List<IndicatorValue> values) {
    }
}
