package jp.nimo.projection.issueplane.targets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.projection.issueplane.issue.ReadableIssues;
import jp.nimo.projection.shared.AggregateReaders;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.projection.shared.CsvDownload;
import jp.nimo.projection.shared.FiguresRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/** GET /api/issues/{issueId}/targets: an issue's targets against its actuals, as known now or at {@code asOf}. */
@RestController
@Tag(name = "issues")
public class IssueTargetsController {

    private final IssueTargets targets;
    private final AggregateReaders readers;
    private final Clock clock;

    private final ReadableIssues issues;

    public IssueTargetsController(IssueTargets targets, AggregateReaders readers, Clock clock, ReadableIssues issues) {
        this.issues = issues;
        this.targets = targets;
        this.readers = readers;
        this.clock = clock;
    }

    @GetMapping("/api/issues/{issueId}/targets")
    @Operation(operationId = "getIssueTargets",
            summary = "An issue's targets and figures", description = "Each target of the issue's plan with the"
            + " best figure there is for it (an official statistic, else a manual entry, else a recorded projection,"
            + " else"
            + " the projection now), as known at `asOf`. `format=csv` or `Accept: text/csv` for a spreadsheet.")
    @ApiResponse(responseCode = "200", description = "The targets.",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = IssueTargetsAnswer.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @ProblemAnswers({400, 403, 404, 406})
    public ResponseEntity<?> targets(@PathVariable("issueId") String issueId,
                                     @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
                                     @Parameter(description = "csv for a CSV download.",
                                             schema = @Schema(allowableValues = {"csv", "json"}))
                                     @RequestParam(name = CsvDownload.FORMAT, required = false) String format,
                                     @Parameter(hidden = true)
                                     @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                     @AuthenticationPrincipal NimoUser user) {
        FiguresRequest asked = readers.ask(user, format, accept);
        AsOf knownAt = AsOf.parse(asOf, clock);
        // scoped like the issue itself: outside the reader's councils it is not found
        String id = issues.visibleId(issueId, user);
        IssueTargetsAnswer answer = targets.of(id, knownAt, asked.disclosure())
                .orElseThrow(() -> new NotFoundException("no such issue"));
        return asked.answer(answer, IssueTargets::csv, "issue-targets.csv");
    }
}
