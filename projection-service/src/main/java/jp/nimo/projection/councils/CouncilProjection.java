package jp.nimo.projection.councils;

import jp.nimo.councils.AgendaItem;
import jp.nimo.councils.Attendee;
import jp.nimo.councils.CouncilEvent;
import jp.nimo.councils.CouncilEvent.CouncilDesignated;
import jp.nimo.councils.CouncilEvent.MemberJoined;
import jp.nimo.councils.CouncilEvent.MemberLeft;
import jp.nimo.councils.CouncilEvent.MemberRoleChanged;
import jp.nimo.councils.CouncilEvent.WorkingGroupFormed;
import jp.nimo.councils.MeetingEvent;
import jp.nimo.councils.MeetingEvent.AgendaItemAdded;
import jp.nimo.councils.MeetingEvent.AttendanceRecorded;
import jp.nimo.councils.MeetingEvent.MeetingCancelled;
import jp.nimo.councils.MeetingEvent.MeetingHeld;
import jp.nimo.councils.MeetingEvent.MeetingScheduled;
import jp.nimo.councils.MeetingEvent.MinutesRecorded;
import jp.nimo.councils.MeetingEvent.OpinionRecorded;
import jp.nimo.councils.MeetingEvent.PackIssued;
import jp.nimo.councils.MeetingState;
import jp.nimo.issues.IssueEvent;
import jp.nimo.issues.Meeting;
import jp.nimo.projection.shared.KnowledgeTime;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Councils and meetings as the read side keeps them: the councils and their members, each meeting with
 * its agenda, attendance, written opinions, minutes and issued packs, and the issue decisions that name a
 * meeting. Rows keep their knowledge time, so that a meeting pack and the meeting indicators read them as
 * known at a cut-off. Written in the processor's transaction with its token; a redelivered event
 * changes nothing (primary keys, or the sequence already included).
 */
@Component
@ProcessingGroup(CouncilProjection.NAME)
public class CouncilProjection {

    public static final String NAME = "councils";

    private final JdbcTemplate jdbc;

    public CouncilProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CouncilEvent event, @Timestamp Instant timestamp, @SequenceNumber Long sequence) {
        OffsetDateTime recordedAt = KnowledgeTime.column(KnowledgeTime.of(timestamp));
        if (event instanceof CouncilDesignated designated) {
            jdbc.update("INSERT INTO council (council_id, level, area, name, name_en,"
                            + " secretariat, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    designated.councilId(), designated.level().name(), designated.area(), designated.name(),
                    designated.nameEn(), designated.secretariat(), recordedAt);
        } else if (event instanceof MemberJoined joined) {
            jdbc.update("INSERT INTO council_member (council_id, organisation,"
                            + " stakeholder_type, tier, role, since, left_on, last_sequence, recorded_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?) ON CONFLICT (council_id, organisation) DO UPDATE SET"
                            + " stakeholder_type = excluded.stakeholder_type, tier = excluded.tier, role = excluded.role,"
                            + " since = excluded.since, left_on = NULL, last_sequence = excluded.last_sequence,"
                            + " recorded_at = excluded.recorded_at WHERE council_member.last_sequence < excluded.last_sequence",
                    joined.councilId(), joined.organisation(), joined.stakeholderType().name(), joined.tier().name(),
                    joined.role().name(), joined.since(), sequence, recordedAt);
        } else if (event instanceof MemberLeft left) {
            jdbc.update("UPDATE council_member SET left_on = ?, last_sequence = ?, recorded_at = ?"
                            + " WHERE council_id = ? AND organisation = ? AND last_sequence < ?",
                    left.on(), sequence, recordedAt, left.councilId(), left.organisation(), sequence);
        } else if (event instanceof MemberRoleChanged changed) {
            jdbc.update("UPDATE council_member SET role = ?, since = ?,"
                            + " last_sequence = ?, recorded_at = ? WHERE council_id = ? AND organisation = ? AND last_sequence < ?",
                    changed.to().name(), changed.on(), sequence, recordedAt, changed.councilId(), changed.organisation(),
                    sequence);
        } else if (event instanceof WorkingGroupFormed formed) {
            jdbc.update("INSERT INTO council_working_group (council_id, group_id, name,"
                            + " formed_on, recorded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    formed.councilId(), formed.groupId(), formed.name(), formed.on(), recordedAt);
        }
    }

    @EventHandler
    void on(MeetingEvent event, @Timestamp Instant timestamp, @SequenceNumber Long sequence) {
        OffsetDateTime recordedAt = KnowledgeTime.column(KnowledgeTime.of(timestamp));
        String meetingId = event.meetingId().value();
        if (event instanceof MeetingScheduled scheduled) {
            int inserted = jdbc.update("INSERT INTO meeting (meeting_id, council_id, title, held_on, format, opinions_due,"
                                + " state, scheduled_at, last_sequence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        meetingId, scheduled.councilId(), scheduled.title(), scheduled.heldOn(), scheduled.format().name(),
                        scheduled.opinionsDue(), MeetingState.SCHEDULED.name(), recordedAt, sequence);
            if (inserted == 1) {
                List<AgendaItem> agenda = scheduled.agenda();
                for (int i = 0; i < agenda.size(); i++) {
                    addAgendaItem(meetingId, agenda.get(i), sequence, i, recordedAt);
                }
            }
        } else if (event instanceof AgendaItemAdded added) {
            Integer next = jdbc.queryForObject("SELECT count(*) FROM meeting_agenda_item WHERE meeting_id = ?",
                    Integer.class, meetingId);
            addAgendaItem(meetingId, added.item(), sequence, next == null ? 0 : next, recordedAt);
        } else if (event instanceof AttendanceRecorded recorded) {
            for (Attendee attendee : recorded.attendees()) {
                jdbc.update("INSERT INTO meeting_attendance (meeting_id, sequence, organisation, attendees, recorded_at)"
                                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                            meetingId, sequence, attendee.organisation(), attendee.count(), recordedAt);
            }
        } else if (event instanceof OpinionRecorded opinion) {
            jdbc.update("INSERT INTO meeting_opinion (meeting_id, sequence, organisation,"
                            + " opinion, received_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    meetingId, sequence, opinion.organisation(), opinion.opinion(), opinion.receivedOn(), recordedAt);
        } else if (event instanceof MinutesRecorded minutes) {
            jdbc.update("INSERT INTO meeting_minutes (meeting_id, sequence, summary,"
                            + " recorded_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    meetingId, sequence, minutes.summary(), recordedAt);
        } else if (event instanceof MeetingHeld) {
            jdbc.update("UPDATE meeting SET state = ?, held_at = ?, last_sequence = ?"
                            + " WHERE meeting_id = ? AND last_sequence < ?",
                MeetingState.HELD.name(), recordedAt, sequence, meetingId, sequence);
        } else if (event instanceof MeetingCancelled cancelled) {
            jdbc.update("UPDATE meeting SET state = ?, cancelled_at = ?,"
                            + " cancel_reason = ?, last_sequence = ? WHERE meeting_id = ? AND last_sequence < ?",
                MeetingState.CANCELLED.name(), recordedAt, cancelled.reason(), sequence, meetingId, sequence);
        } else if (event instanceof PackIssued pack) {
            jdbc.update("INSERT INTO meeting_pack (meeting_id, sequence, pack_id, cut_off,"
                            + " content_hash, issued_by, issued_org, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING",
                    meetingId, sequence, pack.packId(), KnowledgeTime.column(KnowledgeTime.of(pack.cutOff())),
                pack.contentHash(), pack.actor().user(), pack.actor().organisation(), recordedAt);
        }
    }

    /** A decision that names a meeting recorded in Nimo is one the meeting took; inline meetings are not. */
    @EventHandler
    void on(IssueEvent event, @Timestamp Instant timestamp, @SequenceNumber Long sequence) {
        Meeting meeting = event.decision().meeting();
        if (meeting == null || meeting.meetingId() == null) {
            return;
        }
        jdbc.update("INSERT INTO meeting_decision (issue_id, sequence, meeting_id, council_id, type, state, decided_on,"
                        + " reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.issueId().value(), sequence, meeting.meetingId().value(), meeting.councilId(),
                event.getClass().getSimpleName(), event.state().name(), meeting.heldOn(), event.decision().reason(),
                KnowledgeTime.column(KnowledgeTime.of(timestamp)));
    }

    private void addAgendaItem(String meetingId, AgendaItem item, long sequence, int position, OffsetDateTime recordedAt) {
        jdbc.update("INSERT INTO meeting_agenda_item (meeting_id, issue_id, sequence, position, ask, recorded_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                meetingId, item.issueId().value(), sequence, position, item.ask().name(), recordedAt);
    }

    @ResetHandler
    void reset() {
        for (String table : List.of("meeting_decision", "meeting_pack", "meeting_minutes", "meeting_opinion",
                "meeting_attendance", "meeting_agenda_item", "meeting", "council_working_group", "council_member",
                "council")) {
            jdbc.update("DELETE FROM " + table);
        }
    }
}
