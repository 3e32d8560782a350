package jp.nimo.projection.board;

import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.access.IssuePlaneReaders;
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
public class IssueBoardController {

    private final IssueBoard board;
    private final SmallCounts smallCounts;
    private final Areas areas;
    private final Categories categories;
    private final Councils councils;
    private final Clock clock;
    private final IssuePlaneReaders readers;

    public IssueBoardController(IssueBoard board, SmallCounts smallCounts, Areas areas, Categories categories,
                                Councils councils, Clock clock, IssuePlaneReaders readers) {
        this.readers = readers;
        this.board = board;
        this.smallCounts = smallCounts;
        this.areas = areas;
        this.categories = categories;
        this.councils = councils;
        this.clock = clock;
    }

    /** The board as known at {@code asOf}: the time it answers for, and the issues in order of attention. */
    public record Board(Instant asOf, List<BoardItem> items) {
    }

    @GetMapping("/api/issues")
    public Board board(@RequestParam(name = "state", required = false) String state,
                       @RequestParam(name = "category", required = false) String category,
                       @RequestParam(name = "municipality", required = false) String municipality,
                       @RequestParam(name = "region", required = false) String region,
                       @RequestParam(name = "councilId", required = false) String councilId,
                       @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
                       @AuthenticationPrincipal NimoUser user) {
        readers.requireReader(user);
        BoardFilter filter = BoardFilter.parse(state, category, municipality, region, councilId, areas, categories,
                councils);
        AsOf knownAt = AsOf.parse(asOf, clock);
        return new Board(knownAt.at(), board.items(filter, knownAt, smallCounts.to(user)).stream()
                .filter(item -> readers.sees(user, item.councilId(), item.municipality(), item.region(), item.prefecture()))
                .toList());
    }
}
