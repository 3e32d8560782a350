package jp.nimo.projection.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/admin/reconciliation (ADMIN): whether the read side agrees with the event store, e.g. after a
 * crash. Names case ids, which only the operator may see here.
 */
@RestController
@Tag(name = "admin")
public class ReconciliationController {

    private final Reconciliation reconciliation;

    public ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GetMapping("/api/admin/reconciliation")
    @Operation(operationId = "reconcileProjections",
            summary = "Reconcile the projections with the log", description = "ADMIN: per projection its position"
            + " against the log's head, and the differences found between what it holds and the events it has read.")
    @ApiResponse(responseCode = "200", description = "The report.")
    @ProblemAnswers({403})
    public ReconciliationReport reconcile(@AuthenticationPrincipal NimoUser user) {
        ProjectionAdminController.adminOnly(user);
        return reconciliation.reconcile();
    }
}
