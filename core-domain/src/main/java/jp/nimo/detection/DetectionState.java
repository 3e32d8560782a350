package jp.nimo.detection;

import jp.nimo.issues.IssueId;
import jp.nimo.reference.Area;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the detection policy remembers, indexed by area and category so that no decision rescans the
 * history: the open issue of each area and category, the signals not yet attached to an issue, and
 * the cases each issue's evidence comes from. Live it is kept in PostgreSQL with the processor's
 * token; for a what-if replay it is kept in memory.
 */
public interface DetectionState {

    /** The open issue of the area and category that new evidence attaches to, if there is one. */
    Optional<IssueId> openIssue(Area area, String category);

    /** Signals of the area and category not attached to any issue, with business dates in [from, to]. */
    List<Signal> unattached(Area area, String category, LocalDate from, LocalDate to);

    /** Remembers a signal that is not (yet) evidence of any issue. */
    void keepUnattached(Signal signal, Area area);

    /** Records signals as evidence of an issue (whether they were kept before or are new). */
    void attach(IssueId issue, Area area, Collection<Signal> signals);

    /** Remembers a newly raised issue as the open issue of its area and category. */
    void opened(IssueId issue, Area area, String category);

    /**
     * How many distinct cases the issue's evidence would come from with evidence of this case added; the
     * cases of one household count once where the signal counts households ({@link Signal#countedAs}).
     */
    int distinctCasesWith(IssueId issue, String countedAs);
}
