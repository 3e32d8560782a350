package jp.nimo.councils;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import jp.nimo.councils.MeetingCommand.AddAgendaItem;
import jp.nimo.councils.MeetingCommand.CancelMeeting;
import jp.nimo.councils.MeetingCommand.HoldMeeting;
import jp.nimo.councils.MeetingCommand.IssuePack;
import jp.nimo.councils.MeetingCommand.RecordAttendance;
import jp.nimo.councils.MeetingCommand.RecordMinutes;
import jp.nimo.councils.MeetingCommand.RecordOpinion;
import jp.nimo.councils.MeetingCommand.ScheduleMeeting;
import jp.nimo.councils.MeetingEvent.AgendaItemAdded;
import jp.nimo.councils.MeetingEvent.AttendanceRecorded;
import jp.nimo.councils.MeetingEvent.MeetingCancelled;
import jp.nimo.councils.MeetingEvent.MeetingHeld;
import jp.nimo.councils.MeetingEvent.MeetingScheduled;
import jp.nimo.councils.MeetingEvent.MinutesRecorded;
import jp.nimo.councils.MeetingEvent.OpinionRecorded;
import jp.nimo.councils.MeetingEvent.PackIssued;
import jp.nimo.issues.Actor;
import jp.nimo.issues.IssueId;
import jp.nimo.issues.Meeting.Format;
import jp.nimo.validation.DomainRuleViolation;
import jp.nimo.validation.NotPermitted;
import jp.nimo.validation.StateConflict;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A council meeting, or a written procedure (書面開催): scheduled with an agenda, attended (or answered in
 * writing), held or cancelled. Decisions on its agenda's issues name it; the packs sent to it are recorded
 * here by the hash of what they disclosed.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@Revision("1")
public class Meeting {

    @AggregateIdentifier
    private MeetingId meetingId;
    private String councilId;
    private String title;
    private LocalDate heldOn;
    private Format format;
    private LocalDate opinionsDue;
    private MeetingState state;
    private List<AgendaItem> agenda = new ArrayList<>();

    /** What a decision taken at this meeting needs to know of it. */
    public record Summary(MeetingId meetingId, String councilId, String title, LocalDate heldOn, Format format,
                          LocalDate opinionsDue, MeetingState state, List<AgendaItem> agenda) {

        /** A decision at a meeting is dated at the meeting; in a 書面開催, at the deadline for opinions. */
        public LocalDate decidedOn() {
            return format == Format.WRITTEN ? opinionsDue : heldOn;
        }
    }

    protected Meeting() {
        // for Axon
    }

    @CommandHandler
    public Meeting(ScheduleMeeting command) {
        requireSecretariat(command.actor(), command.councilId());
        if (command.format() == Format.WRITTEN) {
            if (command.opinionsDue() == null) {
                throw new DomainRuleViolation("written-meeting-needs-deadline", "opinionsDue",
                        "a 書面開催 names the day written opinions are due");
            }
            if (command.opinionsDue().isAfter(command.heldOn())) {
                throw new DomainRuleViolation("opinions-due-after-meeting", "opinionsDue",
                        "opinions are due on or before " + command.heldOn());
            }
        } else if (command.opinionsDue() != null) {
            throw new DomainRuleViolation("opinions-only-in-writing", "opinionsDue",
                    "only a 書面開催 (WRITTEN) takes written opinions");
        }
        Set<IssueId> seen = new HashSet<>();
        for (AgendaItem item : command.agenda()) {
            if (!seen.add(item.issueId())) {
                throw new DomainRuleViolation("issue-twice-on-agenda", "agenda",
                        item.issueId() + " is on the agenda twice");
            }
        }
        apply(new MeetingScheduled(command.meetingId(), command.councilId(), command.title(), command.heldOn(),
                command.format(), command.opinionsDue(), command.agenda(), command.actor(), command.at()));
    }

    @CommandHandler
    public void handle(AddAgendaItem command) {
        requireSecretariat(command.actor(), councilId);
        requireState("add-agenda-item", MeetingState.SCHEDULED);
        if (agenda.stream().anyMatch(i -> i.issueId().equals(command.item().issueId()))) {
            throw new DomainRuleViolation("issue-twice-on-agenda", "issueId",
                    command.item().issueId() + " is already on the agenda");
        }
        apply(new AgendaItemAdded(meetingId, command.item(), command.actor(), command.at()));
    }

    @CommandHandler
    public void handle(RecordAttendance command) {
        requireSecretariat(command.actor(), councilId);
        requireState("record-attendance", MeetingState.SCHEDULED, MeetingState.HELD);
        if (format == Format.WRITTEN) {
            throw new DomainRuleViolation("written-meeting-has-no-attendance", "attendees",
                    "a 書面開催 is answered by written opinions, not attended");
        }
        Set<String> seen = new HashSet<>();
        for (Attendee attendee : command.attendees()) {
            if (!seen.add(attendee.organisation())) {
                throw new DomainRuleViolation("organisation-twice", "attendees",
                        attendee.organisation() + " is listed twice");
            }
        }
        apply(new AttendanceRecorded(meetingId, command.attendees(), command.actor(), command.at()));
    }

    @CommandHandler
    public void handle(RecordOpinion command) {
        requireSecretariat(command.actor(), councilId);
        requireState("record-opinion", MeetingState.SCHEDULED, MeetingState.HELD);
        if (format != Format.WRITTEN) {
            throw new DomainRuleViolation("opinions-only-in-writing", "opinion",
                    "only a 書面開催 (WRITTEN) takes written opinions");
        }
        if (command.receivedOn().isAfter(opinionsDue)) {
            throw new DomainRuleViolation("opinion-after-deadline", "receivedOn",
                    "opinions were due by " + opinionsDue);
        }
        apply(new OpinionRecorded(meetingId, command.organisation(), command.opinion(), command.receivedOn(),
                command.actor(), command.at()));
    }

    @CommandHandler
    public void handle(RecordMinutes command) {
        requireSecretariat(command.actor(), councilId);
        requireState("record-minutes", MeetingState.HELD);
        apply(new MinutesRecorded(meetingId, command.summary(), command.actor(), command.at()));
    }

    @CommandHandler
    public void handle(HoldMeeting command) {
        requireSecretariat(command.actor(), councilId);
        requireState("hold", MeetingState.SCHEDULED);
        if (command.today().isBefore(heldOn)) {
            throw new DomainRuleViolation("meeting-in-future", "heldOn",
                    "the meeting is on " + heldOn + "; it is held on or after that day");
        }
        apply(new MeetingHeld(meetingId, command.actor(), command.at()));
    }

    @CommandHandler
    public void handle(CancelMeeting command) {
        requireSecretariat(command.actor(), councilId);
        requireState("cancel", MeetingState.SCHEDULED);
        apply(new MeetingCancelled(meetingId, command.reason(), command.actor(), command.at()));
    }

    @CommandHandler
    public void handle(IssuePack command) {
        requireSecretariat(command.actor(), councilId);
        requireState("issue-pack", MeetingState.SCHEDULED, MeetingState.HELD);
        if (command.cutOff().isAfter(command.at())) {
            throw new DomainRuleViolation("cut-off-in-future", "cutOff",
                    "a pack shows what was known; its cut-off cannot be later than now");
        }
        apply(new PackIssued(meetingId, command.packId(), command.cutOff(), command.contentHash(), command.actor(),
                command.at()));
    }

    /** Read by a decision that names this meeting; changes nothing. */
    public Summary summary() {
        return new Summary(meetingId, councilId, title, heldOn, format, opinionsDue, state, List.copyOf(agenda));
    }

    private void requireState(String action, MeetingState... allowed) {
        if (!List.of(allowed).contains(state)) {
            throw new StateConflict(action, state, List.of(allowed));
        }
    }

    private static void requireSecretariat(Actor actor, String council) {
        if (!actor.councils().contains(council)) {
            throw new NotPermitted("only the secretariat of " + council + " runs its meetings");
        }
    }

    @EventSourcingHandler
    void on(MeetingScheduled event) {
        meetingId = event.meetingId();
        councilId = event.councilId();
        title = event.title();
        heldOn = event.heldOn();
        format = event.format();
        opinionsDue = event.opinionsDue();
        agenda.addAll(event.agenda());
        state = MeetingState.SCHEDULED;
    }

    @EventSourcingHandler
    void on(AgendaItemAdded event) {
        agenda.add(event.item());
    }

    @EventSourcingHandler
    void on(MeetingHeld event) {
        state = MeetingState.HELD;
    }

    @EventSourcingHandler
    void on(MeetingCancelled event) {
        state = MeetingState.CANCELLED;
    }
}
