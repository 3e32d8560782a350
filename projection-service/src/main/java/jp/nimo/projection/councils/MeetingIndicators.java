package jp.nimo.projection.councils;

import jp.nimo.councils.Membership.StakeholderType;
import jp.nimo.projection.councils.CouncilQueries.CouncilFigures;
import jp.nimo.projection.councils.CouncilQueries.CouncilHead;
import jp.nimo.projection.indicators.IndicatorAnswer;
import jp.nimo.projection.indicators.IndicatorValue;
import jp.nimo.projection.shared.AreaScope;
import jp.nimo.projection.shared.BundledLabels;
import jp.nimo.reference.FiscalYear;
import jp.nimo.reference.Indicator;
import jp.nimo.reference.Indicators;
import jp.nimo.reference.Label;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The indicators computed from council meetings (source MEETINGS in {@code indicators.v1.json}): meetings
 * held, their participants by stakeholder type, and the issues decided at them, per council and fiscal
 * year (April to March), as known at a time. An area's figure is that of the councils of that area (the
 * municipality's council, the region's), not a sum over the areas within it. These are figures about
 * councils and the organisations at them, never about people in support, so no count is suppressed.
 */
@Component
public class MeetingIndicators {

    public static final String SOURCE = "MEETINGS";
    public static final String MEETINGS_HELD = "COUNCIL_MEETINGS_HELD";
    public static final String PARTICIPANTS = "COUNCIL_MEETING_PARTICIPANTS";
    public static final String ISSUES_DECIDED = "COUNCIL_ISSUES_DECIDED";

    private final Indicators indicators;
    private final CouncilQueries queries;
    private final BundledLabels labels;

    public MeetingIndicators(Indicators indicators, CouncilQueries queries, BundledLabels labels) {
        this.indicators = indicators;
        this.queries = queries;
        this.labels = labels;
    }

    public List<Indicator> all() {
        return indicators.all().stream().filter(i -> SOURCE.equals(i.source())).toList();
    }

    public Optional<Indicator> indicator(String code) {
        return indicators.indicator(code).filter(i -> SOURCE.equals(i.source()));
    }

    /** The indicator's figures for the areas, in their order, for one fiscal year as known at {@code asOf}. */
    public IndicatorAnswer.Figures figures(Indicator indicator, List<AreaScope> areas, int fiscalYear, Instant asOf) {
        List<CouncilHead> councils = queries.councils();
        FiscalYear year = FiscalYear.of(fiscalYear);
        Map<String, CouncilFigures> figures = queries.figures(councils.stream().map(CouncilHead::councilId).toList(),
                year.firstDay(), year.lastDay(), asOf);
        List<IndicatorValue> values = new ArrayList<>();
        for (AreaScope area : areas) {
            List<CouncilFigures> of = councils.stream()
                    .filter(c -> c.level().equals(area.level().name()) && c.area().equals(area.code()))
                    .map(c -> figures.get(c.councilId())).toList();
            values.add(value(indicator, area, fiscalYear, of));
        }
        return new IndicatorAnswer.Figures(indicator.code(), indicator.label().ja(), indicator.label().en(),
                indicator.unit(), indicator.direction(), indicator.category(), values);
    }

    private IndicatorValue value(Indicator indicator, AreaScope area, int fiscalYear, List<CouncilFigures> of) {
        long total = 0;
        List<IndicatorValue.Breakdown> breakdowns = null;
        switch (indicator.code()) {
            case MEETINGS_HELD -> total = of.stream().mapToLong(CouncilFigures::meetingsHeld).sum();
            case ISSUES_DECIDED -> total = of.stream().mapToLong(CouncilFigures::issuesDecided).sum();
            case PARTICIPANTS -> {
                List<IndicatorValue.Cell> cells = new ArrayList<>();
                for (StakeholderType type : StakeholderType.values()) {
                    long count = of.stream().mapToLong(f -> f.participantsByStakeholderType()
                            .getOrDefault(type.name(), 0L)).sum();
                    total += count;
                    Label label = labels.label("councils.stakeholder." + type.name());
                    cells.add(new IndicatorValue.Cell(type.name(), label.ja(), label.en(), count, false));
                }
                Label dimension = labels.label("councils.stakeholderType");
                breakdowns = List.of(new IndicatorValue.Breakdown("stakeholderType", dimension.ja(), dimension.en(),
                        true, cells));
            }
            default -> throw new IllegalArgumentException("not a meeting indicator: " + indicator.code());
        }
        return new IndicatorValue(area.view(), fiscalYear, BigDecimal.valueOf(total), false, null, null, breakdowns);
    }
}
