package jp.nimo.projection.indicators;

import jp.nimo.projection.councils.MeetingIndicators;
import jp.nimo.projection.indicators.IndicatorTables.AreaTable;
import jp.nimo.projection.indicators.ProjectedIndicators.Definition;
import jp.nimo.projection.indicators.ProjectedIndicators.Family;
import jp.nimo.projection.shared.AreaScope;
import jp.nimo.projection.shared.CsvDownload;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Indicator;
import jp.nimo.reference.Region;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles the indicator answer: one suppressed table per measure and region, read by every indicator of the
 * measure; then the indicators computed from council meetings, for the same areas.
 */
@Component
public class IndicatorAnswers {

    private final IndicatorTables tables;
    private final MeetingIndicators meetings;
    private final Areas areas;

    public IndicatorAnswers(IndicatorTables tables, MeetingIndicators meetings, Areas areas) {
        this.tables = tables;
        this.meetings = meetings;
        this.areas = areas;
    }

    /** The rows asked for within one region: the region itself and its municipalities, or one municipality. */
    public record Selection(Region region, String onlyMunicipality) {
    }

    public IndicatorAnswer answer(List<Definition> definitions, List<Indicator> fromMeetings, List<Selection> selections,
                                  int fiscalYear, Instant asOf, Disclosure disclosure) {
        Map<String, AreaTable> cache = new HashMap<>();
        List<IndicatorAnswer.Figures> figures = new ArrayList<>();
        for (Definition definition : definitions) {
            List<IndicatorValue> values = new ArrayList<>();
            for (Selection selection : selections) {
                Family family = definition.family();
                AreaTable table = cache.computeIfAbsent(family.measure() + "/" + selection.region().code().value(),
                        k -> tables.regionTable(family, selection.region().code(), fiscalYear, asOf, disclosure));
                for (AreaScope area : table.areas()) {
                    if (selection.onlyMunicipality() == null || selection.onlyMunicipality().equals(area.code())) {
                        values.add(tables.value(definition, table, area));
                    }
                }
            }
            var indicator = definition.indicator();
            figures.add(new IndicatorAnswer.Figures(indicator.code(), indicator.label().ja(), indicator.label().en(),
                    indicator.unit(), indicator.direction(), indicator.category(), values));
        }
        for (Indicator indicator : fromMeetings) {
            List<AreaScope> areas = new ArrayList<>();
            for (Selection selection : selections) {
                AreaScope region = AreaScope.of(selection.region());
                if (selection.onlyMunicipality() == null) {
                    areas.add(region);
                }
                for (var municipality : selection.region().municipalities()) {
                    if (selection.onlyMunicipality() == null || selection.onlyMunicipality().equals(municipality.value())) {
                        areas.add(AreaScope.of(this.areas.municipality(municipality).orElseThrow()));
                    }
                }
            }
            figures.add(meetings.figures(indicator, areas, fiscalYear, asOf));
        }
        return new IndicatorAnswer(asOf, fiscalYear,
                new IndicatorAnswer.Suppression(disclosure.suppresses(), disclosure.threshold()), figures);
    }

    /** The answer as one CSV row per indicator and area, and one per cell of each breakdown. */
    public static CsvDownload csv(IndicatorAnswer answer) {
        CsvDownload csv = new CsvDownload("indicator", "indicator_label", "unit", "direction", "area_level", "area_code",
                "area_label", "fiscal_year", "breakdown", "breakdown_label", "member", "member_label", "value",
                "numerator", "denominator", "suppressed", "as_of");
        for (IndicatorAnswer.Figures figures : answer.indicators()) {
            for (IndicatorValue value : figures.values()) {
                csv.row(figures.code(), figures.label(), figures.unit(), figures.direction(), value.area().level(),
                        value.area().code(), value.area().label(), value.fiscalYear(), null, null, null, null,
                        value.value() == null ? null : value.value().toPlainString(), value.numerator(),
                        value.denominator(), value.suppressed(), answer.asOf());
                if (value.breakdowns() == null) {
                    continue;
                }
                for (IndicatorValue.Breakdown breakdown : value.breakdowns()) {
                    for (IndicatorValue.Cell cell : breakdown.cells()) {
                        csv.row(figures.code(), figures.label(), figures.unit(), figures.direction(), value.area().level(),
                                value.area().code(), value.area().label(), value.fiscalYear(), breakdown.dimension(),
                                breakdown.label(), cell.code(), cell.label(), cell.value(), null, null, cell.suppressed(),
                                answer.asOf());
                    }
                }
            }
        }
        return csv;
    }
}
