package jp.nimo.projection.issueplane.board;

import jp.nimo.issues.IssueEvent.IssueRaised;
import jp.nimo.issues.IssueEvent;
import jp.nimo.reference.Areas;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * The issue board: a new version of the issue's row for each of its events, the previous one closed
 * where the new one starts, so that the board as known at any time is one range lookup. Written in the
 * processor's transaction with its token; an event whose sequence the current version already
 * includes is a redelivery and changes nothing.
 *
 * <p>The whole issue plane (board, issue file, timeline) is one processing group: the issue file and
 * the timeline read the board's versions (the head of an issue, the other issue's title), so they
 * move together under one token, and a rebuild is one pass over the log.
 */
@Component
@ProcessingGroup(IssueBoardProjection.ISSUE_PLANE)
public class IssueBoardProjection {

    public static final String ISSUE_PLANE = "issue-plane";

    private static final Logger log = LoggerFactory.getLogger(IssueBoardProjection.class);

    private final IssueBoardTable table;
    private final Areas areas;

    public IssueBoardProjection(IssueBoardTable table, Areas areas) {
        this.table = table;
        this.areas = areas;
    }

    /** Public so that the issue file's tests can drive the board with events the write side cannot make yet. */
    @EventHandler
    public void on(IssueEvent event, @Timestamp Instant recordedAt, @SequenceNumber Long sequence) {
        Optional<IssueBoardRow> current = table.current(event.issueId().value());
        if (event instanceof IssueRaised raised) {
            if (current.isEmpty()) {
                table.append(IssueBoardRow.raised(raised, recordedAt, sequence, areas));
            }
            return;
        }
        if (current.isEmpty()) {
            // only possible if the issue's raising was never seen: nothing to attach this version to
            log.warn("{} for issue {} that the board does not know; skipped", event.getClass().getSimpleName(),
                    event.issueId());
            return;
        }
        if (current.get().lastSequence() >= sequence) {
            return;
        }
        table.append(current.get().evolve(event, recordedAt, sequence, areas));
    }

    @ResetHandler
    void reset() {
        table.clear();
    }
}
