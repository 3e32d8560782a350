package jp.nimo.projection.analytics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.indicators.ProjectedIndicators;
import jp.nimo.projection.shared.AggregateReaders;
import jp.nimo.projection.shared.CsvDownload;
import jp.nimo.projection.shared.FiguresRequest;
import jp.nimo.projection.shared.KnowledgeTime;
import jp.nimo.reference.Areas;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import static jp.nimo.cases.RecordingWindow.JAPAN;

/** POST /api/analytics/evaluations: an indicator before and after an intervention, against comparison areas. */
@RestController
@Tag(name = "analytics")
public class EvaluationController {

    private final EvaluationAnswers answers;
    private final AggregateReaders readers;
    private final ProjectedIndicators projected;
    private final Areas areas;
    private final Clock clock;

    public EvaluationController(EvaluationAnswers answers, AggregateReaders readers, ProjectedIndicators projected,
                               Areas areas, Clock clock) {
        this.answers = answers;
        this.readers = readers;
        this.projected = projected;
        this.areas = areas;
        this.clock = clock;
    }

    @PostMapping("/api/analytics/evaluations")
    @Operation(operationId = "evaluateIntervention",
            summary = "Evaluate an intervention", description = "An indicator's monthly counts before and after an"
            + " intervention in an area: the rate ratio with its 95% interval, and the difference in differences"
            + " against comparison areas. `format=csv` or `Accept: text/csv` for a spreadsheet.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = "EvaluationQuestion"))))
    @ApiResponse(responseCode = "200", description = "The evaluation.",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = EvaluationAnswer.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @ProblemAnswers({403, 406})
    public ResponseEntity<?> evaluate(@RequestBody(required = false) JsonNode body,
                                      @Parameter(description = "csv for a CSV download.",
                                              schema = @Schema(allowableValues = {"csv", "json"}))
                                      @RequestParam(name = CsvDownload.FORMAT, required = false) String format,
                                      @Parameter(hidden = true)
                                      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                      @AuthenticationPrincipal NimoUser user) {
        FiguresRequest asked = readers.ask(user, format, accept);
        Instant now = KnowledgeTime.of(Instant.now(clock));
        EvaluationRequest request = EvaluationRequest.parse(body, projected, areas, LocalDate.ofInstant(now, JAPAN));
        EvaluationAnswer answer = answers.answer(request, now, asked.disclosure());
        return asked.answer(answer, EvaluationAnswers::csv, "evaluation-" + answer.indicator().code() + ".csv");
    }
}
