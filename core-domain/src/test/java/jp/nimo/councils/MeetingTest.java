package jp.nimo.councils;

import jp.nimo.councils.AgendaItem.Ask;
import jp.nimo.councils.MeetingCommand.AddAgendaItem;
import jp.nimo.councils.MeetingCommand.CancelMeeting;
import jp.nimo.councils.MeetingCommand.HoldMeeting;
import jp.nimo.councils.MeetingCommand.IssuePack;
import jp.nimo.councils.MeetingCommand.RecordAttendance;
import jp.nimo.councils.MeetingCommand.RecordMinutes;
import jp.nimo.councils.MeetingCommand.RecordOpinion;
import jp.nimo.councils.MeetingCommand.ScheduleMeeting;
import jp.nimo.councils.MeetingEvent.AttendanceRecorded;
import jp.nimo.councils.MeetingEvent.MeetingCancelled;
import jp.nimo.councils.MeetingEvent.MeetingHeld;
import jp.nimo.councils.MeetingEvent.MeetingScheduled;
import jp.nimo.councils.MeetingEvent.OpinionRecorded;
import jp.nimo.councils.MeetingEvent.PackIssued;
import jp.nimo.issues.Actor;
import jp.nimo.issues.IssueId;
import jp.nimo.issues.Meeting.Format;
import jp.nimo.validation.DomainRuleViolation;
import jp.nimo.validation.NotPermitted;
import jp.nimo.validation.StateConflict;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

class MeetingTest {

    private static final String MEGURO = "council-13110";
    private static final MeetingId MEETING = MeetingId.of("5f0c1a52-9d3e-4c61-8a77-2b1e0f4d9c01");
    private static final IssueId HOUSING = IssueId.of("0b6b7c1e-3f7a-4b8e-9a55-6c2d1e0f4a11");
    private static final IssueId DISCHARGE = IssueId.of("7d3e9f20-1a4b-4c8d-8e6f-9a0b1c2d3e44");
    private static final Instant NOW = Instant.parse("2024-07-10T06:00:00Z");
    private static final LocalDate JULY_10 = LocalDate.of(2024, 7, 10);
    private static final Actor SECRETARIAT = new Actor("secretariat-meguro", "meguro-health-centre", "SECRETARIAT",
            List.of(MEGURO));
    private static final Actor OTHER_SECRETARIAT = new Actor("secretariat-setagaya", "setagaya-health-centre",
            "SECRETARIAT", List.of("council-13112"));

    private FixtureConfiguration<Meeting> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Meeting.class);
    }

    private static MeetingScheduled scheduled(Format format, LocalDate opinionsDue) {
        return new MeetingScheduled(MEETING, MEGURO, "令和6年度 第1回", JULY_10, format, opinionsDue,
                List.of(new AgendaItem(HOUSING, Ask.PROMOTE), new AgendaItem(DISCHARGE, Ask.PLAN)), SECRETARIAT, NOW);
    }

    private static MeetingHeld held() {
        return new MeetingHeld(MEETING, SECRETARIAT, NOW);
    }

    @Test
    void theSecretariatSchedulesAMeetingWithItsAgenda() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeeting(MEETING, MEGURO, "令和6年度 第1回", JULY_10, Format.IN_PERSON, null,
                        List.of(new AgendaItem(HOUSING, Ask.PROMOTE), new AgendaItem(DISCHARGE, Ask.PLAN)),
                        SECRETARIAT, NOW))
                .expectEvents(scheduled(Format.IN_PERSON, null));
    }

    @Test
    void onlyTheCouncilsSecretariatSchedulesItsMeetings() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeeting(MEETING, MEGURO, "令和6年度 第1回", JULY_10, Format.IN_PERSON, null,
                        List.of(), OTHER_SECRETARIAT, NOW))
                .expectException(NotPermitted.class);
    }

    @Test
    void aWrittenProcedureNeedsADeadlineForOpinionsOnOrBeforeItsDay() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeeting(MEETING, MEGURO, "書面開催", JULY_10, Format.WRITTEN, null, List.of(),
                        SECRETARIAT, NOW))
                .expectException(DomainRuleViolation.class);
        fixture.givenNoPriorActivity()
                .when(new ScheduleMeeting(MEETING, MEGURO, "書面開催", JULY_10, Format.WRITTEN, JULY_10.plusDays(1),
                        List.of(), SECRETARIAT, NOW))
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void anIssueIsOnTheAgendaOnce() {
        fixture.given(scheduled(Format.IN_PERSON, null))
                .when(new AddAgendaItem(MEETING, new AgendaItem(HOUSING, Ask.VERIFY), SECRETARIAT, NOW))
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void attendanceIsRecordedByOrganisationAndCount() {
        List<jp.nimo.councils.Attendee> attendees = List.of(new Attendee("meguro-hospital", 2),
                new Attendee("meguro-welfare-office", 1));
        fixture.given(scheduled(Format.IN_PERSON, null), held())
                .when(new RecordAttendance(MEETING, attendees, SECRETARIAT, NOW))
                .expectEvents(new AttendanceRecorded(MEETING, attendees, SECRETARIAT, NOW));
    }

    @Test
    void aWrittenProcedureIsAnsweredInWritingByTheDeadline() {
        LocalDate due = LocalDate.of(2024, 7, 5);
        fixture.given(scheduled(Format.WRITTEN, due))
                .when(new RecordAttendance(MEETING, List.of(new Attendee("meguro-hospital", 1)), SECRETARIAT, NOW))
                .expectException(DomainRuleViolation.class);
        fixture.given(scheduled(Format.WRITTEN, due))
                .when(new RecordOpinion(MEETING, "meguro-hospital", "異議なし", due, SECRETARIAT, NOW))
                .expectEvents(new OpinionRecorded(MEETING, "meguro-hospital", "異議なし", due, SECRETARIAT, NOW));
        fixture.given(scheduled(Format.WRITTEN, due))
                .when(new RecordOpinion(MEETING, "meguro-hospital", "異議なし", due.plusDays(1), SECRETARIAT, NOW))
                .expectException(DomainRuleViolation.class)
                .expectExceptionMessage("opinions were due by 2024-07-05");
    }

    @Test
    void aMeetingIsHeldOnItsDayNotBefore() {
        fixture.given(scheduled(Format.IN_PERSON, null))
                .when(new HoldMeeting(MEETING, JULY_10.minusDays(1), SECRETARIAT, NOW))
                .expectException(DomainRuleViolation.class);
        fixture.given(scheduled(Format.IN_PERSON, null))
                .when(new HoldMeeting(MEETING, JULY_10, SECRETARIAT, NOW))
                .expectEvents(held());
    }

    @Test
    void minutesFollowAHeldMeeting() {
        fixture.given(scheduled(Format.IN_PERSON, null))
                .when(new RecordMinutes(MEETING, "住まいの課題を協議の場で取り上げた", SECRETARIAT, NOW))
                .expectException(StateConflict.class);
        fixture.given(scheduled(Format.IN_PERSON, null), held())
                .when(new RecordMinutes(MEETING, "住まいの課題を協議の場で取り上げた", SECRETARIAT, NOW))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aHeldMeetingCannotBeCancelledAndACancelledOneIsNotHeld() {
        fixture.given(scheduled(Format.IN_PERSON, null), held())
                .when(new CancelMeeting(MEETING, "台風", SECRETARIAT, NOW))
                .expectException(StateConflict.class);
        fixture.given(scheduled(Format.IN_PERSON, null), new MeetingCancelled(MEETING, "台風", SECRETARIAT, NOW))
                .when(new HoldMeeting(MEETING, JULY_10, SECRETARIAT, NOW))
                .expectException(StateConflict.class);
    }

    @Test
    void aPackIsIssuedAsOfAPastCutOffAndNotToACancelledMeeting() {
        Instant cutOff = Instant.parse("2024-07-03T00:00:00Z");
        fixture.given(scheduled(Format.IN_PERSON, null))
                .when(new IssuePack(MEETING, "pack-1", cutOff, "sha256:ab", SECRETARIAT, NOW))
                .expectEvents(new PackIssued(MEETING, "pack-1", cutOff, "sha256:ab", SECRETARIAT, NOW));
        fixture.given(scheduled(Format.IN_PERSON, null))
                .when(new IssuePack(MEETING, "pack-1", NOW.plusSeconds(60), "sha256:ab", SECRETARIAT, NOW))
                .expectException(DomainRuleViolation.class);
        fixture.given(scheduled(Format.IN_PERSON, null), new MeetingCancelled(MEETING, "台風", SECRETARIAT, NOW))
                .when(new IssuePack(MEETING, "pack-1", cutOff, "sha256:ab", SECRETARIAT, NOW))
                .expectException(StateConflict.class);
    }

    @Test
    void aDecisionInWritingIsDatedAtTheDeadlineForOpinions() {
        Meeting.Summary written = new Meeting.Summary(MEETING, MEGURO, "書面開催", JULY_10, Format.WRITTEN,
                LocalDate.of(2024, 7, 5), MeetingState.SCHEDULED, List.of());
        Meeting.Summary inPerson = new Meeting.Summary(MEETING, MEGURO, "第1回", JULY_10, Format.IN_PERSON, null,
                MeetingState.HELD, List.of());
        org.junit.jupiter.api.Assertions.assertEquals(LocalDate.of(2024, 7, 5), written.decidedOn());
        org.junit.jupiter.api.Assertions.assertEquals(JULY_10, inPerson.decidedOn());
    }
}
