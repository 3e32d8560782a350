package jp.nimo.projection.web.audit;

import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * The audit pages are the auditor's: the API calls behind them check their own rules again (the issue
 * plane's readers, the access log's auditors), this only keeps the pages to the role the navigation shows them to.
 */
final class AuditorsOnly {

    private AuditorsOnly() {
    }

    static void require(NimoUser user) {
        if (user == null || !user.hasRole(Role.AUDITOR)) {
            throw new AccessDeniedException("the audit pages are for auditors");
        }
    }
}
