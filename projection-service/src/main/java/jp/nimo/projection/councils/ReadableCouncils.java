package jp.nimo.projection.councils;

import jp.nimo.councils.MeetingId;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.projection.councils.CouncilQueries.CouncilHead;
import jp.nimo.projection.councils.CouncilQueries.MeetingHead;
import jp.nimo.projection.councils.CouncilViews.AgendaEntry;
import jp.nimo.projection.councils.CouncilViews.DecisionTaken;
import jp.nimo.projection.councils.CouncilViews.MeetingView;
import jp.nimo.projection.councils.CouncilViews.Meetings;
import jp.nimo.projection.issueplane.board.IssueBoardRow;
import jp.nimo.projection.issueplane.board.IssueBoardTable;
import jp.nimo.projection.shared.AsOf;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Councils and meetings as one reader may see them, for the API and the pack alike: a council or meeting
 * outside the reader's councils reads exactly like one that does not exist.
 */
@Component
public class ReadableCouncils {

    private final CouncilQueries queries;
    private final CouncilReaders readers;
    private final IssueBoardTable board;
    private final Clock clock;

    public ReadableCouncils(CouncilQueries queries, CouncilReaders readers, IssueBoardTable board, Clock clock) {
        this.queries = queries;
        this.readers = readers;
        this.board = board;
        this.clock = clock;
    }

    public CouncilViews.Councils councils(NimoUser reader) {
        readers.requireReader(reader);
        return new CouncilViews.Councils(queries.views(queries.councils().stream()
                .filter(c -> readers.sees(reader, c.councilId(), c.level(), c.area())).toList()));
    }

    public Meetings meetings(String councilId, String from, String to, NimoUser reader) {
        readers.requireReader(reader);
        List<FieldError> errors = new ArrayList<>();
        LocalDate first = date("from", from, errors);
        LocalDate last = date("to", to, errors);
        if (first != null && last != null && last.isBefore(first)) {
            errors.add(new FieldError("to", "must not be before from"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        CouncilHead council = visibleCouncil(councilId, reader);
        return new Meetings(council.councilId(), queries.meetings(council.councilId(), first, last));
    }

    /** The meeting now: agenda with each issue's title and state, attendance, opinions, minutes, decisions, packs. */
    public MeetingView meeting(String meetingId, NimoUser reader) {
        readers.requireReader(reader);
        MeetingHead meeting = visibleMeeting(meetingId, reader);
        CouncilHead council = queries.council(meeting.councilId()).orElse(null);
        AsOf now = AsOf.now(clock);
        List<AgendaEntry> agenda = queries.agenda(meeting.meetingId(), null);
        List<DecisionTaken> decisions = queries.decisions(meeting.meetingId(), null);
        Map<String, String> titles = board.titles(java.util.stream.Stream.concat(
                agenda.stream().map(AgendaEntry::issueId), decisions.stream().map(DecisionTaken::issueId))
                .collect(Collectors.toSet()), now);
        List<AgendaEntry> named = agenda.stream().map(item -> new AgendaEntry(item.issueId(), titles.get(item.issueId()),
                board.current(item.issueId()).map(IssueBoardRow::state).map(Enum::name).orElse(null), item.ask()))
                .toList();
        List<DecisionTaken> taken = decisions.stream().map(d -> new DecisionTaken(d.issueId(), titles.get(d.issueId()),
                d.type(), d.state(), d.decidedOn(), d.reason(), d.recordedAt())).toList();
        return new MeetingView(meeting.meetingId(), meeting.councilId(), council == null ? null : council.name(),
                meeting.title(), meeting.heldOn(), meeting.format(), meeting.opinionsDue(), meeting.decidedOn(),
                meeting.state(), meeting.cancelReason(), named,
                queries.attendance(meeting.meetingId(), meeting.councilId(), null),
                queries.opinions(meeting.meetingId(), null), queries.minutes(meeting.meetingId()), taken,
                queries.packs(meeting.meetingId()));
    }

    /** The meeting, if the reader sees its council; a 404 otherwise, as for one that does not exist. */
    public MeetingHead visibleMeeting(String meetingId, NimoUser reader) {
        String id;
        try {
            id = MeetingId.of(meetingId).value();
        } catch (IllegalArgumentException e) {
            throw noSuch("meeting");
        }
        MeetingHead meeting = queries.meeting(id).orElseThrow(() -> noSuch("meeting"));
        CouncilHead council = queries.council(meeting.councilId()).orElse(null);
        if (!readers.sees(reader, meeting.councilId(), council == null ? null : council.level(),
                council == null ? null : council.area())) {
            throw noSuch("meeting");
        }
        return meeting;
    }

    private CouncilHead visibleCouncil(String councilId, NimoUser reader) {
        return queries.council(councilId)
                .filter(c -> readers.sees(reader, c.councilId(), c.level(), c.area()))
                .orElseThrow(() -> noSuch("council"));
    }

    private static LocalDate date(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date (2024-07-10)"));
            return null;
        }
    }

    private static NotFoundException noSuch(String what) {
        return new NotFoundException("no such " + what);
    }
}
