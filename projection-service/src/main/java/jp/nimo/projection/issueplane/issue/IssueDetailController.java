package jp.nimo.projection.issueplane.issue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.shared.AsOf;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;


/**
 * One issue and its timeline, as known now or at {@code asOf} (issue plane: de-identified, small counts
 * suppressed), for readers whose councils cover its area (all for analysts and auditors). An issue not
 * known at that time, or outside the reader's councils, is a 404, as is one that does not exist.
 */
@RestController
@Tag(name = "issues")
public class IssueDetailController {

    private final ReadableIssues issues;

    public IssueDetailController(ReadableIssues issues) {
        this.issues = issues;
    }

    @GetMapping("/api/issues/{issueId}")
    @Operation(operationId = "getIssue",
            summary = "One issue", description = "The issue's file as known at `asOf`: scope, state, evidence by kind"
            + " and month, targets, actuals, plan and linked issues.")
    @ApiResponse(responseCode = "200", description = "The issue.")
    @ProblemAnswers({400, 403, 404})
    public IssueDetail issue(@PathVariable("issueId") String issueId,
                             @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
                             @AuthenticationPrincipal NimoUser user) {
        return issues.issue(issueId, asOf, user);
    }

    @GetMapping("/api/issues/{issueId}/timeline")
    @Operation(operationId = "getIssueTimeline",
            summary = "An issue's timeline", description = "Every step of the issue's history in order, as known at"
            + " `asOf`: who decided what, at which meeting, and why.")
    @ApiResponse(responseCode = "200", description = "The timeline.",
            content = @Content(schema = @Schema(ref = "IssueTimeline")))
    @ProblemAnswers({400, 403, 404})
    public ObjectNode timeline(@PathVariable("issueId") String issueId,
                               @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
                               @AuthenticationPrincipal NimoUser user) {
        return issues.timeline(issueId, asOf, user);
    }
}
