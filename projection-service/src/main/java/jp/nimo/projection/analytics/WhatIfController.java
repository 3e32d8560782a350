package jp.nimo.projection.analytics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.shared.AggregateReaders;
import jp.nimo.projection.shared.CsvDownload;
import jp.nimo.projection.shared.FiguresRequest;
import jp.nimo.reference.Categories;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** POST /api/analytics/what-if: detection replayed over history with another rule; nothing is stored. */
@RestController
@Tag(name = "analytics")
public class WhatIfController {

    private final WhatIfAnswers answers;
    private final AggregateReaders readers;
    private final Categories categories;

    public WhatIfController(WhatIfAnswers answers, AggregateReaders readers, Categories categories) {
        this.answers = answers;
        this.readers = readers;
        this.categories = categories;
    }

    @PostMapping("/api/analytics/what-if")
    @Operation(operationId = "replayDetectionRule",
            summary = "What if a detection rule had been different", description = "Replays the recorded signals"
            + " under another rule and answers the candidate issues it would have raised, with their evidence; small"
            + " counts hidden where the reader's role requires it. `format=csv` or `Accept: text/csv` for a"
            + " spreadsheet.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = "WhatIfQuestion"))))
    @ApiResponse(responseCode = "200", description = "The candidates.",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = WhatIfAnswer.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @ProblemAnswers({403, 406})
    public ResponseEntity<?> whatIf(@RequestBody(required = false) JsonNode body,
                                    @Parameter(description = "csv for a CSV download.",
                                            schema = @Schema(allowableValues = {"csv", "json"}))
                                    @RequestParam(name = CsvDownload.FORMAT, required = false) String format,
                                    @Parameter(hidden = true)
                                    @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                    @AuthenticationPrincipal NimoUser user) {
        FiguresRequest asked = readers.ask(user, format, accept);
        WhatIfAnswer answer = answers.answer(WhatIfRequest.parse(body, categories), asked.disclosure());
        return asked.answer(answer, WhatIfAnswers::csv, "what-if.csv");
    }
}
