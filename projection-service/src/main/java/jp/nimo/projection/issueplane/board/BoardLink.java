package jp.nimo.projection.issueplane.board;

import jp.nimo.projection.issueplane.issue.Relation;

/**
 * A link of an issue on the board to another issue: how they are linked seen from this one, the other
 * issue, the other council (escalation, report-up, delegation) and the part a delegation handed over.
 */
public record BoardLink(Relation relation, String issueId, String councilId, String scope) {
}
