package jp.nimo.projection.admin;

import jp.nimo.infra.security.NimoUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/admin/reconciliation (ADMIN): whether the read side agrees with the event store, e.g. after a
 * crash. Names case ids, which only the operator may see here.
 */
@RestController
public class ReconciliationController {

    private final Reconciliation reconciliation;

    public ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GetMapping("/api/admin/reconciliation")
    public ReconciliationReport reconcile(@AuthenticationPrincipal NimoUser user) {
        ProjectionAdminController.adminOnly(user);
        return reconciliation.reconcile();
    }
}
