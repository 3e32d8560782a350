package jp.nimo.councils;

import jp.nimo.issues.Actor;
import jp.nimo.issues.Meeting.Format;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What a council's secretariat asks of one of its meetings. */
public sealed interface MeetingCommand {

    MeetingId meetingId();

    Actor actor();

    Instant at();

    /**
     * Schedule a meeting of a council; for 書面開催 ({@code WRITTEN}) the members' written opinions are due
     * by {@code opinionsDue}.
     */
    record ScheduleMeeting(@TargetAggregateIdentifier MeetingId meetingId, String councilId, String title,
                           LocalDate heldOn, Format format, LocalDate opinionsDue, List<AgendaItem> agenda,
                           Actor actor, Instant at) implements MeetingCommand {

        public ScheduleMeeting {
            agenda = List.copyOf(agenda);
        }
    }

    record AddAgendaItem(@TargetAggregateIdentifier MeetingId meetingId, AgendaItem item, Actor actor, Instant at)
            implements MeetingCommand {
    }

    /** Who came, by member organisation and head count; a later record replaces an earlier one. */
    record RecordAttendance(@TargetAggregateIdentifier MeetingId meetingId, List<Attendee> attendees, Actor actor,
                            Instant at) implements MeetingCommand {

        public RecordAttendance {
            attendees = List.copyOf(attendees);
        }
    }

    /** A member organisation's written opinion in a 書面開催, received on a day up to the deadline. */
    record RecordOpinion(@TargetAggregateIdentifier MeetingId meetingId, String organisation, String opinion,
                         LocalDate receivedOn, Actor actor, Instant at) implements MeetingCommand {
    }

    record RecordMinutes(@TargetAggregateIdentifier MeetingId meetingId, String summary, Actor actor, Instant at)
            implements MeetingCommand {
    }

    record HoldMeeting(@TargetAggregateIdentifier MeetingId meetingId, LocalDate today, Actor actor, Instant at)
            implements MeetingCommand {
    }

    record CancelMeeting(@TargetAggregateIdentifier MeetingId meetingId, String reason, Actor actor, Instant at)
            implements MeetingCommand {
    }

    /**
     * Record that the meeting pack as of {@code cutOff} was issued: the record of what was disclosed to
     * this meeting, by the hash of its content.
     */
    record IssuePack(@TargetAggregateIdentifier MeetingId meetingId, String packId, Instant cutOff,
                     String contentHash, Actor actor, Instant at) implements MeetingCommand {
    }
}
