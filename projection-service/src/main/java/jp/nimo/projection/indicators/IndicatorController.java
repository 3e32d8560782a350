package jp.nimo.projection.indicators;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.shared.AggregateReaders;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.projection.shared.CsvDownload;
import jp.nimo.projection.shared.FiguresRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/indicators: the indicators computed from case events, per area and fiscal year, as known at
 * {@code asOf}; JSON, or CSV for a spreadsheet.
 */
@RestController
@Tag(name = "analytics")
public class IndicatorController {

    private final IndicatorQuestions questions;
    private final AggregateReaders readers;

    public IndicatorController(IndicatorQuestions questions, AggregateReaders readers) {
        this.questions = questions;
        this.readers = readers;
    }

    @GetMapping("/api/indicators")
    @Operation(operationId = "getIndicatorFigures",
            summary = "Indicator figures", description = "The indicators computed from case events and from council"
            + " meetings (an area's meeting figures are its own council's), per area for one"
            + " fiscal year, as known at `asOf`; small counts hidden (`suppressed` true) where the reader's role"
            + " requires it. `format=csv` or `Accept: text/csv` for a spreadsheet.")
    @ApiResponse(responseCode = "200", description = "The figures.",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = IndicatorAnswer.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @ProblemAnswers({400, 403, 406})
    public ResponseEntity<?> indicators(@Parameter(description = "One indicator (default: all computed ones).")
                                        @RequestParam(name = "indicator", required = false) String indicator,
                                        @Parameter(description = "One municipality, e.g. 13110.")
                                        @RequestParam(name = "municipality", required = false) String municipality,
                                        @Parameter(description = "One region (not with municipality).")
                                        @RequestParam(name = "region", required = false) String region,
                                        @Parameter(description = "The year the fiscal year starts in (default: the"
                                                + " one `asOf` falls in).", schema = @Schema(type = "integer"))
                                        @RequestParam(name = "fiscalYear", required = false) String fiscalYear,
                                        @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
                                        @Parameter(description = "csv for a CSV download.",
                                                schema = @Schema(allowableValues = {"csv", "json"}))
                                        @RequestParam(name = CsvDownload.FORMAT, required = false) String format,
                                        @Parameter(hidden = true)
                                        @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                        @AuthenticationPrincipal NimoUser user) {
        FiguresRequest asked = readers.ask(user, format, accept);
        IndicatorAnswer answer = questions.answer(asked.disclosure(), indicator, municipality, region, fiscalYear, asOf);
        return asked.answer(answer, IndicatorAnswers::csv, "indicators-FY" + answer.fiscalYear() + ".csv");
    }
}
