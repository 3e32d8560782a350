package jp.nimo.command.councils;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jp.nimo.command.idempotency.IdempotentRequests;
import jp.nimo.councils.AgendaItem;
import jp.nimo.councils.Attendee;
import jp.nimo.councils.Council;
import jp.nimo.councils.Meeting;
import jp.nimo.councils.MeetingCommand;
import jp.nimo.councils.MeetingCommand.AddAgendaItem;
import jp.nimo.councils.MeetingCommand.CancelMeeting;
import jp.nimo.councils.MeetingCommand.HoldMeeting;
import jp.nimo.councils.MeetingCommand.IssuePack;
import jp.nimo.councils.MeetingCommand.RecordAttendance;
import jp.nimo.councils.MeetingCommand.RecordMinutes;
import jp.nimo.councils.MeetingCommand.RecordOpinion;
import jp.nimo.councils.MeetingCommand.ScheduleMeeting;
import jp.nimo.councils.MeetingId;
import jp.nimo.councils.MeetingState;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.infra.web.input.IssueInput;
import jp.nimo.infra.web.input.JsonFields;
import jp.nimo.issues.Actor;
import jp.nimo.issues.IssueId;
import jp.nimo.issues.RegionalIssue;
import jp.nimo.reference.Councils;
import jp.nimo.validation.NotPermitted;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static jp.nimo.cases.RecordingWindow.JAPAN;

/**
 * A council's meetings, run by its secretariat: scheduled with an agenda of the council's issues, attended
 * by its member organisations or answered in writing (書面開催), held or cancelled, and the packs issued to
 * them. Decisions on the agenda's issues are taken through the issue actions with {@code meetingId}.
 */
@RestController
@Tag(name = "meetings")
public class MeetingController {

    private static final int MAX_TITLE = 200;
    private static final int MAX_TEXT = IssueInput.MAX_TEXT;

    private final CommandGateway commands;
    private final IdempotentRequests idempotent;
    private final Councils councils;
    private final Aggregates aggregates;
    private final PackHashes packs;
    private final Clock clock;

    public MeetingController(CommandGateway commands, IdempotentRequests idempotent, Councils councils,
                             Aggregates aggregates, PackHashes packs, Clock clock) {
        this.commands = commands;
        this.idempotent = idempotent;
        this.councils = councils;
        this.aggregates = aggregates;
        this.packs = packs;
        this.clock = clock;
    }

    @PostMapping("/api/councils/{councilId}/meetings")
    @Operation(operationId = "scheduleMeeting", summary = "Schedule a meeting",
            description = "The council's secretariat schedules a meeting (IN_PERSON, ONLINE, or WRITTEN for 書面開催"
                    + " with the day opinions are due) with an agenda of the council's issues, each with what the"
                    + " council is asked to decide.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = "NewMeeting"))))
    @ApiResponse(responseCode = "201", description = "The meeting was scheduled.",
            content = @Content(schema = @Schema(ref = "MeetingAnswer")))
    @ProblemAnswers({403, 404, 422})
    public ResponseEntity<Object> schedule(@Parameter(description = "The council.") @PathVariable("councilId") String councilId,
                                           @RequestBody(required = false) JsonNode body,
                                           @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                           @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        jp.nimo.reference.Council council = councils.council(councilId)
                .orElseThrow(() -> new NotFoundException("no such council"));
        Actor actor = CouncilController.secretariat(user);
        JsonFields in = JsonFields.of(body);
        in.onlyKnown(Set.of("title", "heldOn", "format", "opinionsDue", "agenda"));
        String title = in.text("title", true, MAX_TITLE);
        LocalDate heldOn = in.date("heldOn", true);
        jp.nimo.issues.Meeting.Format format = in.enumValue("format", jp.nimo.issues.Meeting.Format.class, true);
        LocalDate opinionsDue = in.date("opinionsDue", false);
        List<AgendaItem> agenda = in.list("agenda", false, item -> agendaItem(item, council));
        in.check();
        MeetingId meetingId = MeetingId.random();
        ScheduleMeeting command = new ScheduleMeeting(meetingId, councilId, title, heldOn, format, opinionsDue, agenda,
                actor, Instant.now(clock));
        return idempotent.apply(user, key, request, body, HttpStatus.CREATED, () -> {
            commands.sendAndWait(command);
            return answer(meetingId, "SCHEDULED");
        });
    }

    @PostMapping("/api/meetings/{meetingId}/{action}")
    @Operation(operationId = "takeMeetingAction", summary = "Record what happens to a meeting",
            description = "`add-agenda-item` `{issueId, ask}`; `record-attendance` `{attendees:[{organisation, count}]}`"
                    + " (member organisations, head counts); `record-opinion` `{organisation, opinion, receivedOn?}`"
                    + " (書面開催, by the deadline); `record-minutes` `{summary}` (after it was held); `hold` `{}` (on or"
                    + " after its day); `cancel` `{reason}`; `issue-pack` `{cutOff}`: the pack as of the cut-off is"
                    + " made by the read side and its content hash recorded on the meeting.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(ref = "MeetingActionBody"))))
    @ApiResponse(responseCode = "200", description = "Recorded; the meeting's state now (and, for issue-pack, the"
            + " pack's id, cut-off and content hash).", content = @Content(schema = @Schema(ref = "MeetingAnswer")))
    @ProblemAnswers({403, 404, 409, 422, 503})
    public ResponseEntity<Object> act(@Parameter(description = "The meeting.", schema = @Schema(format = "uuid"))
                                      @PathVariable("meetingId") String meetingIdText,
                                      @Parameter(description = "The action.", schema = @Schema(ref = "MeetingActionName"))
                                      @PathVariable("action") String action,
                                      @RequestBody(required = false) JsonNode body,
                                      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                      @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        MeetingId meetingId = meetingIdOf(meetingIdText);
        Actor actor = CouncilController.secretariat(user);
        Meeting.Summary meeting = aggregates.ask(Meeting.class, meetingId.value(), Meeting::summary)
                .orElseThrow(() -> new NotFoundException("no such meeting"));
        if (!actor.councils().contains(meeting.councilId())) {
            throw new NotPermitted("only the secretariat of " + meeting.councilId() + " runs its meetings");
        }
        JsonFields in = JsonFields.of(body);
        Instant now = Instant.now(clock);
        LocalDate today = LocalDate.ofInstant(now, JAPAN);
        MeetingCommand command = switch (action) {
            case "add-agenda-item" -> {
                in.onlyKnown(Set.of("issueId", "ask"));
                jp.nimo.reference.Council council = councils.council(meeting.councilId())
                        .orElseThrow(() -> new NotFoundException("no such council"));
                AgendaItem item = agendaItem(in, council);
                in.check();
                yield new AddAgendaItem(meetingId, item, actor, now);
            }
            case "record-attendance" -> {
                in.onlyKnown(Set.of("attendees"));
                List<Attendee> attendees = in.list("attendees", true, a -> attendee(a, meeting.councilId()));
                if (in.isEmptyList("attendees")) {
                    in.error("attendees", "name at least one member organisation");
                }
                in.check();
                yield new RecordAttendance(meetingId, attendees, actor, now);
            }
            case "record-opinion" -> {
                in.onlyKnown(Set.of("organisation", "opinion", "receivedOn"));
                String organisation = sittingOrganisation(in, "organisation", meeting.councilId());
                String opinion = in.text("opinion", true, MAX_TEXT);
                LocalDate receivedOn = in.date("receivedOn", false);
                if (receivedOn != null && receivedOn.isAfter(today)) {
                    in.error("receivedOn", "must not be in the future");
                }
                in.check();
                yield new RecordOpinion(meetingId, organisation, opinion, receivedOn == null ? today : receivedOn,
                        actor, now);
            }
            case "record-minutes" -> {
                in.onlyKnown(Set.of("summary"));
                String summary = in.text("summary", true, MAX_TEXT);
                in.check();
                yield new RecordMinutes(meetingId, summary, actor, now);
            }
            case "hold" -> {
                in.onlyKnown(Set.of());
                in.check();
                yield new HoldMeeting(meetingId, today, actor, now);
            }
            case "cancel" -> {
                in.onlyKnown(Set.of("reason"));
                String reason = in.text("reason", true, MAX_TEXT);
                in.check();
                yield new CancelMeeting(meetingId, reason, actor, now);
            }
            case "issue-pack" -> {
                in.onlyKnown(Set.of("cutOff"));
                Instant cutOff = instant(in, "cutOff");
                if (cutOff != null && cutOff.isAfter(now)) {
                    in.error("cutOff", "a pack shows what was known: its cut-off cannot be later than now");
                }
                in.check();
                yield new IssuePack(meetingId, "pack-" + UUID.randomUUID(), cutOff, null, actor, now);
            }
            default -> throw new NotFoundException("no such action");
        };
        return idempotent.apply(user, key, request, body, HttpStatus.OK, () -> {
            MeetingCommand send = command;
            Map<String, Object> answer = answer(meetingId, stateAfter(command, meeting.state()));
            if (command instanceof IssuePack pack) {
                String hash = packs.hash(meetingId, pack.cutOff(), request);
                send = new IssuePack(meetingId, pack.packId(), pack.cutOff(), hash, actor, now);
                answer.put("packId", pack.packId());
                answer.put("cutOff", pack.cutOff().toString());
                answer.put("contentHash", hash);
            }
            commands.sendAndWait(send);
            return answer;
        });
    }

    private static String stateAfter(MeetingCommand command, MeetingState before) {
        if (command instanceof HoldMeeting) {
            return MeetingState.HELD.name();
        }
        return command instanceof CancelMeeting ? MeetingState.CANCELLED.name() : before.name();
    }

    private AgendaItem agendaItem(JsonFields item, jp.nimo.reference.Council council) {
        String id = item.text("issueId", true, 36);
        AgendaItem.Ask ask = item.enumValue("ask", AgendaItem.Ask.class, true);
        if (id == null || ask == null) {
            return null;
        }
        IssueId issueId;
        try {
            issueId = IssueId.of(id);
        } catch (IllegalArgumentException e) {
            item.error("issueId", "must be an issue id (a UUID)");
            return null;
        }
        Boolean mayBeOnAgenda = aggregates.ask(RegionalIssue.class, issueId.value(), i -> i.canBeOnAgendaOf(council))
                .orElse(null);
        if (mayBeOnAgenda == null) {
            item.error("issueId", "is not a known issue");
            return null;
        }
        if (!mayBeOnAgenda) {
            item.error("issueId", "is neither an issue of " + council.id() + " nor a candidate in an area it covers");
            return null;
        }
        return new AgendaItem(issueId, ask);
    }

    private Attendee attendee(JsonFields in, String councilId) {
        String organisation = sittingOrganisation(in, "organisation", councilId);
        Integer count = in.integer("count", true);
        if (count != null && (count < 1 || count > 100)) {
            in.error("count", "must be between 1 and 100");
            return null;
        }
        return organisation == null || count == null ? null : new Attendee(organisation, count);
    }

    private String sittingOrganisation(JsonFields in, String field, String councilId) {
        String organisation = in.code(field, true, id -> CouncilController.ORGANISATION.matcher(id).matches(),
                "an identifier of lower case letters, digits and hyphens");
        if (organisation != null && !aggregates.ask(Council.class, councilId, c -> c.seats(organisation)).orElse(false)) {
            in.error(field, "does not sit on " + councilId);
            return null;
        }
        return organisation;
    }

    private static Instant instant(JsonFields in, String field) {
        String text = in.text(field, true, 40);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            in.error(field, "must be an ISO-8601 instant with its offset, such as 2024-07-03T09:00:00+09:00");
            return null;
        }
    }

    private static MeetingId meetingIdOf(String value) {
        try {
            return MeetingId.of(value);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no such meeting");
        }
    }

    private static Map<String, Object> answer(MeetingId meetingId, String state) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("meetingId", meetingId.value());
        if (state != null) {
            answer.put("state", state);
        }
        return answer;
    }
}
