package jp.nimo.command.households;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jp.nimo.cases.CaseCommand.JoinHousehold;
import jp.nimo.cases.CaseCommand.LeaveHousehold;
import jp.nimo.cases.CaseId;
import jp.nimo.cases.CaseNotVisible;
import jp.nimo.command.cases.CaseWriting;
import jp.nimo.command.idempotency.IdempotentRequests;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.infra.web.input.JsonFields;
import jp.nimo.validation.FieldError;
import jp.nimo.validation.InvalidInputException;
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
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Support workers link the cases of one household (8050: an ageing parent and the adult children at home),
 * so that what concerns the household is counted once. The household id is opaque and stays on the case
 * plane: no issue, signal evidence or figure names it.
 */
@RestController
@Tag(name = "cases")
public class HouseholdController {

    /** At most this many cases in one household. */
    public static final int MAX_CASES = 10;
    private static final Pattern HOUSEHOLD_ID = Pattern.compile("hh-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final CommandGateway commands;
    private final IdempotentRequests idempotent;
    private final Clock clock;

    public HouseholdController(CommandGateway commands, IdempotentRequests idempotent, Clock clock) {
        this.commands = commands;
        this.idempotent = idempotent;
        this.clock = clock;
    }

    /** Body: {@code {"cases":["<caseId>","<caseId>"]}}; every case must be one the worker may write. */
    @PostMapping("/api/households")
    @Operation(operationId = "linkHousehold", summary = "Link cases as one household",
            description = "Links two or more cases (at most " + MAX_CASES + ") as one household under a new opaque id."
                    + " The worker must be able to write every case; a case already in another household is refused with"
                    + " 422. Nothing is linked unless every case is.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = "NewHousehold"))))
    @ApiResponse(responseCode = "201", description = "The cases are one household.",
            content = @Content(schema = @Schema(ref = "Household")))
    @ProblemAnswers({403, 404, 409, 422})
    public ResponseEntity<Object> link(@RequestBody JsonNode body,
                                       @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                       @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        requireWorker(user);
        JsonFields in = JsonFields.of(body);
        in.onlyKnown(Set.of("cases"));
        in.check();
        List<CaseId> cases = caseIds(body.get("cases"));
        return idempotent.apply(user, key, request, body, HttpStatus.CREATED, () -> {
            String householdId = "hh-" + UUID.randomUUID();
            Instant at = Instant.now(clock);
            cases.forEach(caseId -> commands.sendAndWait(
                    new JoinHousehold(caseId, householdId, at, CaseWriting.recordedBy(user))));
            return Map.of("householdId", householdId, "cases", cases.stream().map(CaseId::value).toList());
        });
    }

    /** Body: {@code {"caseId":"<caseId>"}}: one more case of an existing household. */
    @PostMapping("/api/households/{householdId}/cases")
    @Operation(operationId = "joinHousehold", summary = "Add a case to a household",
            description = "The case counts as one of the household from now on.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = "HouseholdMember"))))
    @ApiResponse(responseCode = "201", description = "The case is one of the household.",
            content = @Content(schema = @Schema(ref = "HouseholdMembership")))
    @ProblemAnswers({403, 404, 409, 422})
    public ResponseEntity<Object> join(@Parameter(description = "The household.") @PathVariable("householdId") String householdId,
                                       @RequestBody JsonNode body,
                                       @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                       @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        requireWorker(user);
        String household = householdIdOf(householdId);
        JsonFields in = JsonFields.of(body);
        in.onlyKnown(Set.of("caseId"));
        String caseId = in.text("caseId", true, 64);
        in.check();
        CaseId id = caseIdOf(caseId, "caseId");
        return idempotent.apply(user, key, request, body, HttpStatus.CREATED, () -> {
            commands.sendAndWait(new JoinHousehold(id, household, Instant.now(clock), CaseWriting.recordedBy(user)));
            return Map.of("householdId", household, "caseId", id.value());
        });
    }

    /** The case no longer counts as one of the household. */
    @PostMapping("/api/households/{householdId}/cases/{caseId}/leave")
    @Operation(operationId = "leaveHousehold", summary = "Take a case out of a household",
            description = "The case no longer counts as one of the household (the person moved out, or it was linked by mistake).")
    @ApiResponse(responseCode = "200", description = "The case left the household.",
            content = @Content(schema = @Schema(ref = "HouseholdMembership")))
    @ProblemAnswers({403, 404, 409, 422})
    public ResponseEntity<Object> leave(@Parameter(description = "The household.") @PathVariable("householdId") String householdId,
                                        @Parameter(description = "The case.", schema = @Schema(format = "uuid"))
                                        @PathVariable("caseId") String caseId,
                                        @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                        @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        requireWorker(user);
        String household = householdIdOf(householdId);
        CaseId id = caseIdOf(caseId, null);
        return idempotent.apply(user, key, request, null, HttpStatus.OK, () -> {
            commands.sendAndWait(new LeaveHousehold(id, household, Instant.now(clock), CaseWriting.recordedBy(user)));
            return Map.of("householdId", household, "caseId", id.value());
        });
    }

    private static List<CaseId> caseIds(JsonNode value) {
        if (value == null || value.isNull()) {
            throw new InvalidInputException("cases", "is required");
        }
        if (!value.isArray()) {
            throw new InvalidInputException("cases", "must be a list of case ids");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<CaseId> ids = new LinkedHashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String field = "cases[" + i + "]";
            try {
                CaseId id = CaseId.of(element.isString() ? element.asString() : null);
                if (!ids.add(id)) {
                    errors.add(new FieldError(field, "names a case twice"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, "must be a case id"));
            }
        }
        if (errors.isEmpty() && (ids.size() < 2 || ids.size() > MAX_CASES)) {
            errors.add(new FieldError("cases", "must name between 2 and " + MAX_CASES + " cases"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return List.copyOf(ids);
    }

    private static String householdIdOf(String value) {
        if (value == null || !HOUSEHOLD_ID.matcher(value).matches()) {
            // a malformed id names no household: answer as for a case not in it
            throw new InvalidInputException("householdId", "is not a household id (hh-<uuid>)");
        }
        return value;
    }

    private static CaseId caseIdOf(String value, String field) {
        try {
            return CaseId.of(value);
        } catch (IllegalArgumentException e) {
            if (field != null) {
                throw new InvalidInputException(field, "must be a case id");
            }
            throw new CaseNotVisible();
        }
    }

    private static void requireWorker(NimoUser user) {
        if (!user.hasRole(Role.SUPPORT_WORKER)) {
            throw new AccessDeniedException("only support workers link households");
        }
    }
}
