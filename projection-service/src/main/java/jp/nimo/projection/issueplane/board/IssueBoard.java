package jp.nimo.projection.issueplane.board;

import jp.nimo.infra.security.NimoUser;
import jp.nimo.projection.access.IssuePlaneReaders;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.projection.shared.SmallCounts.Disclosure;
import jp.nimo.projection.shared.SmallCounts;
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
    private final IssuePlaneReaders readers;
    private final SmallCounts smallCounts;

    public IssueBoard(IssueBoardTable table, @Value("${nimo.stale-after:P90D}") Duration staleAfter,
                      IssuePlaneReaders readers, SmallCounts smallCounts) {
        this.table = table;
        this.staleAfter = staleAfter;
        this.readers = readers;
        this.smallCounts = smallCounts;
    }

    /** What the reader may see of counts; refused for a role that does not read the issue plane. */
    public Disclosure admit(NimoUser reader) {
        readers.requireReader(reader);
        return smallCounts.to(reader);
    }

    /**
     * The board as one reader may see it, for the API and the pages alike: the issues their councils
     * cover (all for analysts and auditors), small counts hidden where their role requires it.
     */
    public List<BoardItem> itemsFor(NimoUser reader, BoardFilter filter, AsOf asOf) {
        Disclosure disclosure = admit(reader);
        List<BoardItem> seen = items(filter, asOf, disclosure).stream()
                .filter(item -> readers.sees(reader, item.councilId(), item.municipality(), item.region(),
                        item.prefecture()))
                .toList();
        java.util.Map<String, List<BoardLink>> links = table.links(seen.stream().map(BoardItem::issueId).toList(), asOf);
        return seen.stream().map(item -> links.containsKey(item.issueId()) ? item.withLinks(links.get(item.issueId()))
                : item).toList();
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
