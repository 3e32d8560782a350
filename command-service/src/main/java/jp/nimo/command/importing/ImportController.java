package jp.nimo.command.importing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.reference.EventKind;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.validation.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Bulk import of case histories: an agency moving years of records, or a program sending a day's. The body
 * streams in and is applied in batches as it arrives; the answer says what became of every line.
 */
@RestController
@Tag(name = "import")
public class ImportController {

    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    private final CaseImport imports;
    private final ImportRuns runs;
    private final EventKindCatalogue catalogue;
    private final JsonMapper json;

    public ImportController(CaseImport imports, ImportRuns runs, EventKindCatalogue catalogue, JsonMapper json) {
        this.imports = imports;
        this.runs = runs;
        this.catalogue = catalogue;
        this.json = json;
    }

    @PostMapping(path = "/api/import", consumes = {NDJSON, CSV}, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "importCaseEvents", summary = "Import case events in bulk",
            description = "NDJSON, one `{\"key\",\"caseRef\" or \"caseId\",\"newCase\"?,\"event\"}` a line (the first line"
                    + " of a new case carries `newCase`; later lines, in this import or another, find the case by the same"
                    + " `caseRef`, your organisation's own reference), or CSV of one kind (`?kind=`) with the columns `key`,"
                    + " `caseRef` or `caseId`, `occurredOn`, the kind's fields (a list's values separated by `|`) and"
                    + " `newCase.municipality`, `newCase.ageBand`, `newCase.externalRef`. Each line is checked like"
                    + " `POST /api/cases/{caseId}/events` and applied once per key: a key sent again with the same line"
                    + " counts as a duplicate and changes nothing. Lines are applied in batches, each in one transaction;"
                    + " a rejected line changes nothing and the others go on. `dryRun=true` checks everything and stores"
                    + " nothing. Progress shows at `GET /api/imports` while it runs.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = NDJSON, schema = @Schema(ref = "ImportLine")),
                    @Content(mediaType = CSV, schema = @Schema(type = "string"))}))
    @ApiResponse(responseCode = "200", description = "What became of every line.",
            content = @Content(schema = @Schema(ref = "ImportAnswer")))
    @ProblemAnswers({403, 413, 415, 422})
    public Map<String, Object> importLines(
            @Parameter(description = "Check every line and store nothing.") @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
            @Parameter(description = "For CSV: the kind of every row.") @RequestParam(name = "kind", required = false) String kind,
            @AuthenticationPrincipal NimoUser user, HttpServletRequest request) throws IOException {
        if (!user.hasRole(Role.SUPPORT_WORKER)) {
            throw new AccessDeniedException("only support workers record case events");
        }
        BufferedReader body = new BufferedReader(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8));
        boolean csv = MediaType.parseMediaType(request.getContentType()).isCompatibleWith(MediaType.parseMediaType(CSV));
        Iterator<ImportLine> lines;
        if (csv) {
            if (kind == null || kind.isBlank()) {
                throw new InvalidInputException("kind", "is required for a CSV import: the kind of every row");
            }
            EventKind eventKind = catalogue.kind(kind).orElseThrow(() -> new InvalidInputException("kind",
                    "is not a kind of the catalogue (GET /api/reference/event-kinds on the read side)"));
            lines = new CsvLines(body, json, eventKind, catalogue.commonFields());
        } else {
            if (kind != null) {
                throw new InvalidInputException("kind", "is for CSV imports; an NDJSON line names its kind itself");
            }
            lines = new NdjsonLines(body, json);
        }
        return imports.run(user, lines, dryRun, csv ? "CSV" : "NDJSON").answer();
    }

    @GetMapping(path = "/api/imports", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listImports", summary = "My imports and their progress",
            description = "Your latest imports, newest first, with their counts as of their last committed batch. An"
                    + " import that stopped without finishing (its service stopped) shows as INTERRUPTED: send its"
                    + " body again, and the lines already imported count as duplicates.")
    @ApiResponse(responseCode = "200", description = "Your imports.",
            content = @Content(schema = @Schema(ref = "ImportList")))
    @ProblemAnswers({403})
    public Map<String, Object> list(@AuthenticationPrincipal NimoUser user) {
        if (!user.hasRole(Role.SUPPORT_WORKER)) {
            throw new AccessDeniedException("imports are support workers'");
        }
        return Map.of("imports", runs.of(user.username(), 20));
    }
}
