package jp.nimo.projection.web.issue;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.issues.IssueOrigin;
import jp.nimo.projection.web.ReferenceLabels;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Raising an issue by hand: a secretariat names a problem its council has heard of, in an area its
 * councils cover. The form posts to the write side's POST /api/issues through the proxy, which decides.
 */
@Controller
@Hidden
public class RaiseIssuePage {

    /** Where a hand-raised issue comes from; escalations and case clusters are raised by Nimo itself. */
    private static final List<IssueOrigin> ORIGINS = List.of(IssueOrigin.PRACTITIONER_REPORT, IssueOrigin.SURVEY,
            IssueOrigin.DATA_INDICATOR, IssueOrigin.CHECKLIST_ASSESSMENT);

    private final ReferenceLabels labels;
    private final IssueChoices choices;

    public RaiseIssuePage(ReferenceLabels labels, IssueChoices choices) {
        this.labels = labels;
        this.choices = choices;
    }

    @GetMapping("/issues/new")
    public String form(@AuthenticationPrincipal NimoUser user, Model model) {
        if (!user.hasRole(Role.SECRETARIAT)) {
            throw new AccessDeniedException("a council's secretariat raises issues on these pages");
        }
        model.addAttribute("origins", choices.worded("issues.origin.", ORIGINS));
        model.addAttribute("categories", choices.categories());
        model.addAttribute("municipalities", choices.municipalities(labels.municipalitiesOf(user)));
        model.addAttribute("regions", choices.regions(labels.regionsOf(user)));
        return "issue/new";
    }
}
