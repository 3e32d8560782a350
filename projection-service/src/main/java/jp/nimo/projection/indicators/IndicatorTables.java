package jp.nimo.projection.indicators;

import jp.nimo.projection.indicators.ProjectedIndicators.Definition;
import jp.nimo.projection.indicators.ProjectedIndicators.Dimension;
import jp.nimo.projection.indicators.ProjectedIndicators.Family;
import jp.nimo.projection.shared.AreaScope;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.projection.shared.SuppressedTable;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Label;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.reference.Region;
import jp.nimo.reference.RegionCode;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one measure for a whole area table, suppressed as one: a region and its
 * municipalities (every region answer, and every municipality answer, reads its region's table, so a
 * municipality asked for alone is hidden exactly where it is hidden in its region's table), or a
 * prefecture and its regions. The table's sums are its relations: the area's total is the sum of each
 * additive breakdown, a rate's denominator the sum of its two outcomes, and the region the sum of its
 * municipalities, part by part.
 */
@Component
public class IndicatorTables {

    private final IndicatorQueries queries;
    private final Areas areas;

    public IndicatorTables(IndicatorQueries queries, Areas areas) {
        this.queries = queries;
        this.areas = areas;
    }

    /** A measure's parts for a total area and the areas it is the sum of, with what a viewer may see. */
    public record AreaTable(Family family, int fiscalYear, AreaScope total, List<AreaScope> members,
                            SuppressedTable cells) {

        public static String cell(AreaScope area, String part) {
            return area.code() + "|" + part;
        }

        public List<AreaScope> areas() {
            List<AreaScope> all = new ArrayList<>();
            all.add(total);
            all.addAll(members);
            return all;
        }

        public AreaScope area(String code) {
            return areas().stream().filter(a -> a.code().equals(code)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no area " + code + " in this table"));
        }

        public Long shown(AreaScope area, String part) {
            return cells.shown(cell(area, part));
        }

        public boolean hidden(AreaScope area, String part) {
            return cells.isHidden(cell(area, part));
        }
    }

    /** The table an area's figures are read from: its region's, or for a prefecture its own. */
    public AreaTable tableOf(Family family, AreaLevel level, String code, int fiscalYear, Instant asOf,
                             Disclosure disclosure) {
        return switch (level) {
            case MUNICIPALITY -> regionTable(family, areas.regionOf(MunicipalityCode.of(code)), fiscalYear, asOf, disclosure);
            case REGION -> regionTable(family, RegionCode.of(code), fiscalYear, asOf, disclosure);
            case PREFECTURE -> prefectureTable(family, code, fiscalYear, asOf, disclosure);
        };
    }

    public AreaTable regionTable(Family family, RegionCode code, int fiscalYear, Instant asOf, Disclosure disclosure) {
        Region region = areas.region(code).orElseThrow(() -> new IllegalArgumentException("unknown region " + code));
        List<AreaScope> members = region.municipalities().stream()
                .map(m -> AreaScope.of(areas.municipality(m).orElseThrow())).toList();
        return table(family, AreaScope.of(region), members, fiscalYear, asOf, disclosure);
    }

    public AreaTable prefectureTable(Family family, String prefecture, int fiscalYear, Instant asOf, Disclosure disclosure) {
        List<AreaScope> members = areas.regions().stream().filter(r -> r.prefectureCode().equals(prefecture))
                .map(AreaScope::of).toList();
        List<String> municipalities = members.stream().flatMap(m -> m.municipalities().stream()).toList();
        Label label = areas.prefectures().getOrDefault(prefecture, new Label(prefecture, prefecture));
        return table(family, new AreaScope(AreaLevel.PREFECTURE, prefecture, label, municipalities), members, fiscalYear,
                asOf, disclosure);
    }

    private AreaTable table(Family family, AreaScope total, List<AreaScope> members, int fiscalYear, Instant asOf,
                            Disclosure disclosure) {
        Map<String, Map<String, Long>> sums = queries.totals(family.measure(), fiscalYear, total.municipalities(), asOf);
        SuppressedTable.Builder builder = SuppressedTable.builder();
        List<AreaScope> all = new ArrayList<>();
        all.add(total);
        all.addAll(members);
        List<String> parts = family.parts();
        for (AreaScope area : all) {
            Map<String, Long> values = new HashMap<>();
            for (String municipality : area.municipalities()) {
                sums.getOrDefault(municipality, Map.of()).forEach((part, value) -> values.merge(part, value, Long::sum));
            }
            // a rate's total is its two outcomes; a mean (no complement) keeps its own total
            if (family.rate() && family.complement() != null) {
                values.put(Measure.TOTAL, values.getOrDefault(family.numerator(), 0L)
                        + values.getOrDefault(family.complement(), 0L));
            }
            for (String part : parts) {
                builder.cell(AreaTable.cell(area, part), Math.max(0, values.getOrDefault(part, 0L)));
            }
            for (List<String> group : family.additiveGroups()) {
                builder.relation(AreaTable.cell(area, Measure.TOTAL), group.stream().map(p -> AreaTable.cell(area, p)).toList());
            }
        }
        if (!members.isEmpty()) {
            for (String part : parts) {
                builder.relation(AreaTable.cell(total, part), members.stream().map(m -> AreaTable.cell(m, part)).toList());
            }
        }
        SuppressedTable cells = disclosure.suppresses() ? builder.suppressed(disclosure.threshold()) : builder.disclosed();
        return new AreaTable(family, fiscalYear, total, members, cells);
    }

    /** One indicator's figures for one area of a table. */
    public IndicatorValue value(Definition definition, AreaTable table, AreaScope area) {
        Family family = definition.family();
        boolean hidden = false;
        BigDecimal value;
        Long numerator = null;
        Long denominator = null;
        List<IndicatorValue.Breakdown> breakdowns = null;
        switch (definition.shape()) {
            case RATE -> {
                numerator = table.shown(area, family.numerator());
                denominator = table.shown(area, Measure.TOTAL);
                hidden = table.hidden(area, family.numerator()) || table.hidden(area, Measure.TOTAL);
                value = numerator == null || denominator == null || denominator == 0 ? null
                        : BigDecimal.valueOf(numerator * 100L).divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
            }
            case MEAN -> {
                numerator = table.shown(area, family.numerator());
                denominator = table.shown(area, Measure.TOTAL);
                hidden = table.hidden(area, family.numerator()) || table.hidden(area, Measure.TOTAL);
                value = numerator == null || denominator == null || denominator == 0 ? null
                        : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
            }
            case CELL -> {
                Long count = table.shown(area, definition.part());
                hidden = table.hidden(area, definition.part());
                value = count == null ? null : BigDecimal.valueOf(count);
            }
            default -> {
                Long count = table.shown(area, Measure.TOTAL);
                hidden = table.hidden(area, Measure.TOTAL);
                value = count == null ? null : BigDecimal.valueOf(count);
                List<IndicatorValue.Breakdown> list = new ArrayList<>();
                for (Dimension dimension : family.dimensions()) {
                    List<IndicatorValue.Cell> cells = new ArrayList<>();
                    for (ProjectedIndicators.Member member : dimension.members()) {
                        String part = dimension.part(member.code());
                        boolean hide = table.hidden(area, part);
                        hidden |= hide;
                        cells.add(new IndicatorValue.Cell(member.code(), member.label().ja(), member.label().en(),
                                table.shown(area, part), hide));
                    }
                    list.add(new IndicatorValue.Breakdown(dimension.name(), dimension.label().ja(), dimension.label().en(),
                            dimension.additive(), cells));
                }
                breakdowns = list;
            }
        }
        return new IndicatorValue(area.view(), table.fiscalYear(), value, hidden, numerator, denominator,
                breakdowns);
    }
}
