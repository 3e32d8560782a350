package jp.nimo.projection.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import tools.jackson.databind.JsonNode;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.validation.InvalidInputException;
import jp.nimo.infra.web.input.JsonFields;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Break-glass access for workers outside a case, and the access log for auditors. */
@RestController
@Tag(name = "audit")
public class CaseAccessController {

    private final CaseAccess access;

    public CaseAccessController(CaseAccess access) {
        this.access = access;
    }

    /**
     * A worker outside the case's organisations asks to read it in an emergency, with a reason:
     * {@code {"reason":"…"}}. Access is granted for a limited time and flagged for review.
     */
    @PostMapping("/api/cases/{caseId}/break-glass")
    @Operation(operationId = "breakGlass",
            summary = "Break-glass access to a case", description = "A support worker outside the case's"
            + " organisations reads it in an emergency, with a reason: access for a limited time, flagged for review.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = "BreakGlassRequest"))))
    @ApiResponse(responseCode = "201", description = "Access granted until `expiresAt`.",
            content = @Content(schema = @Schema(ref = "BreakGlassGranted")))
    @ProblemAnswers({403, 404})
    public ResponseEntity<Map<String, Object>> breakGlass(@Parameter(description = "The case.",
                                                                  schema = @Schema(format = "uuid"))
                                                          @PathVariable("caseId") String caseId,
                                                          @RequestBody(required = false) JsonNode body,
                                                          @AuthenticationPrincipal NimoUser user) {
        if (!user.hasRole(Role.SUPPORT_WORKER)) {
            throw new AccessDeniedException("break-glass access is for support workers");
        }
        JsonFields in = JsonFields.of(body);
        in.onlyKnown(Set.of("reason"));
        String reason = in.text("reason", true, 2000);
        if (reason != null && reason.strip().length() < 10) {
            in.error("reason", "must say why, in at least 10 characters");
        }
        in.check();
        if (!access.exists(caseId)) {
            access.record(user, caseId, "BREAK_GLASS_REQUESTED", AccessBasis.DENIED, reason);
            throw new NotFoundException("no such case");
        }
        Instant expires = access.breakGlass(user, caseId, reason);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("caseId", caseId, "expiresAt", expires.toString(),
                "flagged", true));
    }

    /** {@code GET /api/audit/access-log?caseId=&user=&flagged=&from=&to=&limit=}: for auditors. */
    @GetMapping("/api/audit/access-log")
    @Operation(operationId = "getAccessLog",
            summary = "The case access log", description = "AUDITOR: who read which case, on what basis, newest"
            + " first.")
    @ApiResponse(responseCode = "200", description = "The entries.",
            content = @Content(schema = @Schema(ref = "AccessLog")))
    @ProblemAnswers({400, 403})
    public Map<String, Object> log(@Parameter(description = "Only reads of this case.")
                                   @RequestParam(name = "caseId", required = false) String caseId,
                                   @Parameter(description = "Only reads by this user.")
                                   @RequestParam(name = "user", required = false) String username,
                                   @Parameter(description = "Only flagged reads (break-glass).")
                                   @RequestParam(name = "flagged", defaultValue = "false") boolean flagged,
                                   @Parameter(description = "From this instant on.",
                                           schema = @Schema(type = "string", format = "date-time"))
                                   @RequestParam(name = "from", required = false) String from,
                                   @Parameter(description = "Before this instant.",
                                           schema = @Schema(type = "string", format = "date-time"))
                                   @RequestParam(name = "to", required = false) String to,
                                   @Parameter(description = "At most this many (1 to 5000).",
                                           schema = @Schema(minimum = "1", maximum = "5000"))
                                   @RequestParam(name = "limit", defaultValue = "200") int limit,
                                   @AuthenticationPrincipal NimoUser user) {
        if (!user.hasRole(Role.AUDITOR)) {
            throw new AccessDeniedException("the access log is for auditors");
        }
        if (limit < 1 || limit > 5000) {
            throw new InvalidInputException("limit", "must be between 1 and 5000");
        }
        return Map.of("entries", access.log(Optional.ofNullable(caseId), Optional.ofNullable(username), flagged,
                instant("from", from), instant("to", to), limit));
    }

    private static Optional<Instant> instant(String name, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, "must be an ISO-8601 instant such as 2024-07-10T00:00:00Z");
        }
    }
}
