package jp.nimo.command.cases;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.cases.CaseCommand.EraseCase;
import jp.nimo.cases.CaseCommand.InvolveOrganisation;
import jp.nimo.cases.CaseCommand.OpenCase;
import jp.nimo.cases.CaseCommand.RecordCaseEvent;
import jp.nimo.cases.CaseEventData;
import jp.nimo.cases.CaseEventInput;
import jp.nimo.cases.CaseId;
import jp.nimo.cases.CaseNotVisible;
import jp.nimo.cases.NewCaseInput;
import jp.nimo.cases.RecordedBy;
import jp.nimo.cases.RecordingWindow;
import jp.nimo.cases.SupportCase.RecordedCaseEvent;
import jp.nimo.command.idempotency.IdempotentRequests;
import jp.nimo.infra.NimoProperties;
import jp.nimo.infra.crypto.CaseKeys;
import jp.nimo.infra.crypto.PersonalData;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.reference.Areas;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.Organisations;
import jp.nimo.validation.JsonFields;
import javax.crypto.SecretKey;
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
    private final CaseKeys caseKeys;
    private final PersonalData personalData;
    private final Organisations organisations;

    public CaseController(CommandGateway commands, IdempotentRequests idempotent, Areas areas,
                          EventKindCatalogue catalogue, NimoProperties properties, Clock clock, CaseKeys caseKeys,
                          PersonalData personalData, Organisations organisations) {
        this.caseKeys = caseKeys;
        this.personalData = personalData;
        this.organisations = organisations;
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
        if (!user.municipalities().isEmpty() && !user.municipalities().contains(newCase.municipality().value())) {
            throw new AccessDeniedException("your scope does not cover municipality " + newCase.municipality());
        }
        return idempotent.apply(IdempotentRequests.Request.of(user, key, request, body), HttpStatus.CREATED, () -> {
            CaseId caseId = CaseId.random();
            SecretKey caseKey = caseKeys.create(caseId.value());
            String externalRef = newCase.externalRef() == null ? null
                    : personalData.seal(caseId.value(), caseKey, Map.of("externalRef", newCase.externalRef())).get("externalRef");
            commands.sendAndWait(new OpenCase(caseId, newCase.municipality(), user.organisation(), externalRef,
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
        CaseEventData read = caseEventInput.read(body, RecordingWindow.at(clock, properties.getMaxBackdating()));
        return idempotent.apply(IdempotentRequests.Request.of(user, key, request, body), HttpStatus.CREATED, () -> {
            RecordedCaseEvent recorded = commands.sendAndWait(new RecordCaseEvent(id, UUID.randomUUID().toString(),
                    sealed(id, read), Instant.now(clock), recordedBy(user)));
            return Map.of("eventId", recorded.eventId(), "caseId", recorded.caseId().value(), "sequence", recorded.sequence());
        });
    }

    /**
     * Involves another organisation in the case, so that its workers may see and write it; needs the
     * person's INTER_AGENCY_REFERRAL consent. Body: {@code {"organisation":"setagaya-support-office"}}.
     */
    @PostMapping("/api/cases/{caseId}/involvements")
    public ResponseEntity<Object> involve(@PathVariable("caseId") String caseId, @RequestBody JsonNode body,
                                          @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                          @AuthenticationPrincipal NimoUser user, HttpServletRequest request) {
        requireWorker(user);
        CaseId id = caseIdOf(caseId);
        JsonFields in = JsonFields.of(body);
        in.onlyKnown(java.util.Set.of("organisation"));
        String organisation = in.code("organisation", true, o -> organisations.organisation(o).isPresent(),
                "a known organisation (see GET /api/reference/organisations)");
        in.check();
        return idempotent.apply(IdempotentRequests.Request.of(user, key, request, body), HttpStatus.CREATED, () -> {
            commands.sendAndWait(new InvolveOrganisation(id, organisation, Instant.now(clock), recordedBy(user)));
            return Map.of("caseId", id.value(), "organisation", organisation);
        });
    }

    /**
     * Erases the person's personal data by destroying the case's key (crypto-shredding): notes and the
     * external reference become unreadable everywhere; counts, evidence and issue timelines stay.
     * Body: {@code {"reason":"…"}}. For the organisation holding the case, or an administrator.
     */
    @PostMapping("/api/cases/{caseId}/erasure")
    public ResponseEntity<Object> erase(@PathVariable("caseId") String caseId, @RequestBody JsonNode body,
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
        return idempotent.apply(IdempotentRequests.Request.of(user, key, request, body), HttpStatus.ACCEPTED, () -> {
            commands.sendAndWait(new EraseCase(id, reason, Instant.now(clock), recordedBy(user), administrator));
            caseKeys.destroy(id.value());
            return Map.of("caseId", id.value(), "erased", true);
        });
    }

    /** The event with its personal fields sealed under the case's key; an erased case gets none. */
    private CaseEventData sealed(CaseId id, CaseEventData data) {
        if (data.personal().isEmpty()) {
            return data;
        }
        // without a key the case is unknown or erased: the command is refused either way, so the
        // personal data is simply not sent
        Map<String, String> personal = caseKeys.key(id.value())
                .map(caseKey -> personalData.seal(id.value(), caseKey, data.personal()))
                .orElse(Map.of());
        return new CaseEventData(data.kind(), data.occurredOn(), data.fields(), personal, data.catalogueVersion());
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

    private static RecordedBy recordedBy(NimoUser user) {
        return new RecordedBy(user.getUsername(), user.organisation(), user.profession());
    }
}
