package jp.nimo.projection.councils;

import jp.nimo.councils.CouncilEvent;
import jp.nimo.councils.MeetingEvent;
import jp.nimo.projection.admin.EventRowsCheck;
import jp.nimo.projection.admin.EventRowsCheck.EventKey;
import jp.nimo.projection.admin.ProjectionCheck;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reconciliation of councils and meetings: every council designated and every meeting scheduled has its
 * row (their first event, sequence 0); every written opinion, minutes and issued pack its own row.
 */
@Component
public class CouncilChecks implements ProjectionCheck.Source {

    @Override
    public List<ProjectionCheck> checks() {
        return List.of(
                new EventRowsCheck(CouncilProjection.NAME, "councils",
                        "per council: its designation against its council row",
                        EventRowsCheck.typesOf(CouncilEvent.CouncilDesignated.class), List.of(), EventKey.SEQUENCE,
                        "SELECT council_id AS aggregate_id, '0' AS key FROM council"),
                new EventRowsCheck(CouncilProjection.NAME, "meetings",
                        "per meeting: its scheduling against its meeting row",
                        EventRowsCheck.typesOf(MeetingEvent.MeetingScheduled.class), List.of(), EventKey.SEQUENCE,
                        "SELECT meeting_id AS aggregate_id, '0' AS key FROM meeting"),
                new EventRowsCheck(CouncilProjection.NAME, "opinions",
                        "per meeting: its OpinionRecorded events against meeting_opinion rows",
                        EventRowsCheck.typesOf(MeetingEvent.OpinionRecorded.class), List.of(), EventKey.SEQUENCE,
                        "SELECT meeting_id AS aggregate_id, sequence::text AS key FROM meeting_opinion"),
                new EventRowsCheck(CouncilProjection.NAME, "minutes",
                        "per meeting: its MinutesRecorded events against meeting_minutes rows",
                        EventRowsCheck.typesOf(MeetingEvent.MinutesRecorded.class), List.of(), EventKey.SEQUENCE,
                        "SELECT meeting_id AS aggregate_id, sequence::text AS key FROM meeting_minutes"),
                new EventRowsCheck(CouncilProjection.NAME, "packs",
                        "per meeting: its PackIssued events against meeting_pack rows",
                        EventRowsCheck.typesOf(MeetingEvent.PackIssued.class), List.of(), EventKey.SEQUENCE,
                        "SELECT meeting_id AS aggregate_id, sequence::text AS key FROM meeting_pack"));
    }
}
