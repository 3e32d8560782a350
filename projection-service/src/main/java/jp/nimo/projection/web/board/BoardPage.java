package jp.nimo.projection.web.board;

import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.util.List;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.issues.IssueState;
import jp.nimo.projection.issueplane.board.BoardFilter;
import jp.nimo.projection.issueplane.board.IssueBoard;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.projection.web.ReferenceLabels;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Councils;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The board of a person's councils: the same rows, filters and checks as GET /api/issues, in order of
 * attention. The filter form works as a plain GET; with htmx only the table is replaced.
 */
@Controller
@Hidden
public class BoardPage {

    private final IssueBoard board;
    private final ReferenceLabels labels;
    private final Areas areas;
    private final Categories categories;
    private final Councils councils;
    private final Clock clock;

    public BoardPage(IssueBoard board, ReferenceLabels labels, Areas areas, Categories categories, Councils councils,
                     Clock clock) {
        this.board = board;
        this.labels = labels;
        this.areas = areas;
        this.categories = categories;
        this.councils = councils;
        this.clock = clock;
    }

    /** The filters as the person chose them, to fill the form again. */
    public record Chosen(String state, String category, String municipality, String region, String councilId,
                         String asOf) {
    }

    @GetMapping("/board")
    public String board(@RequestParam(name = "state", required = false) String state,
                        @RequestParam(name = "category", required = false) String category,
                        @RequestParam(name = "municipality", required = false) String municipality,
                        @RequestParam(name = "region", required = false) String region,
                        @RequestParam(name = "councilId", required = false) String councilId,
                        @RequestParam(name = AsOf.PARAMETER, required = false) String asOf,
                        @RequestHeader(name = "HX-Request", required = false) String htmx,
                        @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
                        @AuthenticationPrincipal NimoUser user, Model model) {
        Disclosure disclosure = board.admit(user);
        BoardFilter filter = BoardFilter.parse(state, category, municipality, region, councilId, areas, categories,
                councils);
        AsOf knownAt = AsOf.parse(asOf, clock);
        model.addAttribute("items", board.itemsFor(user, filter, knownAt));
        model.addAttribute("threshold", disclosure.threshold());
        model.addAttribute("chosen", new Chosen(blank(state), blank(category), blank(municipality), blank(region),
                blank(councilId), knownAt.given() && asOf.trim().length() == 10 ? asOf.trim() : null));
        model.addAttribute("asOfGiven", knownAt.given());
        model.addAttribute("knownAt", knownAt.at());
        model.addAttribute("labels", labels);
        model.addAttribute("states", List.of(IssueState.values()));
        model.addAttribute("municipalities", labels.municipalitiesOf(user));
        model.addAttribute("regions", labels.regionsOf(user));
        model.addAttribute("councils", labels.councilsOf(user));
        // htmx asks for the table only; the address it pushes opens the whole page
        return htmx != null && restore == null ? "board/board :: results" : "board/board";
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
