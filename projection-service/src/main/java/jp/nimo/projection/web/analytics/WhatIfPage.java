package jp.nimo.projection.web.analytics;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.analytics.WhatIfAnswer;
import jp.nimo.projection.analytics.WhatIfAnswers;
import jp.nimo.projection.analytics.WhatIfRequest;
import jp.nimo.projection.shared.AggregateReaders;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Label;
import jp.nimo.validation.InvalidInputException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jp.nimo.projection.web.Formats;
import jp.nimo.projection.web.ReferenceLabels;

/**
 * /analytics/what-if: detection replayed with another rule. The form posts to this page, which asks
 * exactly what POST /api/analytics/what-if asks (the same parser, reader check and replay) and shows the
 * candidates; nothing is stored, as with the API.
 */
@Controller
@Hidden
public class WhatIfPage {

    private final WhatIfAnswers answers;
    private final AggregateReaders readers;
    private final Categories categories;
    private final AreaChoices areas;
    private final ReferenceLabels labels;
    private final Clock clock;

    public WhatIfPage(WhatIfAnswers answers, AggregateReaders readers, Categories categories, AreaChoices areas,
                      ReferenceLabels labels, Clock clock) {
        this.answers = answers;
        this.readers = readers;
        this.categories = categories;
        this.areas = areas;
        this.labels = labels;
        this.clock = clock;
    }

    /** The form's values: what was sent, or the live rule's usual settings over the last year. */
    public record Question(String category, String minSignals, String minDistinctCases, String windowDays,
                           String areaLevel, String from, String to) {
    }

    @GetMapping("/analytics/what-if")
    public String form(@AuthenticationPrincipal NimoUser user, Model model) {
        readers.admit(user);
        LocalDate today = LocalDate.now(clock.withZone(Formats.JAPAN));
        frame(model, new Question("C04", "3", "3", "90", "MUNICIPALITY", today.minusYears(1).toString(),
                today.toString()), FormProblems.none());
        return "analytics/what-if";
    }

    @PostMapping("/analytics/what-if")
    public String replay(@RequestParam(name = "category", required = false) String category,
                         @RequestParam(name = "minSignals", required = false) String minSignals,
                         @RequestParam(name = "minDistinctCases", required = false) String minDistinctCases,
                         @RequestParam(name = "windowDays", required = false) String windowDays,
                         @RequestParam(name = "areaLevel", required = false) String areaLevel,
                         @RequestParam(name = "from", required = false) String from,
                         @RequestParam(name = "to", required = false) String to,
                         @AuthenticationPrincipal NimoUser user, Model model, HttpServletResponse response) {
        Disclosure disclosure = readers.admit(user);
        Question question = new Question(category, minSignals, minDistinctCases, windowDays, areaLevel, from, to);
        QuestionBody body = QuestionBody.object()
                .object("rule", QuestionBody.object().text("category", category).integer("minSignals", minSignals)
                        .integer("minDistinctCases", minDistinctCases).integer("windowDays", windowDays)
                        .text("areaLevel", areaLevel))
                .text("from", from).text("to", to);
        FormProblems problems = FormProblems.none();
        try {
            WhatIfAnswer answer = answers.answer(WhatIfRequest.parse(body.node(), categories), disclosure);
            model.addAttribute("answer", answer);
            model.addAttribute("categoryLabel", labels.category(answer.rule().category()));
            // the answer names kinds in Japanese only; the page speaks the reader's language
            Map<String, Label> kinds = new java.util.HashMap<>();
            answer.candidates().forEach(c -> c.evidence().forEach(e -> kinds.put(e.kind(), labels.kind(e.kind()))));
            model.addAttribute("kindLabels", kinds);
        } catch (InvalidInputException e) {
            problems = FormProblems.of(e.errors(), "whatIf", Map.of("rule.category", "category",
                    "rule.minSignals", "minSignals", "rule.minDistinctCases", "minDistinctCases",
                    "rule.windowDays", "windowDays", "rule.areaLevel", "areaLevel", "rule", "category"));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        model.addAttribute("threshold", disclosure.threshold());
        frame(model, question, problems);
        return "analytics/what-if";
    }

    private void frame(Model model, Question question, FormProblems problems) {
        model.addAttribute("categories", categories.all().stream().toList());
        model.addAttribute("areaLevels", List.of("MUNICIPALITY", "REGION"));
        model.addAttribute("question", question);
        model.addAttribute("problems", problems);
        model.addAttribute("areas", areas);
    }
}
