package jp.nimo.command.cases;

import jp.nimo.cases.BirthMonths;
import jp.nimo.cases.CaseCommand.OpenCase;
import jp.nimo.cases.CaseCommand.RecordCaseEvent;
import jp.nimo.cases.CaseEventData;
import jp.nimo.cases.CaseId;
import jp.nimo.cases.RecordedBy;
import jp.nimo.cases.SupportCase.RecordedCaseEvent;
import jp.nimo.infra.crypto.CaseKeys;
import jp.nimo.infra.crypto.PersonalData;
import jp.nimo.infra.crypto.SealedBirthMonths;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.web.input.NewCaseInput.NewCase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Opening a case and recording into it, with the person's data sealed under the case's own key before any
 * command carries it: what the case endpoints and the bulk import both do. Runs in the caller's transaction,
 * so a new case's key is stored with its opening.
 */
@Component
public class CaseWriting {

    private final CommandGateway commands;
    private final CaseKeys caseKeys;
    private final PersonalData personalData;

    public CaseWriting(CommandGateway commands, CaseKeys caseKeys, PersonalData personalData) {
        this.commands = commands;
        this.caseKeys = caseKeys;
        this.personalData = personalData;
    }

    /** Opens a case for the user's organisation, with a key of its own; the external reference sealed under it. */
    public CaseId open(NewCase newCase, NimoUser user, Instant at) {
        return open(newCase, user, at, (caseId, caseKey) -> caseKeys.create(caseId.value())).caseId();
    }

    /** A case just opened and its key. */
    public record Opened(CaseId caseId, SecretKey caseKey) {
    }

    /**
     * Opens a case as {@link #open(NewCase, NimoUser, Instant)} does, with a new key that the caller stores
     * ({@link CaseKeys#storeAll}) in the same transaction: a bulk import stores its new cases' keys together.
     */
    public Opened openKeyingLater(NewCase newCase, NimoUser user, Instant at) {
        return open(newCase, user, at, (caseId, caseKey) -> caseKey);
    }

    private Opened open(NewCase newCase, NimoUser user, Instant at,
                        java.util.function.BiFunction<CaseId, SecretKey, SecretKey> keep) {
        CaseId caseId = CaseId.random();
        SecretKey caseKey = keep.apply(caseId, caseKeys.generate());
        String externalRef = newCase.externalRef() == null ? null
                : personalData.seal(caseId.value(), caseKey, Map.of("externalRef", newCase.externalRef())).get("externalRef");
        String birthYearMonth = newCase.birthYearMonth() == null ? null
                : personalData.seal(caseId.value(), caseKey, Map.of(BirthMonths.FIELD, newCase.birthYearMonth().toString()))
                        .get(BirthMonths.FIELD);
        commands.sendAndWait(new OpenCase(caseId, newCase.municipality(), user.organisation(), externalRef,
                newCase.ageBand(), birthYearMonth, at, recordedBy(user)));
        return new Opened(caseId, caseKey);
    }

    /** Records an event into the case, its personal fields sealed under the case's key. */
    public RecordedCaseEvent record(CaseId caseId, CaseEventData data, NimoUser user, Instant at) {
        return record(caseId, data, user, at, null);
    }

    /** Records as {@link #record(CaseId, CaseEventData, NimoUser, Instant)} does, into a case opened with its key at hand. */
    public RecordedCaseEvent record(CaseId caseId, CaseEventData data, NimoUser user, Instant at, SecretKey knownKey) {
        RecordCaseEvent command = new RecordCaseEvent(caseId, UUID.randomUUID().toString(), sealed(caseId, data, knownKey),
                at, recordedBy(user));
        // a case opened in the caller's batch has no stored key yet: its age at the event is opened with the one at hand
        return SealedBirthMonths.withKeyAtHand(caseId.value(), knownKey, () -> commands.sendAndWait(command));
    }

    /** The event with its personal fields sealed under the case's key; an erased or unknown case gets none. */
    private CaseEventData sealed(CaseId id, CaseEventData data, SecretKey knownKey) {
        if (data.personal().isEmpty()) {
            return data;
        }
        // without a key the case is unknown or erased: the command is refused either way, so the
        // personal data is simply not sent
        Map<String, String> personal = (knownKey != null ? java.util.Optional.of(knownKey) : caseKeys.key(id.value()))
                .map(caseKey -> personalData.seal(id.value(), caseKey, data.personal()))
                .orElse(Map.of());
        return new CaseEventData(data.kind(), data.occurredOn(), data.fields(), personal, data.catalogueVersion());
    }

    public static RecordedBy recordedBy(NimoUser user) {
        return new RecordedBy(user.getUsername(), user.organisation(), user.profession());
    }
}
