package jp.nimo.projection.analytics;

import jp.nimo.projection.indicators.IndicatorAnswer;
import jp.nimo.projection.indicators.IndicatorQueries;
import jp.nimo.projection.shared.AreaScope;
import jp.nimo.projection.shared.CsvDownload;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.projection.shared.SuppressedTable;
import jp.nimo.reference.Indicator;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the monthly series of an evaluation from the indicator projection and puts the statistics
 * beside them. For a viewer who sees small counts suppressed, the series, the areas' period totals and
 * the comparison areas' pooled totals are one suppressed table; the rate ratio is shown only when the
 * treated area's totals are (it is made of them), the DiD estimate only when the treated and pooled
 * comparison totals are (in a balanced design it is made of those four), and its interval only when no
 * month is hidden (the residual variance is made of the months).
 */
@Component
public class EvaluationAnswers {

    static final String RATE_RATIO_METHOD = "Poisson rate ratio after/before; 95% interval exp(log RR ± z·√(1/a + 1/b)),"
            + " z from the normal distribution";
    static final String DID_METHOD = "OLS of area-month counts on treated, post and treated×post; 95% interval"
            + " estimate ± t·SE on n − 4 degrees of freedom";
    static final String WITHHELD = "withheld: it would show a count hidden as a small count";

    private final IndicatorQueries queries;

    public EvaluationAnswers(IndicatorQueries queries) {
        this.queries = queries;
    }

    public EvaluationAnswer answer(EvaluationRequest request, Instant asOf, Disclosure disclosure) {
        List<AreaScope> areas = new ArrayList<>();
        areas.add(request.area());
        areas.addAll(request.comparisonAreas());
        Set<String> municipalities = new LinkedHashSet<>();
        areas.forEach(a -> municipalities.addAll(a.municipalities()));
        Map<String, Map<LocalDate, Long>> monthly = queries.monthly(request.indicator().family().measure(),
                request.indicator().valuePart(), municipalities, request.firstBeforeMonth(), request.lastAfterMonth(), asOf);
        List<LocalDate> beforeMonths = months(request.firstBeforeMonth(), request.lastBeforeMonth());
        List<LocalDate> afterMonths = months(request.firstAfterMonth(), request.lastAfterMonth());

        // the counts, area by area (0 is the treated one)
        long[][] before = new long[areas.size()][beforeMonths.size()];
        long[][] after = new long[areas.size()][afterMonths.size()];
        SuppressedTable.Builder cells = SuppressedTable.builder();
        for (int a = 0; a < areas.size(); a++) {
            List<String> beforeCells = new ArrayList<>();
            List<String> afterCells = new ArrayList<>();
            long beforeTotal = 0;
            long afterTotal = 0;
            for (int m = 0; m < beforeMonths.size(); m++) {
                before[a][m] = count(monthly, areas.get(a), beforeMonths.get(m));
                beforeTotal += before[a][m];
                cells.cell(cell(a, beforeMonths.get(m)), before[a][m]);
                beforeCells.add(cell(a, beforeMonths.get(m)));
            }
            for (int m = 0; m < afterMonths.size(); m++) {
                after[a][m] = count(monthly, areas.get(a), afterMonths.get(m));
                afterTotal += after[a][m];
                cells.cell(cell(a, afterMonths.get(m)), after[a][m]);
                afterCells.add(cell(a, afterMonths.get(m)));
            }
            cells.cell(a + "|before", beforeTotal).cell(a + "|after", afterTotal);
            cells.relation(a + "|before", beforeCells).relation(a + "|after", afterCells);
        }
        if (areas.size() > 1) {
            long pooledBefore = 0;
            long pooledAfter = 0;
            List<String> beforeParts = new ArrayList<>();
            List<String> afterParts = new ArrayList<>();
            for (int a = 1; a < areas.size(); a++) {
                for (long c : before[a]) {
                    pooledBefore += c;
                }
                for (long c : after[a]) {
                    pooledAfter += c;
                }
                beforeParts.add(a + "|before");
                afterParts.add(a + "|after");
            }
            cells.cell("C|before", pooledBefore).cell("C|after", pooledAfter);
            cells.relation("C|before", beforeParts).relation("C|after", afterParts);
        }
        SuppressedTable table = disclosure.suppresses() ? cells.suppressed(disclosure.threshold()) : cells.disclosed();

        List<EvaluationAnswer.Series> series = new ArrayList<>();
        for (int a = 0; a < areas.size(); a++) {
            List<EvaluationAnswer.Month> months = new ArrayList<>();
            for (LocalDate month : beforeMonths) {
                months.add(new EvaluationAnswer.Month(month.toString().substring(0, 7), "BEFORE",
                        table.shown(cell(a, month)), 1, table.isHidden(cell(a, month))));
            }
            for (LocalDate month : afterMonths) {
                months.add(new EvaluationAnswer.Month(month.toString().substring(0, 7), "AFTER",
                        table.shown(cell(a, month)), 1, table.isHidden(cell(a, month))));
            }
            series.add(new EvaluationAnswer.Series(areas.get(a).view(), a == 0 ? "TREATED" : "COMPARISON", months,
                    total(table, a + "|before", beforeMonths.size()), total(table, a + "|after", afterMonths.size())));
        }

        EvaluationAnswer.RateRatio rateRatio = rateRatio(before[0], after[0], table);
        EvaluationAnswer.DifferenceInDifferences did = differenceInDifferences(before, after, areas.size(), table);
        Indicator indicator = request.indicator().indicator();
        return new EvaluationAnswer(new EvaluationAnswer.Indicator(indicator.code(), indicator.label().ja(),
                indicator.label().en(), indicator.unit(), indicator.direction()), request.area().view(),
                request.interventionOn(), period(beforeMonths), period(afterMonths), asOf,
                new IndicatorAnswer.Suppression(disclosure.suppresses(), disclosure.threshold()), series, rateRatio, did);
    }

    private static EvaluationAnswer.RateRatio rateRatio(long[] before, long[] after, SuppressedTable table) {
        if (table.isHidden("0|before") || table.isHidden("0|after")) {
            return new EvaluationAnswer.RateRatio(null, null, null, InterventionEvaluation.CONFIDENCE, RATE_RATIO_METHOD,
                    WITHHELD);
        }
        return InterventionEvaluation.rateRatio(sum(before), before.length, sum(after), after.length)
                .map(r -> new EvaluationAnswer.RateRatio(r.estimate(), r.lower(), r.upper(),
                        InterventionEvaluation.CONFIDENCE, RATE_RATIO_METHOD, null))
                .orElse(new EvaluationAnswer.RateRatio(null, null, null, InterventionEvaluation.CONFIDENCE,
                        RATE_RATIO_METHOD, "undefined: no events before or after the intervention"));
    }

    private static EvaluationAnswer.DifferenceInDifferences differenceInDifferences(long[][] before, long[][] after,
                                                                                    int areas, SuppressedTable table) {
        if (areas < 2) {
            return null;
        }
        if (table.isHidden("0|before") || table.isHidden("0|after") || table.isHidden("C|before")
                || table.isHidden("C|after")) {
            return new EvaluationAnswer.DifferenceInDifferences(null, null, null, null, null, null,
                    InterventionEvaluation.CONFIDENCE, DID_METHOD, WITHHELD);
        }
        List<InterventionEvaluation.Observation> observations = new ArrayList<>();
        for (int a = 0; a < areas; a++) {
            for (long count : before[a]) {
                observations.add(new InterventionEvaluation.Observation(count, a == 0, false));
            }
            for (long count : after[a]) {
                observations.add(new InterventionEvaluation.Observation(count, a == 0, true));
            }
        }
        boolean monthsHidden = table.anyHidden();
        return InterventionEvaluation.differenceInDifferences(observations)
                .map(d -> new EvaluationAnswer.DifferenceInDifferences(d.estimate(),
                        monthsHidden ? null : d.standardError(), monthsHidden ? null : d.lower(),
                        monthsHidden ? null : d.upper(), d.observations(), d.degreesOfFreedom(),
                        InterventionEvaluation.CONFIDENCE, DID_METHOD,
                        monthsHidden ? "interval " + WITHHELD : null))
                .orElse(new EvaluationAnswer.DifferenceInDifferences(null, null, null, null, observations.size(), null,
                        InterventionEvaluation.CONFIDENCE, DID_METHOD, "undefined: too few area-months"));
    }

    private static EvaluationAnswer.Total total(SuppressedTable table, String cell, int months) {
        Long count = table.shown(cell);
        return new EvaluationAnswer.Total(count, months, count == null ? null : (double) count / months,
                table.isHidden(cell));
    }

    private static long count(Map<String, Map<LocalDate, Long>> monthly, AreaScope area, LocalDate month) {
        long count = 0;
        for (String municipality : area.municipalities()) {
            count += monthly.getOrDefault(municipality, Map.of()).getOrDefault(month, 0L);
        }
        return Math.max(0, count);
    }

    private static long sum(long[] counts) {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    private static String cell(int area, LocalDate month) {
        return area + "|" + month.toString().substring(0, 7);
    }

    private static List<LocalDate> months(LocalDate from, LocalDate to) {
        List<LocalDate> months = new ArrayList<>();
        for (LocalDate m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    private static EvaluationAnswer.Period period(List<LocalDate> months) {
        return new EvaluationAnswer.Period(months.get(0).toString().substring(0, 7),
                months.get(months.size() - 1).toString().substring(0, 7), months.size());
    }

    /** The answer as CSV: the series, one row per area and month, then a row per statistic. */
    public static CsvDownload csv(EvaluationAnswer answer) {
        CsvDownload csv = new CsvDownload("section", "indicator", "area_code", "area_label", "role", "month", "period",
                "count", "exposure_months", "estimate", "lower", "upper", "suppressed", "note");
        String code = answer.indicator().code();
        for (EvaluationAnswer.Series s : answer.series()) {
            for (EvaluationAnswer.Month m : s.months()) {
                csv.row("SERIES", code, s.area().code(), s.area().label(), s.role(), m.month(), m.period(), m.count(),
                        m.exposureMonths(), null, null, null, m.suppressed(), null);
            }
            csv.row("TOTAL", code, s.area().code(), s.area().label(), s.role(), null, "BEFORE", s.before().count(),
                    s.before().exposureMonths(), s.before().perMonth(), null, null, s.before().suppressed(), null);
            csv.row("TOTAL", code, s.area().code(), s.area().label(), s.role(), null, "AFTER", s.after().count(),
                    s.after().exposureMonths(), s.after().perMonth(), null, null, s.after().suppressed(), null);
        }
        EvaluationAnswer.RateRatio rr = answer.rateRatio();
        csv.row("RATE_RATIO", code, answer.area().code(), answer.area().label(), "TREATED", null, null, null, null,
                rr.estimate(), rr.lower(), rr.upper(), rr.estimate() == null && WITHHELD.equals(rr.note()), rr.note());
        EvaluationAnswer.DifferenceInDifferences did = answer.differenceInDifferences();
        if (did != null) {
            csv.row("DIFFERENCE_IN_DIFFERENCES", code, answer.area().code(), answer.area().label(), "TREATED", null, null,
                    null, null, did.estimate(), did.lower(), did.upper(), did.note() != null && did.note().contains("withheld"),
                    did.note());
        }
        return csv;
    }
}
