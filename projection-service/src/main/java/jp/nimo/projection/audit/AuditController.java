package jp.nimo.projection.audit;

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
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The event log's integrity check and the chain's signed head, for auditors and the operator. */
@RestController
@Tag(name = "audit")
public class AuditController {

    private final AuditChain chain;
    private final AuditHeads heads;

    public AuditController(AuditChain chain, AuditHeads heads) {
        this.chain = chain;
        this.heads = heads;
    }

    @GetMapping("/api/audit/verify")
    @Operation(operationId = "verifyAuditChain",
            summary = "Verify the event log", description = "AUDITOR, ADMIN: recomputes the hash chain over the"
            + " stored events and reports every event changed, removed or inserted.")
    @ApiResponse(responseCode = "200", description = "The verification.")
    @ProblemAnswers({403})
    public AuditVerification verify(@AuthenticationPrincipal NimoUser user) {
        auditorsOnly(user);
        return chain.verify();
    }

    /** The chain's head, signed with a key kept outside the database: to be kept outside Nimo. */
    @GetMapping("/api/audit/head")
    @Operation(operationId = "getAuditHead",
            summary = "The signed head of the chain", description = "AUDITOR, ADMIN: the chain's head, signed"
            + " (Ed25519) with a key kept outside the database; to be kept outside Nimo and checked later.")
    @ApiResponse(responseCode = "200", description = "The head.")
    @ProblemAnswers({403})
    public AuditHead head(@AuthenticationPrincipal NimoUser user) {
        auditorsOnly(user);
        return heads.current();
    }

    /** Checks a head exported earlier: its signature, then the chain recomputed from the event rows up to it. */
    @PostMapping("/api/audit/head/verify")
    @Operation(operationId = "verifyAuditHead",
            summary = "Check an exported head", description = "AUDITOR, ADMIN: checks the head's signature, then the"
            + " chain recomputed from the event rows up to it.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(schema = @Schema(implementation = AuditHead.class))))
    @ApiResponse(responseCode = "200", description = "The result.")
    @ProblemAnswers({403, 422})
    public AuditHeadVerification verifyHead(@RequestBody(required = false) JsonNode body,
                                            @AuthenticationPrincipal NimoUser user) {
        auditorsOnly(user);
        return heads.verify(body);
    }

    private static void auditorsOnly(NimoUser user) {
        if (!user.hasRole(Role.AUDITOR) && !user.hasRole(Role.ADMIN)) {
            throw new AccessDeniedException("the integrity check is for auditors and the operator");
        }
    }
}
