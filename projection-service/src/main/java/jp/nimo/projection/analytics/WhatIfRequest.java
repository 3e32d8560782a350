package jp.nimo.projection.analytics;

import tools.jackson.databind.JsonNode;
import jp.nimo.detection.DetectionRule;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Categories;
import jp.nimo.infra.web.input.JsonFields;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * A what-if: the rule to replay detection with, for one category, and the business dates of the
 * signals to feed it. {@code {"rule":{"category","minSignals","minDistinctCases","windowDays","areaLevel"},"from","to"}}.
 */
public record WhatIfRequest(String category, DetectionRule rule, LocalDate from, LocalDate to) {

    /** The longest span a replay covers: the ten years a worker may date an event back. */
    static final int MAX_DAYS = 3660;

    public static WhatIfRequest parse(JsonNode body, Categories categories) {
        JsonFields fields = JsonFields.of(body);
        fields.onlyKnown(Set.of("rule", "from", "to"));
        JsonFields rule = fields.object("rule", true);
        String category = null;
        Integer minSignals = null;
        Integer minDistinctCases = null;
        Integer windowDays = null;
        AreaLevel areaLevel = null;
        if (rule != null) {
            rule.onlyKnown(Set.of("category", "minSignals", "minDistinctCases", "windowDays", "areaLevel"));
            category = rule.code("category", true, c -> categories.category(c).isPresent(),
                    "a known category code (see /api/reference/categories)");
            minSignals = rule.integer("minSignals", true);
            if (minSignals != null && (minSignals < 1 || minSignals > 1000)) {
                rule.error("minSignals", "must be between 1 and 1000");
                minSignals = null;
            }
            minDistinctCases = rule.integer("minDistinctCases", true);
            if (minDistinctCases != null && (minDistinctCases < 1
                    || (minSignals != null && minDistinctCases > minSignals))) {
                rule.error("minDistinctCases", "must be between 1 and minSignals");
                minDistinctCases = null;
            }
            windowDays = rule.integer("windowDays", true);
            if (windowDays != null && (windowDays < 1 || windowDays > 3660)) {
                rule.error("windowDays", "must be between 1 and 3660");
                windowDays = null;
            }
            areaLevel = rule.enumValue("areaLevel", AreaLevel.class, true);
            if (areaLevel == AreaLevel.PREFECTURE) {
                rule.error("areaLevel", "must be MUNICIPALITY or REGION");
                areaLevel = null;
            }
        }
        LocalDate from = fields.date("from", true);
        LocalDate to = fields.date("to", true);
        if (from != null && to != null) {
            if (to.isBefore(from)) {
                fields.error("to", "must not be before from");
            } else if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
                fields.error("to", "must be at most " + MAX_DAYS + " days after from");
            }
        }
        fields.check();
        return new WhatIfRequest(category, new DetectionRule(minSignals, minDistinctCases, windowDays, areaLevel), from, to);
    }
}
