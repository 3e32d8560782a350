package jp.nimo.projection.web.analytics;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.indicators.IndicatorAnswer;
import jp.nimo.projection.indicators.IndicatorQuestions;
import jp.nimo.projection.indicators.IndicatorValue;
import jp.nimo.projection.indicators.ProjectedIndicators.Definition;
import jp.nimo.projection.indicators.ProjectedIndicators;
import jp.nimo.projection.shared.AggregateReaders;
import jp.nimo.projection.shared.AreaScope;
import jp.nimo.projection.shared.CsvDownload;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.projection.web.Formats;
import jp.nimo.reference.FiscalYear;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * /indicators: one indicator per area across fiscal years, as a table and a chart, with the API's CSV for
 * each year. The figures are GET /api/indicators' own (same question, same reader check, same suppression),
 * asked once per fiscal year.
 */
@Controller
@Hidden
public class IndicatorsPage {

    /** Ten years: as far back as a worker may date an event. */
    static final int MAX_YEARS = 10;
    private static final String DEFAULT_INDICATOR = "RENTAL_REFUSALS";

    private final IndicatorQuestions questions;
    private final AggregateReaders readers;
    private final ProjectedIndicators projected;
    private final AreaChoices areas;
    private final Formats fmt;
    private final MessageSource messages;
    private final Clock clock;

    public IndicatorsPage(IndicatorQuestions questions, AggregateReaders readers, ProjectedIndicators projected,
                          AreaChoices areas, Formats fmt, MessageSource messages, Clock clock) {
        this.questions = questions;
        this.readers = readers;
        this.projected = projected;
        this.areas = areas;
        this.fmt = fmt;
        this.messages = messages;
        this.clock = clock;
    }

    /** One area's row: its figure for each fiscal year of the range. */
    public record Row(AreaScope.View area, boolean region, List<Cell> cells) {
    }

    /** A figure as shown: {@code shown} is null where the figure is hidden as a small count. */
    public record Cell(int fiscalYear, String shown, boolean suppressed) {
    }

    public record CsvLink(int fiscalYear, String href) {
    }

    @GetMapping("/indicators")
    public String indicators(@RequestParam(name = "indicator", required = false) String indicator,
                             @RequestParam(name = "area", required = false) String area,
                             @RequestParam(name = "from", required = false) String from,
                             @RequestParam(name = "to", required = false) String to,
                             @RequestParam(name = "asOf", required = false) String asOf,
                             @org.springframework.security.core.annotation.AuthenticationPrincipal NimoUser user,
                             Model model, HttpServletResponse response) {
        Disclosure disclosure = readers.admit(user);
        List<Definition> computed = List.copyOf(projected.all());
        String code = blank(indicator) ? defaultIndicator(computed) : indicator.trim();
        String areaCode = area == null ? areas.firstRegion() : area.trim();
        int current = FiscalYear.containing(LocalDate.now(clock.withZone(Formats.JAPAN))).startYear();
        List<FieldError> errors = new ArrayList<>();
        Integer toYear = year(to, current, "to", errors);
        Integer fromYear = year(from, toYear == null ? current - 2 : toYear - 2, "from", errors);
        if (fromYear != null && toYear != null && (fromYear > toYear || toYear - fromYear >= MAX_YEARS)) {
            errors.add(new FieldError("from", "must not be after to, at most " + MAX_YEARS + " years"));
        }
        String municipality = areaCode != null && areaCode.matches("\\d{5}") ? areaCode : null;
        String region = areaCode != null && !areaCode.isEmpty() && municipality == null ? areaCode : null;

        List<IndicatorAnswer> answers = new ArrayList<>();
        if (errors.isEmpty()) {
            try {
                for (int year = fromYear; year <= toYear; year++) {
                    answers.add(questions.answer(disclosure, code, municipality, region, String.valueOf(year), asOf));
                }
            } catch (InvalidInputException e) {
                errors.addAll(e.errors());
                answers.clear();
            }
        }
        FormProblems problems = FormProblems.of(errors, "indicators", Map.of("municipality", "area", "region", "area",
                "fiscalYear", "from"));
        if (problems.any()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }

        model.addAttribute("indicators", computed.stream().map(Definition::indicator).toList());
        model.addAttribute("areaGroups", areas.groups());
        model.addAttribute("years", years(current));
        model.addAttribute("chosen", new Chosen(code, areaCode == null ? "" : areaCode,
                fromYear == null ? current - 2 : fromYear, toYear == null ? current : toYear, asOf == null ? "" : asOf));
        model.addAttribute("problems", problems);
        model.addAttribute("threshold", disclosure.threshold());
        if (!answers.isEmpty() && !answers.get(0).indicators().isEmpty()) {
            IndicatorAnswer.Figures first = answers.get(0).indicators().get(0);
            boolean rate = "percent".equals(first.unit());
            List<Row> rows = rows(answers, rate);
            model.addAttribute("figures", first);
            model.addAttribute("rate", rate);
            model.addAttribute("fiscalYears", answers.stream().map(IndicatorAnswer::fiscalYear).toList());
            model.addAttribute("rows", rows);
            model.addAttribute("suppression", answers.get(0).suppression());
            model.addAttribute("chart", chart(rows, answers, first.unit()));
            model.addAttribute("csvLinks", answers.stream().map(a -> new CsvLink(a.fiscalYear(),
                    csv(code, municipality, region, a.fiscalYear(), asOf))).toList());
        }
        return "analytics/indicators";
    }

    /** What the filter form shows as chosen. */
    public record Chosen(String indicator, String area, int from, int to, String asOf) {
    }

    private static List<Row> rows(List<IndicatorAnswer> answers, boolean rate) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (IndicatorAnswer answer : answers) {
            for (IndicatorValue value : answer.indicators().get(0).values()) {
                Row row = rows.computeIfAbsent(value.area().level() + ":" + value.area().code(),
                        k -> new Row(value.area(), "REGION".equals(value.area().level()), new ArrayList<>()));
                row.cells().add(new Cell(answer.fiscalYear(), value.suppressed() || value.value() == null ? null
                        : shown(value.value(), rate), value.suppressed()));
            }
        }
        return List.copyOf(rows.values());
    }

    private static String shown(BigDecimal value, boolean rate) {
        Locale locale = Formats.english() ? Locale.ENGLISH : Locale.JAPANESE;
        if (rate) {
            return value.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
        }
        return NumberFormat.getNumberInstance(locale).format(value);
    }

    /** Bars per area, one colour per fiscal year; a hidden figure is a gap, never a zero. */
    private String chart(List<Row> rows, List<IndicatorAnswer> answers, String unit) {
        boolean english = Formats.english();
        List<String> labels = rows.stream().map(r -> english ? r.area().labelEn() : r.area().label()).toList();
        ChartSpec spec = new ChartSpec("bar", labels, unitLabel(unit));
        for (IndicatorAnswer answer : answers) {
            List<BigDecimal> data = new ArrayList<>();
            for (IndicatorValue value : answer.indicators().get(0).values()) {
                data.add(value.suppressed() ? null : value.value());
            }
            spec.dataset(fmt.fiscalYear(answer.fiscalYear()), data, false);
        }
        return spec.json();
    }

    private String unitLabel(String unit) {
        return messages.getMessage("analytics.unit." + unit, null, unit, LocaleContextHolder.getLocale());
    }

    /** The API's own CSV for one fiscal year of the same question; the session authorises it. */
    private static String csv(String indicator, String municipality, String region, int fiscalYear, String asOf) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/indicators").queryParam("indicator", indicator);
        if (municipality != null) {
            uri.queryParam("municipality", municipality);
        }
        if (region != null) {
            uri.queryParam("region", region);
        }
        uri.queryParam("fiscalYear", fiscalYear);
        if (!blank(asOf)) {
            uri.queryParam("asOf", asOf.trim());
        }
        return uri.queryParam(CsvDownload.FORMAT, "csv").encode().build().toUriString();
    }

    private static List<Integer> years(int current) {
        List<Integer> years = new ArrayList<>();
        for (int year = current; year > current - MAX_YEARS; year--) {
            years.add(year);
        }
        return years;
    }

    private static Integer year(String value, int otherwise, String field, List<FieldError> errors) {
        if (blank(value)) {
            return otherwise;
        }
        try {
            return FiscalYear.of(Integer.parseInt(value.trim())).startYear();
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be the year a fiscal year starts in"));
            return null;
        }
    }

    private static String defaultIndicator(List<Definition> computed) {
        return computed.stream().map(Definition::code).filter(DEFAULT_INDICATOR::equals).findFirst()
                .orElse(computed.isEmpty() ? null : computed.get(0).code());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
