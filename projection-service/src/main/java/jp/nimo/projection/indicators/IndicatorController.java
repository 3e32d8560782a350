package jp.nimo.projection.indicators;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.board.AsOf;
import jp.nimo.projection.board.SmallCounts.Disclosure;
import jp.nimo.projection.indicators.ProjectedIndicators.Definition;
import jp.nimo.reference.Areas;
import jp.nimo.reference.FiscalYear;
import jp.nimo.reference.Indicators;
import jp.nimo.reference.Municipality;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.reference.Region;
import jp.nimo.reference.RegionCode;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static jp.nimo.cases.RecordingWindow.JAPAN;

/**
 * GET /api/indicators: the indicators computed from case events, per area and fiscal year, as known at
 * {@code asOf}; JSON, or CSV for a spreadsheet.
 */
@RestController
@Tag(name = "analytics")
public class IndicatorController {

    private final IndicatorAnswers answers;
    private final ProjectedIndicators projected;
    private final Indicators indicators;
    private final AggregateReaders readers;
    private final Areas areas;
    private final Clock clock;

    public IndicatorController(IndicatorAnswers answers, ProjectedIndicators projected, Indicators indicators,
                               AggregateReaders readers, Areas areas, Clock clock) {
        this.answers = answers;
        this.projected = projected;
        this.indicators = indicators;
        this.readers = readers;
        this.areas = areas;
        this.clock = clock;
    }

    @GetMapping("/api/indicators")
    @Operation(operationId = "getIndicatorFigures",
            summary = "Indicator figures", description = "The indicators computed from case events, per area for one"
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
        Disclosure disclosure = readers.admit(user);
        boolean csv = CsvDownload.requested(format, accept);
        List<FieldError> errors = new ArrayList<>();
        List<Definition> definitions = definitions(indicator, errors);
        List<IndicatorAnswers.Selection> selections = selections(municipality, region, errors);
        AsOf knownAt = null;
        try {
            knownAt = AsOf.parse(asOf, clock);
        } catch (InvalidInputException e) {
            errors.addAll(e.errors());
        }
        Integer year = fiscalYear(fiscalYear, knownAt, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        IndicatorAnswer answer = answers.answer(definitions, selections, year, knownAt.at(), disclosure);
        return csv ? IndicatorAnswers.csv(answer).answer("indicators-FY" + year + ".csv") : ResponseEntity.ok(answer);
    }

    private List<Definition> definitions(String code, List<FieldError> errors) {
        if (code == null || code.isBlank()) {
            return List.copyOf(projected.all());
        }
        Optional<Definition> definition = projected.definition(code.trim());
        if (definition.isPresent()) {
            return List.of(definition.get());
        }
        errors.add(new FieldError("indicator", indicators.indicator(code.trim()).isPresent()
                ? "is recorded by hand (MANUAL), not computed from case events: its figures are the issues' actuals"
                : "is not a known indicator (see /api/reference/indicators)"));
        return List.of();
    }

    private List<IndicatorAnswers.Selection> selections(String municipality, String region, List<FieldError> errors) {
        if (municipality != null && region != null) {
            errors.add(new FieldError("region", "give municipality or region, not both"));
            return List.of();
        }
        if (municipality != null) {
            Optional<Municipality> known = Optional.empty();
            try {
                known = areas.municipality(MunicipalityCode.of(municipality.trim()));
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (known.isEmpty()) {
                errors.add(new FieldError("municipality", "is not a known municipality code (e.g. 13110)"));
                return List.of();
            }
            return List.of(new IndicatorAnswers.Selection(areas.region(known.get().region()).orElseThrow(),
                    known.get().code().value()));
        }
        if (region != null) {
            Optional<Region> known = Optional.empty();
            try {
                known = areas.region(RegionCode.of(region.trim()));
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (known.isEmpty()) {
                errors.add(new FieldError("region", "is not a known region code (e.g. 13-ku-seinambu)"));
                return List.of();
            }
            return List.of(new IndicatorAnswers.Selection(known.get(), null));
        }
        return areas.regions().stream().map(r -> new IndicatorAnswers.Selection(r, null)).toList();
    }

    /** The fiscal year asked for, or the one the knowledge time falls in. */
    private static Integer fiscalYear(String value, AsOf asOf, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return asOf == null ? null : FiscalYear.containing(LocalDate.ofInstant(asOf.at(), JAPAN)).startYear();
        }
        try {
            return FiscalYear.of(Integer.parseInt(value.trim())).startYear();
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("fiscalYear", "must be the year a fiscal year starts in, e.g. 2024 for 2024-04"
                    + " to 2025-03"));
            return null;
        }
    }
}
