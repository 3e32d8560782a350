package jp.nimo.projection.issueplane.board;

import jp.nimo.issues.IssueOrigin;
import jp.nimo.issues.IssueState;
import jp.nimo.projection.shared.SmallCounts;

import java.time.Instant;
import java.util.List;

/**
 * An issue on the board (API.md, GET /api/issues), with why it needs attention. A municipality issue
 * names its region too; a region issue has no municipality; a prefecture issue only its prefecture.
 * Its links to other issues (escalated, merged, reported up, delegated) are those known at the same time.
 */
public record BoardItem(String issueId, String title, String category, String municipality, String region,
                        String prefecture, String councilId, IssueState state, IssueOrigin origin,
                        EvidenceSummary evidence, Attention attention, Instant lastDecisionAt, Instant updatedAt,
                        List<BoardLink> links) {

    public BoardItem {
        links = links == null ? List.of() : List.copyOf(links);
    }

    static BoardItem of(IssueBoardRow row, Attention attention, SmallCounts.Disclosure disclosure) {
        ScopeView scope = row.scope();
        return new BoardItem(row.issueId(), row.title(), scope.category(), scope.municipality(), scope.region(),
                scope.prefecture(), row.councilId(), row.state(), row.origin(), EvidenceSummary.of(row, disclosure),
                attention, row.lastDecisionAt(), row.updatedAt(), List.of());
    }

    BoardItem withLinks(List<BoardLink> found) {
        return new BoardItem(issueId, title, category, municipality, region, prefecture, councilId, state, origin,
                evidence, attention, lastDecisionAt, updatedAt, found);
    }
}
