package jp.nimo.projection.audit;

import com.fasterxml.jackson.databind.JsonNode;
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
public class AuditController {

    private final AuditChain chain;
    private final AuditHeads heads;

    public AuditController(AuditChain chain, AuditHeads heads) {
        this.chain = chain;
        this.heads = heads;
    }

    @GetMapping("/api/audit/verify")
    public AuditVerification verify(@AuthenticationPrincipal NimoUser user) {
        auditorsOnly(user);
        return chain.verify();
    }

    /** The chain's head, signed with a key kept outside the database: to be kept outside Nimo. */
    @GetMapping("/api/audit/head")
    public AuditHead head(@AuthenticationPrincipal NimoUser user) {
        auditorsOnly(user);
        return heads.current();
    }

    /** Checks a head exported earlier: its signature, then the chain recomputed from the event rows up to it. */
    @PostMapping("/api/audit/head/verify")
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
