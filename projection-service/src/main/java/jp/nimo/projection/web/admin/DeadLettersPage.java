package jp.nimo.projection.web.admin;

import io.swagger.v3.oas.annotations.Hidden;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.admin.DeadLetterController;
import jp.nimo.projection.admin.DeadLetters;
import jp.nimo.projection.admin.ProjectionAdminController;
import jp.nimo.projection.admin.ProjectionStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events a projection could not handle, per processor, with a retry button each (posting to the read side's
 * own API). Only the oldest letters are listed; the counts are complete.
 */
@Controller
@Hidden
public class DeadLettersPage {

    static final int SHOWN_PER_PROCESSOR = 50;

    private final DeadLetterController deadLetters;
    private final ProjectionAdminController projections;
    private final ProcessorNames names;

    public DeadLettersPage(DeadLetterController deadLetters, ProjectionAdminController projections,
                           ProcessorNames names) {
        this.deadLetters = deadLetters;
        this.projections = projections;
        this.names = names;
    }

    /** A processor's queue: how many letters it holds and the oldest of them. */
    public record Queue(String processor, long total, List<DeadLetters.Letter> letters) {
    }

    @GetMapping("/admin/dead-letters")
    public String page(@RequestParam(name = "retried", required = false) String retried,
                       @RequestParam(name = "processed", required = false) Long processed,
                       @RequestParam(name = "remaining", required = false) Long remaining,
                       @AuthenticationPrincipal NimoUser user, Model model) {
        Map<String, Queue> queues = new LinkedHashMap<>();
        long total = 0;
        for (ProjectionStatus projection : projections.projections(user).projections()) {
            DeadLetterController.DeadLetterList list = deadLetters.letters(projection.name(), SHOWN_PER_PROCESSOR, user);
            queues.put(projection.name(), new Queue(projection.name(), list.total(), list.deadLetters()));
            total += list.total();
        }
        model.addAttribute("queues", queues.values());
        model.addAttribute("names", names.of(queues.keySet()));
        model.addAttribute("total", total);
        if (retried != null && queues.containsKey(retried) && processed != null && remaining != null) {
            model.addAttribute("retried", retried);
            model.addAttribute("processed", processed);
            model.addAttribute("remaining", remaining);
        }
        return "admin/dead-letters";
    }
}
