package jp.nimo.projection.councils;

import jp.nimo.councils.AgendaItem;
import jp.nimo.councils.Attendee;
import jp.nimo.councils.CouncilEvent.CouncilDesignated;
import jp.nimo.councils.CouncilEvent.MemberJoined;
import jp.nimo.councils.MeetingEvent.AttendanceRecorded;
import jp.nimo.councils.MeetingEvent.MeetingHeld;
import jp.nimo.councils.MeetingEvent.MeetingScheduled;
import jp.nimo.councils.MeetingEvent.OpinionRecorded;
import jp.nimo.councils.MeetingEvent.PackIssued;
import jp.nimo.councils.MeetingId;
import jp.nimo.councils.Membership.Role;
import jp.nimo.councils.Membership.StakeholderType;
import jp.nimo.councils.Membership.Tier;
import jp.nimo.issues.Actor;
import jp.nimo.issues.Decision;
import jp.nimo.issues.EvidenceItem;
import jp.nimo.issues.IssueEvent.EvidenceAttached;
import jp.nimo.issues.IssueEvent.VerificationStarted;
import jp.nimo.issues.IssueId;
import jp.nimo.issues.IssueState;
import jp.nimo.issues.Meeting;
import jp.nimo.issues.Meeting.Format;
import jp.nimo.reference.Area;
import jp.nimo.reference.AreaLevel;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Council and meeting facts appended to the real event store as the write side's aggregates store them
 * (aggregate type, identifier and the next sequence number), for facts the write side under test cannot make.
 */
final class MeetingLog {

    static final String MEGURO = "council-13110";
    static final Actor SECRETARIAT = new Actor("secretariat-meguro", "meguro-disability-welfare-division", "SECRETARIAT",
            List.of(MEGURO));

    private final EventStore store;

    MeetingLog(EventStore store) {
        this.store = store;
    }

    void append(String type, String aggregateId, Object payload) {
        long next = store.lastSequenceNumberFor(aggregateId).map(s -> s + 1).orElse(0L);
        store.publish(new GenericDomainEventMessage<>(type, aggregateId, next, payload));
    }

    /** Meguro's council as the reference data designates it, unless the write side did already. */
    void meguroDesignated() {
        if (store.lastSequenceNumberFor(MEGURO).isEmpty()) {
            append("Council", MEGURO, new CouncilDesignated(MEGURO, AreaLevel.MUNICIPALITY, "13110",
                    "目黒区 保健・医療・福祉関係者による協議の場", "Meguro Ward council", "meguro-disability-welfare-division",
                    Actor.SYSTEM, Instant.now()));
        }
    }

    void joined(String organisation, StakeholderType type, Tier tier) {
        append("Council", MEGURO, new MemberJoined(MEGURO, organisation, type, tier, Role.MEMBER,
                LocalDate.of(2024, 4, 1), SECRETARIAT, Instant.now()));
    }

    MeetingId scheduled(String title, LocalDate heldOn, Format format, LocalDate opinionsDue, List<AgendaItem> agenda) {
        MeetingId id = MeetingId.random();
        append("Meeting", id.value(), new MeetingScheduled(id, MEGURO, title, heldOn, format, opinionsDue, agenda,
                SECRETARIAT, Instant.now()));
        return id;
    }

    void attended(MeetingId meeting, Attendee... attendees) {
        append("Meeting", meeting.value(), new AttendanceRecorded(meeting, List.of(attendees), SECRETARIAT, Instant.now()));
    }

    void opinion(MeetingId meeting, String organisation, String opinion, LocalDate receivedOn) {
        append("Meeting", meeting.value(), new OpinionRecorded(meeting, organisation, opinion, receivedOn, SECRETARIAT,
                Instant.now()));
    }

    void held(MeetingId meeting) {
        append("Meeting", meeting.value(), new MeetingHeld(meeting, SECRETARIAT, Instant.now()));
    }

    void packIssued(MeetingId meeting, Instant cutOff, String hash) {
        append("Meeting", meeting.value(), new PackIssued(meeting, UUID.randomUUID().toString(), cutOff, hash,
                SECRETARIAT, Instant.now()));
    }

    /** Evidence for an issue about Meguro: {@code perMonth} signals of one kind in each month given. */
    void evidence(String issueId, IssueState state, String kind, int distinctCases, Object... monthsAndCounts) {
        List<EvidenceItem> items = new ArrayList<>();
        for (int i = 0; i < monthsAndCounts.length; i += 2) {
            for (int n = 0; n < (Integer) monthsAndCounts[i + 1]; n++) {
                items.add(new EvidenceItem("ev-" + UUID.randomUUID(), "S-" + kind, kind, (String) monthsAndCounts[i],
                        Area.municipality("13110")));
            }
        }
        append("RegionalIssue", issueId, new EvidenceAttached(IssueId.of(issueId), UUID.randomUUID().toString(), items,
                LocalDate.of(2024, 5, 1), LocalDate.of(2024, 6, 30), distinctCases,
                new Decision(Actor.SYSTEM, Instant.now(), null, null), state));
    }

    /** A decision on the issue taken at a meeting recorded in Nimo. */
    void verificationStartedAt(String issueId, MeetingId meeting, String title, LocalDate decidedOn) {
        verificationStartedAt(issueId, meeting, title, decidedOn, Format.IN_PERSON);
    }

    void verificationStartedAt(String issueId, MeetingId meeting, String title, LocalDate decidedOn, Format format) {
        append("RegionalIssue", issueId, new VerificationStarted(IssueId.of(issueId),
                new Decision(SECRETARIAT, Instant.now(), new Meeting(title, decidedOn, format, meeting, MEGURO),
                        "協議の場で検証を始めることを決定"), IssueState.UNDER_VERIFICATION));
    }
}
