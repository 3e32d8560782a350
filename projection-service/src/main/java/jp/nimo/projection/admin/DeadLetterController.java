package jp.nimo.projection.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.validation.InvalidInputException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dead-letter queues of the read side's processors, for the operator (ADMIN). */
@RestController
@Tag(name = "admin")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/admin/dead-letters")
    @Operation(operationId = "listDeadLetters",
            summary = "List dead letters", description = "ADMIN: events a projection could not handle, parked with"
            + " the later events of their aggregate, oldest first.")
    @ApiResponse(responseCode = "200", description = "The dead letters and their total.")
    @ProblemAnswers({400, 403, 404})
    public DeadLetterList letters(@Parameter(description = "Only this processor's dead letters.")
                                  @RequestParam(name = "processor", required = false) String processor,
                                       @Parameter(description = "At most this many (1 to 1000).",
                                               schema = @Schema(minimum = "1", maximum = "1000"))
                                       @RequestParam(name = "limit", defaultValue = "100") int limit,
                                       @AuthenticationPrincipal NimoUser user) {
        ProjectionAdminController.adminOnly(user);
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", "must be between 1 and 1000");
        }
        String group = processor == null || processor.isBlank() ? null : processor;
        return new DeadLetterList(deadLetters.letters(group, limit), deadLetters.count(group));
    }

    /** A page of dead letters and how many there are in all. */
    public record DeadLetterList(List<DeadLetters.Letter> deadLetters, long total) {
    }

    @PostMapping("/api/admin/dead-letters/{processor}/retry")
    @Operation(operationId = "retryDeadLetters",
            summary = "Retry dead letters", description = "ADMIN: hands the processor's dead letters to it again;"
            + " those that fail again stay parked.")
    @ApiResponse(responseCode = "200", description = "How many were processed and how many remain.")
    @ProblemAnswers({403, 404})
    public DeadLetters.Retry retry(@PathVariable("processor") String processor, @AuthenticationPrincipal NimoUser user) {
        ProjectionAdminController.adminOnly(user);
        return deadLetters.retry(processor);
    }
}
