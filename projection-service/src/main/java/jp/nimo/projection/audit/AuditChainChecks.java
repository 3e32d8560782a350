package jp.nimo.projection.audit;

import jp.nimo.projection.admin.EventRowsCheck;
import jp.nimo.projection.admin.EventRowsCheck.EventKey;
import jp.nimo.projection.admin.FiguresCheck;
import jp.nimo.projection.admin.ProjectionCheck;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reconciliation of the audit chain: one entry per event of the log up to its position, per aggregate,
 * and positions without holes. Whether the entries' hashes still match the rows is GET /api/audit/verify's
 * to say: it reads every row, which a reconciliation does not.
 */
@Component
public class AuditChainChecks implements ProjectionCheck.Source {

    @Override
    public List<ProjectionCheck> checks() {
        return List.of(
                new EventRowsCheck(AuditChainProjection.NAME, "chained-events",
                        "per aggregate: its events against audit_chain entries at their global index",
                        List.of(), List.of(), EventKey.GLOBAL_INDEX,
                        "SELECT e.aggregateidentifier AS aggregate_id, c.global_index::text AS key"
                                + " FROM audit_chain c LEFT JOIN domainevententry e ON e.globalindex = c.global_index"),
                new FiguresCheck(AuditChainProjection.NAME, "chain-positions",
                        "the chain's last position against its entries (a hole means an entry was removed)",
                        "SELECT 'audit_chain' AS key, coalesce(max(chain_position), 0) AS expected, count(*) AS found"
                                + " FROM audit_chain",
                        window -> List.of()));
    }
}
