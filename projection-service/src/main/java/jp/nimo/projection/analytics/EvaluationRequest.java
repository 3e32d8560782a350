package jp.nimo.projection.analytics;

import jp.nimo.infra.web.input.JsonFields;
import jp.nimo.projection.indicators.ProjectedIndicators.Definition;
import jp.nimo.projection.indicators.ProjectedIndicators;
import jp.nimo.projection.shared.AreaScope;
import jp.nimo.reference.Areas;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An intervention evaluation: a count indicator, the treated area (a municipality or region code), the
 * day the intervention began, how many months to compare before and after it, and comparison areas.
 *
 * <p>Months are whole calendar months: "before" are the months before the intervention's month; "after"
 * starts with the intervention's month when it began on the 1st, else with the next month, so the month
 * it began in is not split. Every month compared must be over.
 */
public record EvaluationRequest(Definition indicator, AreaScope area, LocalDate interventionOn, int monthsBefore,
                                int monthsAfter, List<AreaScope> comparisonAreas) {

    static final int MAX_MONTHS = 120;

    public LocalDate firstBeforeMonth() {
        return interventionOn.withDayOfMonth(1).minusMonths(monthsBefore);
    }

    public LocalDate lastBeforeMonth() {
        return interventionOn.withDayOfMonth(1).minusMonths(1);
    }

    public LocalDate firstAfterMonth() {
        LocalDate month = interventionOn.withDayOfMonth(1);
        return interventionOn.getDayOfMonth() == 1 ? month : month.plusMonths(1);
    }

    public LocalDate lastAfterMonth() {
        return firstAfterMonth().plusMonths(monthsAfter - 1L);
    }

    /** @param today the day the request is answered (in Japan): the last month compared must have ended before it */
    public static EvaluationRequest parse(JsonNode body, ProjectedIndicators projected, Areas areas, LocalDate today) {
        JsonFields fields = JsonFields.of(body);
        fields.onlyKnown(Set.of("indicator", "area", "interventionOn", "monthsBefore", "monthsAfter", "comparisonAreas"));
        String code = fields.text("indicator", true, 100);
        Definition indicator = null;
        if (code != null) {
            Optional<Definition> definition = projected.definition(code);
            if (definition.isEmpty()) {
                fields.error("indicator", "is not an indicator computed from case events (see /api/reference/indicators)");
            } else if (!definition.get().shape().counts()) {
                fields.error("indicator", "must be a count: a rate (unit percent) or a mean has no Poisson rate ratio");
            } else {
                indicator = definition.get();
            }
        }
        String areaCode = fields.text("area", true, 64);
        AreaScope area = null;
        if (areaCode != null) {
            area = AreaScope.parse(areaCode, areas).orElse(null);
            if (area == null) {
                fields.error("area", "is not a known municipality code (13110) or region code (13-ku-seinambu)");
            }
        }
        LocalDate interventionOn = fields.date("interventionOn", true);
        if (interventionOn != null && interventionOn.isAfter(today)) {
            fields.error("interventionOn", "must not be in the future");
            interventionOn = null;
        }
        Integer before = months(fields, "monthsBefore");
        Integer after = months(fields, "monthsAfter");
        List<AreaScope> comparisons = comparisons(body, fields, areas, area);
        EvaluationRequest request = null;
        if (indicator != null && area != null && interventionOn != null && before != null && after != null) {
            request = new EvaluationRequest(indicator, area, interventionOn, before, after, comparisons);
            LocalDate currentMonth = today.withDayOfMonth(1);
            if (!request.lastAfterMonth().isBefore(currentMonth)) {
                fields.error("monthsAfter", "reaches " + request.lastAfterMonth().toString().substring(0, 7)
                        + ", which is not over yet; the last month that can be compared is "
                        + currentMonth.minusMonths(1).toString().substring(0, 7));
            }
        }
        fields.check();
        return request;
    }

    private static Integer months(JsonFields fields, String field) {
        Integer months = fields.integer(field, true);
        if (months != null && (months < 1 || months > MAX_MONTHS)) {
            fields.error(field, "must be between 1 and " + MAX_MONTHS);
            return null;
        }
        return months;
    }

    private static List<AreaScope> comparisons(JsonNode body, JsonFields fields, Areas areas, AreaScope treated) {
        List<AreaScope> comparisons = new ArrayList<>();
        JsonNode list = body == null ? null : body.get("comparisonAreas");
        if (list == null || list.isNull()) {
            return comparisons;
        }
        if (!list.isArray()) {
            fields.error("comparisonAreas", "must be a list of municipality or region codes");
            return comparisons;
        }
        for (int i = 0; i < list.size(); i++) {
            String field = "comparisonAreas[" + i + "]";
            JsonNode element = list.get(i);
            Optional<AreaScope> area = element.isString() ? AreaScope.parse(element.asString(), areas) : Optional.empty();
            if (area.isEmpty()) {
                fields.error(field, "is not a known municipality code (13110) or region code (13-ku-seinambu)");
            } else if (treated != null && area.get().overlaps(treated)) {
                fields.error(field, "overlaps the treated area: a comparison area must share no municipality with it");
            } else if (comparisons.stream().anyMatch(c -> c.overlaps(area.get()))) {
                fields.error(field, "overlaps another comparison area");
            } else {
                comparisons.add(area.get());
            }
        }
        if (comparisons.size() > 20) {
            fields.error("comparisonAreas", "must name at most 20 areas");
        }
        return comparisons;
    }
}
