package jp.nimo.projection.board;

import jp.nimo.projection.board.SmallCounts.Disclosure;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * The triage queue: the issues matching a filter as known at a time, what needs a secretariat's
 * attention first. Staleness is judged against the time asked for, so the board as of a meeting day
 * shows what was stale on that day.
 */
@Component
public class IssueBoard {

    private final IssueBoardTable table;
    private final Duration staleAfter;

    public IssueBoard(IssueBoardTable table, @Value("${nimo.stale-after:P90D}") Duration staleAfter) {
        this.table = table;
        this.staleAfter = staleAfter;
    }

    public List<BoardItem> items(BoardFilter filter, AsOf asOf, Disclosure disclosure) {
        return table.matching(filter, asOf).stream()
                .sorted(IssueBoardRow.order(asOf.at(), staleAfter))
                .map(row -> BoardItem.of(row, attention(row, asOf), disclosure))
                .toList();
    }

    public Attention attention(IssueBoardRow row, AsOf asOf) {
        return row.attention(asOf.at(), staleAfter);
    }
}
