package jp.nimo.projection.issueplane.board;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Councils;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * GET /api/issues: the issue board (issue plane: de-identified, small counts suppressed), holding the
 * issues of the areas the reader's councils cover (all of them for analysts and auditors).
 */
@RestController
@Tag(name = "issues")
public class IssueBoardController {

    private final IssueBoard board;
    private final Areas areas;
    private final Categories categories;
    private final Councils councils;
    private final Clock clock;

    public IssueBoardController(IssueBoard board, Areas areas, Categories categories, Councils councils, Clock clock) {
        this.board = board;
        this.areas = areas;
        this.categories = categories;
        this.councils = councils;
        this.clock = clock;
    }

    /** The board as known at {@code asOf}: the time it answers for, and the issues in order of attention. */
    public record Board(Instant asOf, List<BoardItem> items) {
    }

    @GetMapping("/api/issues")
    @Operation(operationId = "listIssues",
            summary = "List the issue board", description = "The regional issues the reader may see, in order of"
            + " attention, as known at `asOf`: each with its scope, state and evidence summary. Identifying fields are"
            + " left out and small counts hidden (null, `suppressed` true) where the reader's role requires it.")
    @ApiResponse(responseCode = "200", description = "The board.")
    @ProblemAnswers({400, 403})
    public Board board(@Parameter(description = "Only issues in this state, e.g. PROMOTED.")
                       @RequestParam(name = "state", required = false) String state,
                       @Parameter(description = "Only issues of this category, e.g. C04.")
                       @RequestParam(name = "category", required = false) String category,
                       @Parameter(description = "Only issues of this municipality, e.g. 13110.")
                       @RequestParam(name = "municipality", required = false) String municipality,
                       @Parameter(description = "Only issues of this region or its municipalities.")
                       @RequestParam(name = "region", required = false) String region,
                       @Parameter(description = "Only issues of this council.")
                       @RequestParam(name = "councilId", required = false) String councilId,
                       @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
                       @AuthenticationPrincipal NimoUser user) {
        board.admit(user);
        BoardFilter filter = BoardFilter.parse(state, category, municipality, region, councilId, areas, categories,
                councils);
        AsOf knownAt = AsOf.parse(asOf, clock);
        return new Board(knownAt.at(), board.itemsFor(user, filter, knownAt));
    }
}
