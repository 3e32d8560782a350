package jp.nimo.command.issues;

import tools.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.command.councils.Aggregates;
import jp.nimo.command.idempotency.IdempotentRequests;
import jp.nimo.councils.Meeting;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.issues.Actor;
import jp.nimo.issues.IssueAction;
import jp.nimo.issues.IssueCommand;
import jp.nimo.issues.IssueCommand.EscalateIssue;
import jp.nimo.issues.IssueCommand.DelegateIssue;
import jp.nimo.issues.IssueCommand.MergeIssue;
import jp.nimo.issues.IssueCommand.ReportIssueUp;
import jp.nimo.issues.IssueCommand.RaiseIssue;
import jp.nimo.issues.IssueId;
import jp.nimo.infra.web.input.IssueInput;
import jp.nimo.issues.IssueState;
import jp.nimo.reference.Area;
import jp.nimo.reference.Areas;
import jp.nimo.reference.Categories;
import jp.nimo.reference.Councils;
import jp.nimo.reference.Indicators;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static jp.nimo.cases.RecordingWindow.JAPAN;

/**
 * Regional issues: raised by hand, then taken through the council lifecycle by the council's
 * secretariat. Escalation and merging touch two issues: the automations of command-service's
 * {@code automation} package write the second in the same transaction.
 */
@RestController
@Tag(name = "issues")
public class IssueController {

    private static final List<Role> RAISERS = List.of(Role.SECRETARIAT, Role.SUPPORT_WORKER, Role.COUNCIL_MEMBER);

    private final CommandGateway commands;
    private final IdempotentRequests idempotent;
    private final IssueInput input;
    private final Clock clock;
    private final Councils councils;
    private final Areas areas;

    public IssueController(CommandGateway commands, IdempotentRequests idempotent, Areas areas, Categories categories,
                           Councils councils, Indicators indicators, Aggregates aggregates, Clock clock) {
        this.councils = councils;
        this.areas = areas;
        this.commands = commands;
        this.idempotent = idempotent;
        this.input = new IssueInput(areas, categories, councils, indicators,
                meetingId -> aggregates.ask(Meeting.class, meetingId.value(), Meeting::summary));
        this.clock = clock;
    }

    @PostMapping("/api/issues")
    @Operation(operationId = "raiseIssue",
            summary = "Raise an issue", description = "Support workers, secretariats and council members raise a"
            + " regional issue by hand, in an area their scope covers; it starts as a CANDIDATE.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = "NewIssue"))))
    @ApiResponse(responseCode = "201", description = "The issue was raised.",
            content = @Content(schema = @Schema(ref = "IssueStateAnswer")))
    @ProblemAnswers({403, 422})
    public ResponseEntity<Object> raise(@RequestBody(required = false) JsonNode body,
                                        @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                        @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        Role role = RAISERS.stream().filter(user::hasRole).findFirst()
                .orElseThrow(() -> new AccessDeniedException("support workers, secretariats and council members raise"
                        + " issues"));
        Instant now = Instant.now(clock);
        RaiseIssue raise = input.raise(IssueId.random(), body, actor(user, role), now, LocalDate.ofInstant(now, JAPAN));
        requireScope(user, role, raise.scope().area());
        return idempotent.apply(user, key, request, body, HttpStatus.CREATED, () -> {
            commands.sendAndWait(raise);
            return answer(raise.issueId(), IssueState.CANDIDATE);
        });
    }

    @PostMapping("/api/issues/{issueId}/{action}")
    @Operation(operationId = "takeIssueAction",
            summary = "Take an issue a step through its lifecycle", description = "The council's secretariat"
            + " decides: each action is allowed from some states only (409 with `currentState` and `allowedFrom`"
            + " otherwise). Every decision may name the meeting that took it, by `meetingId` (a meeting recorded in"
            + " Nimo: the decision is dated at it) or inline as `meeting`, and a `reason`; an escalation opens a"
            + " linked issue at the receiving council, a merge closes this issue into another. `report-up` (to a"
            + " council of a higher level whose area contains the issue's) and `delegate` (to a council of a lower"
            + " level inside this council's area, with the `scope` it takes) open a linked issue there, PROMOTED,"
            + " while this issue keeps its state (422 naming `toCouncilId` for any other council).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(schema = @Schema(ref = "IssueActionBody"))))
    @ApiResponse(responseCode = "200", description = "The decision was recorded; the issue's state now.",
            content = @Content(schema = @Schema(ref = "IssueStateAnswer")))
    @ProblemAnswers({403, 404, 409, 422})
    public ResponseEntity<Object> act(@Parameter(description = "The issue.", schema = @Schema(format = "uuid"))
                                      @PathVariable("issueId") String issueId,
                                      @Parameter(description = "The action.", schema = @Schema(ref = "IssueActionName"))
                                      @PathVariable("action") String actionPath,
                                      @RequestBody(required = false) JsonNode body,
                                      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                      @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        IssueAction action = IssueAction.ofPath(actionPath).orElseThrow(() -> new NotFoundException("no such action"));
        IssueId id = issueIdOf(issueId);
        if (!user.hasRole(Role.SECRETARIAT)) {
            throw new AccessDeniedException("a council's secretariat takes issues through the lifecycle");
        }
        Instant now = Instant.now(clock);
        IssueCommand command = input.action(action, id, body, actor(user, Role.SECRETARIAT), now,
                LocalDate.ofInstant(now, JAPAN), IssueId.random());
        return idempotent.apply(user, key, request, body, HttpStatus.OK, () -> apply(id, command));
    }

    /**
     * The linked issue (escalation, report-up, delegation) is opened and the merged one taken in by
     * automations, in the same transaction.
     */
    private Map<String, Object> apply(IssueId id, IssueCommand command) {
        Map<String, Object> answer = answer(id, commands.sendAndWait(command));
        if (command instanceof EscalateIssue escalate) {
            answer.put("linkedIssueId", escalate.linkedIssueId().value());
        }
        if (command instanceof ReportIssueUp report) {
            answer.put("linkedIssueId", report.linkedIssueId().value());
        }
        if (command instanceof DelegateIssue delegate) {
            answer.put("linkedIssueId", delegate.linkedIssueId().value());
        }
        if (command instanceof MergeIssue merge) {
            answer.put("intoIssueId", merge.intoIssueId().value());
        }
        return answer;
    }

    /**
     * Secretariats and council members raise issues in the areas their councils cover; a worker with a
     * municipality scope raises issues of those municipalities or of the regions they lie in.
     */
    private void requireScope(NimoUser user, Role role, Area area) {
        boolean allowed = switch (role) {
            case SECRETARIAT, COUNCIL_MEMBER -> user.councils().stream()
                    .map(councils::council).flatMap(java.util.Optional::stream).anyMatch(c -> c.covers(area));
            default -> user.municipalities().isEmpty() || user.municipalities().stream().anyMatch(m ->
                    area.equals(Area.municipality(m))
                            || area.equals(Area.region(areas.regionOf(jp.nimo.reference.MunicipalityCode.of(m)).value())));
        };
        if (!allowed) {
            throw new AccessDeniedException("your scope does not cover " + area);
        }
    }

    private static Map<String, Object> answer(IssueId id, IssueState state) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("issueId", id.value());
        answer.put("state", state.name());
        return answer;
    }

    private static IssueId issueIdOf(String value) {
        try {
            return IssueId.of(value);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no such issue");
        }
    }

    private static Actor actor(NimoUser user, Role role) {
        return new Actor(user.getUsername(), user.organisation(), role.name(), user.councils());
    }
}
