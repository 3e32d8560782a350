package jp.nimo.command.cases;

import tools.jackson.databind.JsonNode;
import jp.nimo.cases.CaseCommand.EraseCase;
import jp.nimo.cases.CaseCommand.InvolveOrganisation;
import jp.nimo.cases.CaseEventData;
import jp.nimo.infra.web.input.CaseEventInput;
import jp.nimo.cases.CaseId;
import jp.nimo.cases.CaseNotVisible;
import jp.nimo.infra.web.input.NewCaseInput;
import jp.nimo.cases.RecordingWindow;
import jp.nimo.cases.SupportCase.RecordedCaseEvent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.command.idempotency.IdempotentRequests;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.NimoProperties;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.reference.Areas;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.Organisations;
import jp.nimo.infra.web.input.JsonFields;
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
import java.util.Map;

/** Support workers open cases and record what happens in them. */
@RestController
@Tag(name = "cases")
public class CaseController {

    private final CommandGateway commands;
    private final IdempotentRequests idempotent;
    private final NewCaseInput newCaseInput;
    private final CaseEventInput caseEventInput;
    private final NimoProperties properties;
    private final Clock clock;
    private final CaseWriting writing;
    private final Organisations organisations;

    public CaseController(CommandGateway commands, IdempotentRequests idempotent, Areas areas,
                          EventKindCatalogue catalogue, NimoProperties properties, Clock clock, CaseWriting writing,
                          Organisations organisations) {
        this.writing = writing;
        this.organisations = organisations;
        this.commands = commands;
        this.idempotent = idempotent;
        this.newCaseInput = new NewCaseInput(areas);
        this.caseEventInput = new CaseEventInput(catalogue, areas);
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/api/cases")
    @Operation(operationId = "openCase",
            summary = "Open a case", description = "A support worker opens a case in a municipality their scope"
            + " covers; their organisation holds it. The external reference is personal data, sealed under the case's"
            + " own key.", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(ref = "NewCase"))))
    @ApiResponse(responseCode = "201", description = "The case was opened.",
            content = @Content(schema = @Schema(ref = "CaseOpened")))
    @ProblemAnswers({403, 422})
    public ResponseEntity<Object> open(@RequestBody JsonNode body,
                                       @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                       @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        requireWorker(user);
        NewCaseInput.NewCase newCase = newCaseInput.read(body);
        if (!user.municipalities().isEmpty() && !user.municipalities().contains(newCase.municipality().value())) {
            throw new AccessDeniedException("your scope does not cover municipality " + newCase.municipality());
        }
        return idempotent.apply(user, key, request, body, HttpStatus.CREATED, () -> {
            CaseId caseId = writing.open(newCase, user, Instant.now(clock));
            return Map.of("caseId", caseId.value());
        });
    }

    @PostMapping("/api/cases/{caseId}/events")
    @Operation(operationId = "recordCaseEvent",
            summary = "Record a case event", description = "Records what happened in the case, as one of the kinds"
            + " of the event-kind catalogue (GET /api/reference/event-kinds on the read side), with the kind's fields."
            + " Events that need the person's consent are refused with 422 and `missingConsent` without it; events"
            + " after the case was closed or erased with 422.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = CaseEventSchemas.CASE_EVENT),
                            examples = @ExampleObject(name = "RentalRefused", ref = "#/components/examples/RentalRefused"))))
    @ApiResponse(responseCode = "201", description = "The event was recorded.",
            content = @Content(schema = @Schema(ref = "CaseEventRecorded")))
    @ProblemAnswers({403, 404, 409, 422})
    public ResponseEntity<Object> record(@Parameter(description = "The case.", schema = @Schema(format = "uuid"))
                                         @PathVariable("caseId") String caseId, @RequestBody JsonNode body,
                                         @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                         @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        CaseId id = writtenBy(user, caseId);
        CaseEventData read = caseEventInput.read(body, RecordingWindow.at(clock, properties.getMaxBackdating()));
        return idempotent.apply(user, key, request, body, HttpStatus.CREATED, () -> {
            RecordedCaseEvent recorded = writing.record(id, read, user, Instant.now(clock));
            return Map.of("eventId", recorded.eventId(), "caseId", recorded.caseId().value(), "sequence", recorded.sequence());
        });
    }

    /**
     * Involves another organisation in the case, so that its workers may see and write it; needs the
     * person's INTER_AGENCY_REFERRAL consent. Body: {@code {"organisation":"setagaya-support-office"}}.
     */
    @PostMapping("/api/cases/{caseId}/involvements")
    @Operation(operationId = "involveOrganisation",
            summary = "Involve another organisation", description = "Lets the workers of another organisation see"
            + " and write the case. Needs the person's INTER_AGENCY_REFERRAL consent (422 with `missingConsent`"
            + " otherwise).", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(schema = @Schema(ref = "Involvement"))))
    @ApiResponse(responseCode = "201", description = "The organisation is involved.",
            content = @Content(schema = @Schema(ref = "OrganisationInvolved")))
    @ProblemAnswers({403, 404, 409, 422})
    public ResponseEntity<Object> involve(@Parameter(description = "The case.", schema = @Schema(format = "uuid"))
                                          @PathVariable("caseId") String caseId, @RequestBody JsonNode body,
                                          @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                          @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        CaseId id = writtenBy(user, caseId);
        JsonFields in = JsonFields.of(body);
        in.onlyKnown(java.util.Set.of("organisation"));
        String organisation = in.code("organisation", true, o -> organisations.organisation(o).isPresent(),
                "a known organisation (see GET /api/reference/organisations)");
        in.check();
        return idempotent.apply(user, key, request, body, HttpStatus.CREATED, () -> {
            commands.sendAndWait(new InvolveOrganisation(id, organisation, Instant.now(clock), CaseWriting.recordedBy(user)));
            return Map.of("caseId", id.value(), "organisation", organisation);
        });
    }

    /**
     * Erases the person's personal data by destroying the case's key (crypto-shredding): notes and the
     * external reference become unreadable everywhere; counts, evidence and issue timelines stay.
     * Body: {@code {"reason":"…"}}. For the organisation holding the case, or an administrator.
     */
    @PostMapping("/api/cases/{caseId}/erasure")
    @Operation(operationId = "eraseCase",
            summary = "Erase the person's personal data", description = "Destroys the case's key"
            + " (crypto-shredding): notes and the external reference become unreadable everywhere; counts, evidence"
            + " and issue timelines stay. For the organisation holding the case, or ADMIN.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = "Erasure"))))
    @ApiResponse(responseCode = "202", description = "The case's personal data is erased.",
            content = @Content(schema = @Schema(ref = "CaseErased")))
    @ProblemAnswers({403, 404, 409, 422})
    public ResponseEntity<Object> erase(@Parameter(description = "The case.", schema = @Schema(format = "uuid"))
                                        @PathVariable("caseId") String caseId, @RequestBody JsonNode body,
                                        @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                        @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        boolean administrator = user.hasRole(Role.ADMIN);
        if (!administrator) {
            requireWorker(user);
        }
        CaseId id = caseIdOf(caseId);
        JsonFields in = JsonFields.of(body);
        in.onlyKnown(java.util.Set.of("reason"));
        String reason = in.text("reason", true, 2000);
        in.check();
        return idempotent.apply(user, key, request, body, HttpStatus.ACCEPTED, () -> {
            // the key is destroyed by an automation, in the erasure's transaction
            commands.sendAndWait(new EraseCase(id, reason, Instant.now(clock), CaseWriting.recordedBy(user), administrator));
            return Map.of("caseId", id.value(), "erased", true);
        });
    }

    /** The case a support worker writes to; whether they may is the aggregate's to decide. */
    private static CaseId writtenBy(NimoUser user, String caseId) {
        requireWorker(user);
        return caseIdOf(caseId);
    }

    private static CaseId caseIdOf(String value) {
        try {
            return CaseId.of(value);
        } catch (IllegalArgumentException e) {
            // a malformed id names no case: answer as for any unknown case
            throw new CaseNotVisible();
        }
    }

    private static void requireWorker(NimoUser user) {
        if (!user.hasRole(Role.SUPPORT_WORKER)) {
            throw new AccessDeniedException("only support workers record case events");
        }
    }
}
