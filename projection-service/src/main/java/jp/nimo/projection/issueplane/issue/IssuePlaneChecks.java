package jp.nimo.projection.issueplane.issue;

import jp.nimo.issues.IssueEvent;
import jp.nimo.projection.admin.EventRowsCheck.EventKey;
import jp.nimo.projection.admin.EventRowsCheck;
import jp.nimo.projection.admin.ProjectionCheck;
import jp.nimo.projection.issueplane.board.IssueBoardProjection;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reconciliation of the issue plane: every event of an issue gives one timeline entry and one board
 * version at its sequence; every plan and every actual one row of the issue file.
 */
@Component
public class IssuePlaneChecks implements ProjectionCheck.Source {

    @Override
    public List<ProjectionCheck> checks() {
        List<String> issueEvents = EventRowsCheck.typesOf(IssueEvent.class);
        return List.of(
                new EventRowsCheck(IssueBoardProjection.ISSUE_PLANE, "timeline-entries",
                        "per issue: its events against issue_timeline_entry rows at their sequence",
                        issueEvents, List.of(), EventKey.SEQUENCE,
                        "SELECT issue_id AS aggregate_id, sequence::text AS key FROM issue_timeline_entry"),
                new EventRowsCheck(IssueBoardProjection.ISSUE_PLANE, "board-versions",
                        "per issue: its events against issue_board_version rows at their sequence",
                        issueEvents, List.of(), EventKey.SEQUENCE,
                        "SELECT issue_id AS aggregate_id, last_sequence::text AS key FROM issue_board_version"),
                new EventRowsCheck(IssueBoardProjection.ISSUE_PLANE, "plans",
                        "per issue: its IssuePlanned events against issue_plan rows",
                        EventRowsCheck.typesOf(IssueEvent.IssuePlanned.class), List.of(), EventKey.SEQUENCE,
                        "SELECT issue_id AS aggregate_id, sequence::text AS key FROM issue_plan"),
                new EventRowsCheck(IssueBoardProjection.ISSUE_PLANE, "actuals",
                        "per issue: its ActualRecorded events against issue_actual rows",
                        EventRowsCheck.typesOf(IssueEvent.ActualRecorded.class), List.of(), EventKey.SEQUENCE,
                        "SELECT issue_id AS aggregate_id, sequence::text AS key FROM issue_actual"));
    }
}
