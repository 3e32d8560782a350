package jp.nimo.projection.issueplane.issue;

import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.issues.IssueId;
import jp.nimo.projection.access.IssuePlaneReaders;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.projection.shared.SmallCounts;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;

/**
 * One issue as one reader may see it, for the API and the pages alike: only readers of the issue plane,
 * only issues their councils cover (all for analysts and auditors), small counts hidden where their role
 * requires it. An issue outside the reader's councils reads exactly like one that does not exist.
 */
@Component
public class ReadableIssues {

    private final IssueDetailQueries details;
    private final IssueTimelineQueries timelines;
    private final SmallCounts smallCounts;
    private final IssuePlaneReaders readers;
    private final Clock clock;

    public ReadableIssues(IssueDetailQueries details, IssueTimelineQueries timelines, SmallCounts smallCounts,
                          IssuePlaneReaders readers, Clock clock) {
        this.details = details;
        this.timelines = timelines;
        this.smallCounts = smallCounts;
        this.readers = readers;
        this.clock = clock;
    }

    /** The issue's file as known at {@code asOf} (see {@link AsOf#parse}; now when blank). */
    public IssueDetail issue(String issueId, String asOf, NimoUser reader) {
        readers.requireReader(reader);
        AsOf knownAt = AsOf.parse(asOf, clock);
        return details.detail(idOf(issueId), knownAt, smallCounts.to(reader))
                .filter(issue -> sees(reader, issue))
                .orElseThrow(ReadableIssues::noSuchIssue);
    }

    /** The issue's timeline as known at {@code asOf}. */
    public ObjectNode timeline(String issueId, String asOf, NimoUser reader) {
        readers.requireReader(reader);
        AsOf knownAt = AsOf.parse(asOf, clock);
        String id = visibleId(issueId, reader);
        return timelines.timeline(id, knownAt, smallCounts.to(reader)).orElseThrow(ReadableIssues::noSuchIssue);
    }

    /**
     * The issue's id, when the issue as known now is one the reader's councils cover: where it is now says
     * who reads it, whatever time the read answers for.
     */
    public String visibleId(String issueId, NimoUser reader) {
        String id = idOf(issueId);
        details.detail(id, AsOf.now(clock), smallCounts.to(reader))
                .filter(issue -> sees(reader, issue))
                .orElseThrow(ReadableIssues::noSuchIssue);
        return id;
    }

    private boolean sees(NimoUser reader, IssueDetail issue) {
        return readers.sees(reader, issue.councilId(), issue.municipality(), issue.region(), issue.prefecture());
    }

    private static String idOf(String value) {
        try {
            return IssueId.of(value).value();
        } catch (IllegalArgumentException e) {
            throw noSuchIssue();
        }
    }

    private static NotFoundException noSuchIssue() {
        return new NotFoundException("no such issue");
    }
}
