package jp.nimo.projection.audit;

import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The event log's integrity check, for auditors and the operator. */
@RestController
public class AuditController {

    private final AuditChain chain;

    public AuditController(AuditChain chain) {
        this.chain = chain;
    }

    @GetMapping("/api/audit/verify")
    public AuditVerification verify(@AuthenticationPrincipal NimoUser user) {
        if (!user.hasRole(Role.AUDITOR) && !user.hasRole(Role.ADMIN)) {
            throw new AccessDeniedException("the integrity check is for auditors and the operator");
        }
        return chain.verify();
    }
}
