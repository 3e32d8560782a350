package jp.nimo.projection.web.audit;

import io.swagger.v3.oas.annotations.Hidden;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.audit.AuditController;
import jp.nimo.projection.audit.AuditHead;
import jp.nimo.projection.audit.AuditVerification;
import jp.nimo.validation.DomainRuleViolation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event log's integrity check in words: the chain recomputed over the stored events, and the chain's
 * signed head checked at once against its signature and the rows, as an auditor would with an exported head.
 * Runs on a button (POST with the CSRF token, answered at its own address): the check reads the whole log.
 */
@Controller
@Hidden
public class IntegrityPage {

    private final AuditController audit;
    private final JsonMapper json;

    public IntegrityPage(AuditController audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    @GetMapping("/audit/integrity")
    public String page(@AuthenticationPrincipal NimoUser user) {
        AuditorsOnly.require(user);
        return "audit/integrity";
    }

    @PostMapping("/audit/integrity/check")
    public String check(@AuthenticationPrincipal NimoUser user, Model model) {
        AuditorsOnly.require(user);
        AuditVerification verification = audit.verify(user);
        AuditHead head = audit.head(user);
        // the head goes through the same check an exported one would: signature first, then the rows
        JsonNode exported = json.valueToTree(head);
        try {
            model.addAttribute("headCheck", audit.verifyHead(exported, user));
        } catch (DomainRuleViolation refused) {
            // the head signed a moment ago does not verify: the key or the chain changed under us
            model.addAttribute("headRefused", refused.getMessage());
        }
        model.addAttribute("verification", verification);
        model.addAttribute("head", head);
        model.addAttribute("headJson", json.writerWithDefaultPrettyPrinter().writeValueAsString(head));
        return "audit/integrity";
    }
}
