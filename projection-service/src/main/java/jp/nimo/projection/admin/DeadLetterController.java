package jp.nimo.projection.admin;

import jp.nimo.infra.security.NimoUser;
import jp.nimo.validation.InvalidInputException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/** The dead-letter queues of the read side's processors, for the operator (ADMIN). */
@RestController
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/admin/dead-letters")
    public Map<String, Object> letters(@RequestParam(name = "processor", required = false) String processor,
                                       @RequestParam(name = "limit", defaultValue = "100") int limit,
                                       @AuthenticationPrincipal NimoUser user) {
        ProjectionAdminController.adminOnly(user);
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", "must be between 1 and 1000");
        }
        String group = processor == null || processor.isBlank() ? null : processor;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deadLetters", deadLetters.letters(group, limit));
        answer.put("total", deadLetters.count(group));
        return answer;
    }

    @PostMapping("/api/admin/dead-letters/{processor}/retry")
    public DeadLetters.Retry retry(@PathVariable("processor") String processor, @AuthenticationPrincipal NimoUser user) {
        ProjectionAdminController.adminOnly(user);
        return deadLetters.retry(processor);
    }
}
