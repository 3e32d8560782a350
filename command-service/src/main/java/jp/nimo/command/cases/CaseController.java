package jp.nimo.command.cases;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.cases.CaseCommand.OpenCase;
import jp.nimo.cases.CaseCommand.RecordCaseEvent;
import jp.nimo.cases.CaseEventData;
import jp.nimo.cases.CaseEventInput;
import jp.nimo.cases.CaseId;
import jp.nimo.cases.NewCaseInput;
import jp.nimo.cases.RecordedBy;
import jp.nimo.cases.RecordingWindow;
import jp.nimo.cases.SupportCase.RecordedCaseEvent;
import jp.nimo.command.idempotency.IdempotentRequests;
import jp.nimo.infra.NimoProperties;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.reference.Areas;
import jp.nimo.reference.EventKindCatalogue;
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
import java.util.UUID;

/** Support workers open cases and record what happens in them. */
@RestController
public class CaseController {

    private final CommandGateway commands;
    private final IdempotentRequests idempotent;
    private final NewCaseInput newCaseInput;
    private final CaseEventInput caseEventInput;
    private final NimoProperties properties;
    private final Clock clock;

    public CaseController(CommandGateway commands, IdempotentRequests idempotent, Areas areas,
                          EventKindCatalogue catalogue, NimoProperties properties, Clock clock) {
        this.commands = commands;
        this.idempotent = idempotent;
        this.newCaseInput = new NewCaseInput(areas);
        this.caseEventInput = new CaseEventInput(catalogue, areas);
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/api/cases")
    public ResponseEntity<Object> open(@RequestBody JsonNode body,
                                       @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                       @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        requireWorker(user);
        NewCaseInput.NewCase newCase = newCaseInput.read(body);
        return idempotent.apply(requestOf(user, key, request, body), HttpStatus.CREATED, () -> {
            CaseId caseId = CaseId.random();
            commands.sendAndWait(new OpenCase(caseId, newCase.municipality(), user.organisation(), newCase.externalRef(),
                    newCase.ageBand(), Instant.now(clock), recordedBy(user)));
            return Map.of("caseId", caseId.value());
        });
    }

    @PostMapping("/api/cases/{caseId}/events")
    public ResponseEntity<Object> record(@PathVariable("caseId") String caseId, @RequestBody JsonNode body,
                                         @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                         @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        requireWorker(user);
        CaseId id = caseIdOf(caseId);
        CaseEventData data = caseEventInput.read(body, RecordingWindow.at(clock, properties.getMaxBackdating()));
        return idempotent.apply(requestOf(user, key, request, body), HttpStatus.CREATED, () -> {
            RecordedCaseEvent recorded = commands.sendAndWait(new RecordCaseEvent(id, UUID.randomUUID().toString(), data,
                    Instant.now(clock), recordedBy(user)));
            return Map.of("eventId", recorded.eventId(), "caseId", recorded.caseId().value(), "sequence", recorded.sequence());
        });
    }

    private static CaseId caseIdOf(String value) {
        try {
            return CaseId.of(value);
        } catch (IllegalArgumentException e) {
            // a malformed id names no case: answer as for any unknown case
            throw new NotFoundException("no such case");
        }
    }

    private static void requireWorker(NimoUser user) {
        if (!user.hasRole(Role.SUPPORT_WORKER)) {
            throw new AccessDeniedException("only support workers record case events");
        }
    }

    private static RecordedBy recordedBy(NimoUser user) {
        return new RecordedBy(user.getUsername(), user.organisation(), user.profession());
    }

    private static IdempotentRequests.Request requestOf(NimoUser user, String key, HttpServletRequest request, JsonNode body) {
        return new IdempotentRequests.Request(user.getUsername(), key, request.getMethod(), request.getRequestURI(), body);
    }
}
