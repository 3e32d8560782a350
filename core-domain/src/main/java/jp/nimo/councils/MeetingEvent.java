package jp.nimo.councils;

import jp.nimo.issues.Actor;
import jp.nimo.issues.Meeting.Format;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The facts of a council meeting (issue plane: organisations and counts, never a person). */
public sealed interface MeetingEvent {

    MeetingId meetingId();

    Actor actor();

    Instant at();

    record MeetingScheduled(MeetingId meetingId, String councilId, String title, LocalDate heldOn, Format format,
                            LocalDate opinionsDue, List<AgendaItem> agenda, Actor actor, Instant at)
            implements MeetingEvent {

        public MeetingScheduled {
            agenda = List.copyOf(agenda);
        }
    }

    record AgendaItemAdded(MeetingId meetingId, AgendaItem item, Actor actor, Instant at) implements MeetingEvent {
    }

    record AttendanceRecorded(MeetingId meetingId, List<Attendee> attendees, Actor actor, Instant at)
            implements MeetingEvent {

        public AttendanceRecorded {
            attendees = List.copyOf(attendees);
        }
    }

    record OpinionRecorded(MeetingId meetingId, String organisation, String opinion, LocalDate receivedOn,
                           Actor actor, Instant at) implements MeetingEvent {
    }

    record MinutesRecorded(MeetingId meetingId, String summary, Actor actor, Instant at) implements MeetingEvent {
    }

    record MeetingHeld(MeetingId meetingId, Actor actor, Instant at) implements MeetingEvent {
    }

    record MeetingCancelled(MeetingId meetingId, String reason, Actor actor, Instant at) implements MeetingEvent {
    }

    record PackIssued(MeetingId meetingId, String packId, Instant cutOff, String contentHash, Actor actor, Instant at)
            implements MeetingEvent {
    }
}
