package jp.nimo.projection.timeline;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A case's timeline, for the workers of the organisations involved in the case, for auditors, and for
 * a worker with break-glass access. Every read is written to the access log first; a refused read
 * gets the same 404 as a case that does not exist.
 */
@RestController
@Tag(name = "cases")
public class CaseTimelineController {

    private final CaseTimelineReader reader;

    public CaseTimelineController(CaseTimelineReader reader) {
        this.reader = reader;
    }

    @GetMapping("/api/cases/{caseId}/timeline")
    @Operation(operationId = "getCaseTimeline",
            summary = "A case's timeline", description = "The case's events in order, with their personal data (the"
            + " case plane): for workers of the involved organisations and auditors; every read is logged.")
    @ApiResponse(responseCode = "200", description = "The timeline.")
    @ProblemAnswers({403, 404})
    public CaseTimeline timeline(@Parameter(description = "The case.", schema = @Schema(format = "uuid"))
                                 @PathVariable("caseId") String caseId, @AuthenticationPrincipal NimoUser user) {
        return reader.read(user, caseId);
    }
}
