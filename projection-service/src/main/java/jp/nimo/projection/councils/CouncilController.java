package jp.nimo.projection.councils;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.councils.CouncilViews.MeetingView;
import jp.nimo.projection.councils.CouncilViews.Meetings;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Councils and their meetings on the read side, for the readers of the issue plane whose councils they
 * are (all of them for analysts and auditors). A council or meeting outside the reader's councils is a
 * 404, as is one that does not exist.
 */
@RestController
@Tag(name = "councils")
public class CouncilController {

    private final ReadableCouncils councils;

    public CouncilController(ReadableCouncils councils) {
        this.councils = councils;
    }

    @GetMapping("/api/councils")
    @Operation(operationId = "getCouncils", summary = "Councils",
            description = "The councils (協議の場) the reader sees, with level, area, secretariat, member organisations"
                    + " (stakeholder type, tier 代表者/実務者, role, since, leftOn) and working groups.")
    @ApiResponse(responseCode = "200", description = "The councils.")
    @ProblemAnswers({403})
    public CouncilViews.Councils councils(@AuthenticationPrincipal NimoUser user) {
        return councils.councils(user);
    }

    @GetMapping("/api/councils/{councilId}/meetings")
    @Operation(operationId = "getCouncilMeetings", summary = "A council's meetings",
            description = "The council's meetings held (or to be held) on days from `from` to `to`, in order.")
    @ApiResponse(responseCode = "200", description = "The meetings.")
    @ProblemAnswers({400, 403, 404})
    public Meetings meetings(@PathVariable("councilId") String councilId,
                             @Parameter(description = "First day, e.g. 2024-04-01.", schema = @Schema(type = "string", format = "date"))
                             @RequestParam(name = "from", required = false) String from,
                             @Parameter(description = "Last day, e.g. 2025-03-31.", schema = @Schema(type = "string", format = "date"))
                             @RequestParam(name = "to", required = false) String to,
                             @AuthenticationPrincipal NimoUser user) {
        return councils.meetings(councilId, from, to, user);
    }

    @GetMapping("/api/meetings/{meetingId}")
    @Operation(operationId = "getMeeting", summary = "One meeting",
            description = "The meeting with its agenda (each issue's title and state now, and what the meeting is"
                    + " asked), attendance, written opinions (書面開催), minutes, the decisions taken at it and the packs"
                    + " issued to it.")
    @ApiResponse(responseCode = "200", description = "The meeting.",
            content = @Content(schema = @Schema(implementation = MeetingView.class)))
    @ProblemAnswers({403, 404})
    public MeetingView meeting(@PathVariable("meetingId") String meetingId, @AuthenticationPrincipal NimoUser user) {
        return councils.meeting(meetingId, user);
    }
}
