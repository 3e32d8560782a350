package jp.nimo.projection.web.analytics;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.analytics.EvaluationAnswer;
import jp.nimo.projection.analytics.EvaluationAnswers;
import jp.nimo.projection.analytics.EvaluationRequest;
import jp.nimo.projection.indicators.ProjectedIndicators.Definition;
import jp.nimo.projection.indicators.ProjectedIndicators;
import jp.nimo.projection.shared.AggregateReaders;
import jp.nimo.projection.shared.KnowledgeTime;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.projection.web.Formats;
import jp.nimo.reference.Areas;
import jp.nimo.validation.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static jp.nimo.cases.RecordingWindow.JAPAN;

/**
 * /analytics/evaluation: an indicator before and after an intervention, against comparison areas. The
 * form posts to this page, which asks what POST /api/analytics/evaluations asks (same parser, reader
 * check and statistics) and shows the series as a chart and a table, and the rate ratio and the
 * difference in differences in words.
 */
@Controller
@Hidden
public class EvaluationPage {

    private final EvaluationAnswers answers;
    private final AggregateReaders readers;
    private final ProjectedIndicators projected;
    private final Areas areas;
    private final AreaChoices choices;
    private final Formats fmt;
    private final MessageSource messages;
    private final Clock clock;

    public EvaluationPage(EvaluationAnswers answers, AggregateReaders readers, ProjectedIndicators projected, Areas areas,
                          AreaChoices choices, Formats fmt, MessageSource messages, Clock clock) {
        this.answers = answers;
        this.readers = readers;
        this.projected = projected;
        this.areas = areas;
        this.choices = choices;
        this.fmt = fmt;
        this.messages = messages;
        this.clock = clock;
    }

    public record Question(String indicator, String area, String interventionOn, String monthsBefore,
                           String monthsAfter, List<String> comparisonAreas) {
    }

    /** One month of the table: the count of each area, in the order of the answer's series. */
    public record MonthRow(String month, boolean after, List<String> counts) {
    }

    /**
     * The statistics as sentences take them: numbers already written, and whether each interval
     * leaves out "no change" (1 for the ratio, 0 for the difference). A null number is not shown.
     */
    public record Findings(String ratio, String ratioLower, String ratioUpper, boolean ratioClear, String ratioNote,
                           boolean compared, String did, String didLower, String didUpper, boolean didClear,
                           String didNote, String unit) {
    }

    @GetMapping("/analytics/evaluation")
    public String form(@AuthenticationPrincipal NimoUser user, Model model) {
        readers.admit(user);
        LocalDate firstOfMonth = LocalDate.now(clock.withZone(JAPAN)).withDayOfMonth(1);
        // twelve whole months after a start a year ago: the last one is last month, which is over
        frame(model, new Question(null, choices.firstRegion(), firstOfMonth.minusMonths(12).toString(), "12", "12",
                List.of()), FormProblems.none());
        return "analytics/evaluation";
    }

    @PostMapping("/analytics/evaluation")
    public String evaluate(@RequestParam(name = "indicator", required = false) String indicator,
                           @RequestParam(name = "area", required = false) String area,
                           @RequestParam(name = "interventionOn", required = false) String interventionOn,
                           @RequestParam(name = "monthsBefore", required = false) String monthsBefore,
                           @RequestParam(name = "monthsAfter", required = false) String monthsAfter,
                           @RequestParam(name = "comparisonAreas", required = false) List<String> comparisonAreas,
                           @AuthenticationPrincipal NimoUser user, Model model, HttpServletResponse response) {
        Disclosure disclosure = readers.admit(user);
        Question question = new Question(indicator, area, interventionOn, monthsBefore, monthsAfter,
                comparisonAreas == null ? List.of() : comparisonAreas);
        QuestionBody body = QuestionBody.object().text("indicator", indicator).text("area", area)
                .text("interventionOn", interventionOn).integer("monthsBefore", monthsBefore)
                .integer("monthsAfter", monthsAfter).texts("comparisonAreas", comparisonAreas);
        FormProblems problems = FormProblems.none();
        try {
            Instant now = KnowledgeTime.of(Instant.now(clock));
            EvaluationRequest request = EvaluationRequest.parse(body.node(), projected, areas,
                    LocalDate.ofInstant(now, JAPAN));
            EvaluationAnswer answer = answers.answer(request, now, disclosure);
            String unit = messages.getMessage("analytics.unit." + answer.indicator().unit(), null,
                    answer.indicator().unit(), LocaleContextHolder.getLocale());
            model.addAttribute("answer", answer);
            model.addAttribute("months", months(answer, disclosure));
            model.addAttribute("chart", chart(answer, unit));
            String counter = messages.getMessage("analytics.counter." + answer.indicator().unit(), null,
                    "", LocaleContextHolder.getLocale());
            model.addAttribute("findings", findings(answer, counter));
        } catch (InvalidInputException e) {
            problems = FormProblems.of(e.errors(), "evaluation", Map.of());
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        model.addAttribute("threshold", disclosure.threshold());
        frame(model, question, problems);
        return "analytics/evaluation";
    }

    private void frame(Model model, Question question, FormProblems problems) {
        // a rate has no Poisson rate ratio: the API refuses it, so the form does not offer it
        model.addAttribute("indicators", projected.all().stream()
                .filter(d -> d.shape().counts()).map(Definition::indicator).toList());
        model.addAttribute("areaGroups", choices.groups());
        model.addAttribute("question", question);
        model.addAttribute("problems", problems);
    }

    private List<MonthRow> months(EvaluationAnswer answer, Disclosure disclosure) {
        List<MonthRow> rows = new ArrayList<>();
        List<EvaluationAnswer.Month> treated = answer.series().get(0).months();
        for (int m = 0; m < treated.size(); m++) {
            List<String> counts = new ArrayList<>();
            for (EvaluationAnswer.Series series : answer.series()) {
                EvaluationAnswer.Month month = series.months().get(m);
                counts.add(fmt.count(month.count(), month.suppressed(), disclosure.threshold()));
            }
            rows.add(new MonthRow(treated.get(m).month(), "AFTER".equals(treated.get(m).period()), counts));
        }
        return rows;
    }

    /** The treated area before and after as two lines (the split is the intervention), comparison areas dashed. */
    private String chart(EvaluationAnswer answer, String unit) {
        boolean english = Formats.english();
        List<EvaluationAnswer.Month> treated = answer.series().get(0).months();
        ChartSpec spec = new ChartSpec("line", treated.stream().map(m -> fmt.month(m.month())).toList(), unit);
        EvaluationAnswer.Series area = answer.series().get(0);
        String name = english ? area.area().labelEn() : area.area().label();
        List<Long> before = new ArrayList<>();
        List<Long> after = new ArrayList<>();
        for (EvaluationAnswer.Month month : area.months()) {
            boolean isAfter = "AFTER".equals(month.period());
            before.add(isAfter ? null : month.count());
            after.add(isAfter ? month.count() : null);
        }
        spec.dataset(text("analytics.evaluation.chart.before", name), before, false);
        spec.dataset(text("analytics.evaluation.chart.after", name), after, false);
        for (EvaluationAnswer.Series comparison : answer.series().subList(1, answer.series().size())) {
            spec.dataset(text("analytics.evaluation.chart.comparison",
                            english ? comparison.area().labelEn() : comparison.area().label()),
                    comparison.months().stream().map(EvaluationAnswer.Month::count).toList(), true);
        }
        return spec.json();
    }

    private Findings findings(EvaluationAnswer answer, String unit) {
        EvaluationAnswer.RateRatio rr = answer.rateRatio();
        EvaluationAnswer.DifferenceInDifferences did = answer.differenceInDifferences();
        boolean ratioClear = rr.lower() != null && rr.upper() != null && (rr.lower() > 1 || rr.upper() < 1);
        boolean didClear = did != null && did.lower() != null && did.upper() != null && (did.lower() > 0 || did.upper() < 0);
        return new Findings(number(rr.estimate(), 2), number(rr.lower(), 2), number(rr.upper(), 2), ratioClear,
                note(rr.note()), did != null, did == null ? null : signed(did.estimate()),
                did == null ? null : signed(did.lower()), did == null ? null : signed(did.upper()), didClear,
                did == null ? null : note(did.note()), unit);
    }

    /** The API's note (English, for programs) as the key of the words a person reads. */
    private static String note(String note) {
        if (note == null) {
            return null;
        }
        if (note.startsWith("interval withheld")) {
            return "analytics.evaluation.intervalWithheld";
        }
        return note.startsWith("withheld") ? "analytics.evaluation.withheld" : "analytics.evaluation.undefined";
    }

    private static String number(Double value, int decimals) {
        return value == null ? null : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A difference with the typographic minus, which reads apart from the range's 〜 and a hyphen. */
    private static String signed(Double value) {
        String text = number(value, 1);
        return text == null ? null : text.replace('-', '\u2212');
    }

    private String text(String key, String area) {
        return messages.getMessage(key, new Object[]{area}, key, LocaleContextHolder.getLocale());
    }
}
