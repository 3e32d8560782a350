package jp.nimo.projection.issueplane.targets;

import jp.nimo.projection.councils.MeetingIndicators;
import jp.nimo.projection.indicators.IndicatorAnswer;
import jp.nimo.projection.indicators.IndicatorTables.AreaTable;
import jp.nimo.projection.indicators.IndicatorTables;
import jp.nimo.projection.indicators.IndicatorValue;
import jp.nimo.projection.indicators.ProjectedIndicators.Definition;
import jp.nimo.projection.indicators.ProjectedIndicators;
import jp.nimo.projection.issueplane.targets.IssueTargetsAnswer.ProjectedActual;
import jp.nimo.projection.issueplane.targets.IssueTargetsAnswer.RecordedActual;
import jp.nimo.projection.issueplane.targets.IssueTargetsAnswer.TargetFigures;
import jp.nimo.projection.shared.AreaScope;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.projection.shared.CsvDownload;
import jp.nimo.projection.shared.KnowledgeTime;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.reference.AreaLevel;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Indicator;
import jp.nimo.reference.Indicators;
import jp.nimo.reference.Label;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.reference.RegionCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An issue's targets against its actuals, as known at a time. Reads the issue plane's tables (the issue's
 * area, its targets and recorded actuals) and nothing else of them; the projected actual comes from the
 * indicator projection, read through the same suppressed area tables as GET /api/indicators.
 */
@Component
public class IssueTargets {

    private static final String PROJECTION = "PROJECTION";
    private static final List<String> AUTHORITY = List.of("OFFICIAL_STATISTIC", "MANUAL", PROJECTION);
    /** Units that do not count people or events: a small value of these points at no one. */
    private static final Set<String> NOT_COUNTS = Set.of("percent", "days");

    private final JdbcTemplate jdbc;
    private final IndicatorTables tables;
    private final ProjectedIndicators projected;
    private final Indicators indicators;
    private final Areas areas;
    private final MeetingIndicators meetings;

    public IssueTargets(JdbcTemplate jdbc, IndicatorTables tables, ProjectedIndicators projected, Indicators indicators,
                        Areas areas, MeetingIndicators meetings) {
        this.meetings = meetings;
        this.jdbc = jdbc;
        this.tables = tables;
        this.projected = projected;
        this.indicators = indicators;
        this.areas = areas;
    }

    private record Head(AreaLevel level, String code) {
    }

    private record Target(String indicator, int fiscalYear, String unit, String direction, BigDecimal baseline,
                          BigDecimal target) {
    }

    private record Actual(String indicator, int fiscalYear, BigDecimal value, String source, LocalDate at,
                          Instant recordedAt) {
    }

    public Optional<IssueTargetsAnswer> of(String issueId, AsOf asOf, Disclosure disclosure) {
        Optional<Head> head = jdbc.query("SELECT area_level, municipality, region, prefecture FROM issue_board_version"
                        + " WHERE issue_id = ? AND " + valid(asOf),
                (row, n) -> {
                    AreaLevel level = AreaLevel.valueOf(row.getString("area_level"));
                    return new Head(level, switch (level) {
                        case MUNICIPALITY -> row.getString("municipality");
                        case REGION -> row.getString("region");
                        case PREFECTURE -> row.getString("prefecture");
                    });
                }, parameters(issueId, asOf)).stream().findFirst();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<Target> targets = jdbc.query("SELECT indicator, fiscal_year, unit, direction, baseline, target"
                        + " FROM issue_target_version WHERE issue_id = ? AND " + valid(asOf) + " ORDER BY fiscal_year, indicator",
                (row, n) -> new Target(row.getString("indicator"), row.getInt("fiscal_year"), row.getString("unit"),
                        row.getString("direction"), row.getBigDecimal("baseline"), row.getBigDecimal("target")),
                parameters(issueId, asOf));
        List<Actual> actuals = jdbc.query("SELECT indicator, fiscal_year, value, source, at, recorded_at FROM issue_actual"
                        + " WHERE issue_id = ? AND " + (asOf.given() ? "recorded_at <= ?" : "TRUE") + " ORDER BY sequence",
                (row, n) -> new Actual(row.getString("indicator"), row.getInt("fiscal_year"), row.getBigDecimal("value"),
                        row.getString("source"), row.getObject("at", LocalDate.class), KnowledgeTime.read(row, "recorded_at")),
                asOf.given() ? new Object[]{issueId, KnowledgeTime.column(asOf.at())} : new Object[]{issueId});

        List<TargetFigures> figures = new ArrayList<>();
        for (Target target : targets) {
            Optional<Indicator> indicator = indicators.indicator(target.indicator());
            String unit = indicator.map(Indicator::unit).orElse(target.unit());
            boolean fromProjection = indicator.map(i -> PROJECTION.equals(i.source())).orElse(false);
            ProjectedActual projectedActual = projectedActual(target, head.get(), asOf.at(), disclosure);
            List<RecordedActual> recorded = actuals.stream()
                    .filter(a -> a.indicator().equals(target.indicator()) && a.fiscalYear() == target.fiscalYear())
                    .map(a -> {
                        boolean hide = hides(disclosure, unit, a.value(), fromProjection || PROJECTION.equals(a.source()));
                        return new RecordedActual(hide ? null : a.value(), hide, a.source(), a.at(), a.recordedAt(),
                                hide ? null : met(target, a.value()));
                    }).toList();
            boolean hideBaseline = hides(disclosure, unit, target.baseline(), fromProjection);
            Verdict verdict = verdict(target, recorded, projectedActual);
            Label label = indicator.map(Indicator::label).orElse(new Label(target.indicator(), target.indicator()));
            figures.add(new TargetFigures(target.indicator(), label.ja(), label.en(), target.fiscalYear(),
                    target.unit(), target.direction(), hideBaseline ? null : target.baseline(), hideBaseline,
                    target.target(), projectedActual, recorded, verdict.met(), verdict.by()));
        }
        return Optional.of(new IssueTargetsAnswer(issueId, area(head.get()).view(), asOf.at(),
                new IndicatorAnswer.Suppression(disclosure.suppresses(), disclosure.threshold()), figures));
    }

    private ProjectedActual projectedActual(Target target, Head head, Instant asOf, Disclosure disclosure) {
        Optional<Definition> definition = projected.definition(target.indicator());
        if (definition.isEmpty()) {
            // computed from the council meetings of the issue's area (meetings held, participants, issues decided)
            return meetings.indicator(target.indicator()).map(indicator -> {
                IndicatorValue value = meetings.figures(indicator, List.of(area(head)), target.fiscalYear(), asOf)
                        .values().get(0);
                return new ProjectedActual(value.value(), null, null, false, PROJECTION, met(target, value.value()));
            }).orElse(null);
        }
        AreaTable table = tables.tableOf(definition.get().family(), head.level(), head.code(), target.fiscalYear(), asOf,
                disclosure);
        IndicatorValue value = tables.value(definition.get(), table, table.area(head.code()));
        return new ProjectedActual(value.value(), value.numerator(), value.denominator(), value.suppressed(), PROJECTION,
                value.value() == null ? null : met(target, value.value()));
    }

    private record Verdict(Boolean met, String by) {
    }

    /** Judged on the most authoritative figure; unknown when that figure is hidden, since "not met" would tell it. */
    private static Verdict verdict(Target target, List<RecordedActual> recorded, ProjectedActual projectedActual) {
        for (String source : AUTHORITY) {
            Optional<RecordedActual> latest = recorded.stream().filter(a -> a.source().equals(source))
                    .reduce((first, second) -> second);
            if (latest.isPresent()) {
                return new Verdict(latest.get().met(), source);
            }
        }
        if (projectedActual != null) {
            return new Verdict(projectedActual.met(), PROJECTION);
        }
        return new Verdict(null, null);
    }

    /** Met given the direction: at least the target for INCREASE, at most for DECREASE; MONITOR sets none. */
    static Boolean met(Target target, BigDecimal value) {
        return switch (target.direction()) {
            case "INCREASE" -> value.compareTo(target.target()) >= 0;
            case "DECREASE" -> value.compareTo(target.target()) <= 0;
            default -> null;
        };
    }

    /**
     * A recorded figure is hidden like the issue file hides it (a small number of cases or persons), and
     * also when it is a small count of an indicator computed from case events: copied from the projection,
     * it would show what the projection hides.
     */
    private static boolean hides(Disclosure disclosure, String unit, BigDecimal value, boolean countFromCases) {
        if (disclosure.hidesValue(unit, value)) {
            return true;
        }
        return countFromCases && disclosure.suppresses() && value != null && !NOT_COUNTS.contains(unit)
                && value.signum() > 0 && value.compareTo(BigDecimal.valueOf(disclosure.threshold())) < 0;
    }

    private AreaScope area(Head head) {
        return switch (head.level()) {
            case MUNICIPALITY -> AreaScope.of(areas.municipality(MunicipalityCode.of(head.code())).orElseThrow());
            case REGION -> AreaScope.of(areas.region(RegionCode.of(head.code())).orElseThrow());
            case PREFECTURE -> new AreaScope(AreaLevel.PREFECTURE, head.code(),
                    areas.prefectures().getOrDefault(head.code(), new Label(head.code(), head.code())), List.of());
        };
    }

    private static String valid(AsOf asOf) {
        return asOf.given() ? "recorded_from <= ? AND (recorded_to IS NULL OR recorded_to > ?)" : "recorded_to IS NULL";
    }

    private static Object[] parameters(String issueId, AsOf asOf) {
        return asOf.given() ? new Object[]{issueId, KnowledgeTime.column(asOf.at()), KnowledgeTime.column(asOf.at())}
                : new Object[]{issueId};
    }

    /** The answer as CSV: one row per target and figure (projected and recorded). */
    public static CsvDownload csv(IssueTargetsAnswer answer) {
        CsvDownload csv = new CsvDownload("issue_id", "area_code", "area_label", "indicator", "indicator_label",
                "fiscal_year", "unit", "direction", "baseline", "target", "figure", "source", "value", "suppressed",
                "met", "at", "recorded_at", "as_of");
        for (TargetFigures t : answer.targets()) {
            if (t.projectedActual() != null) {
                ProjectedActual p = t.projectedActual();
                csv.row(answer.issueId(), answer.area().code(), answer.area().label(), t.indicator(), t.label(),
                        t.fiscalYear(), t.unit(), t.direction(), t.baseline(), t.target(), "PROJECTED_ACTUAL", p.source(),
                        p.value(), p.suppressed(), p.met(), null, null, answer.asOf());
            }
            for (RecordedActual a : t.actuals()) {
                csv.row(answer.issueId(), answer.area().code(), answer.area().label(), t.indicator(), t.label(),
                        t.fiscalYear(), t.unit(), t.direction(), t.baseline(), t.target(), "RECORDED_ACTUAL", a.source(),
                        a.value(), a.suppressed(), a.met(), a.at(), a.recordedAt(), answer.asOf());
            }
            csv.row(answer.issueId(), answer.area().code(), answer.area().label(), t.indicator(), t.label(),
                    t.fiscalYear(), t.unit(), t.direction(), t.baseline(), t.target(), "VERDICT", t.metBy(), null, null,
                    t.met(), null, null, answer.asOf());
        }
        return csv;
    }
}
