package jp.nimo.cases;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import jp.nimo.cases.CaseCommand.OpenCase;
import jp.nimo.cases.CaseCommand.RecordCaseEvent;
import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import jp.nimo.cases.CaseEvent.CaseOpened;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.validation.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static jp.nimo.cases.RecordingWindow.JAPAN;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One person's support case in one organisation's caseload. It decides whether an event may be
 * recorded (the case rules) and keeps only the state those rules need.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@Revision("1")
public class SupportCase {

    /** A snapshot is taken after this many events, so that a long case loads in constant time. */
    public static final int SNAPSHOT_EVERY = 100;


    @AggregateIdentifier
    private CaseId caseId;
    private String organisation;
    private MunicipalityCode municipality;
    private boolean closed;
    private long nextSequence;
    private ConsentLedger consents = new ConsentLedger();
    private HospitalStays stays = new HospitalStays();

    protected SupportCase() {
        // for Axon
    }

    @CommandHandler
    public SupportCase(OpenCase command) {
        Map<String, String> personal = new HashMap<>();
        if (command.externalRef() != null) {
            personal.put("externalRef", command.externalRef());
        }
        apply(new CaseOpened(command.caseId(), command.municipality(), command.organisation(), command.ageBand(),
                command.openedAt(), command.openedBy(), personal));
    }

    @CommandHandler
    public RecordedCaseEvent handle(RecordCaseEvent command) {
        CaseEventData data = command.data();
        LocalDate on = data.occurredOn();
        if (on.isAfter(LocalDate.ofInstant(command.recordedAt(), JAPAN))) {
            throw new DomainRuleViolation("occurred-in-future", "occurredOn", "an event cannot have happened after it was recorded");
        }
        checkRules(data);
        long sequence = nextSequence;
        MunicipalityCode residence = CaseKinds.PERSON_RELOCATED.equals(data.kind())
                ? MunicipalityCode.of(data.code("toMunicipality").orElseThrow())
                : municipality;
        apply(new CaseEventRecorded(caseId, command.eventId(), sequence, data.kind(), on, command.recordedAt(),
                command.recordedBy(), residence, data.fields(), data.personal(), data.catalogueVersion()));
        return new RecordedCaseEvent(command.eventId(), caseId, sequence);
    }

    private void checkRules(CaseEventData data) {
        String kind = data.kind();
        LocalDate on = data.occurredOn();
        if (closed && !CaseKinds.CASE_REOPENED.equals(kind)) {
            throw new DomainRuleViolation("case-closed", "kind",
                    "the case is closed: only CaseReopened may be recorded until it is reopened");
        }
        switch (kind) {
            case CaseKinds.CASE_REOPENED -> {
                if (!closed) {
                    throw new DomainRuleViolation("case-not-closed", "kind", "only a closed case can be reopened");
                }
            }
            case CaseKinds.PERSON_RELOCATED -> {
                if (data.code("toMunicipality").map(m -> m.equals(municipality.value())).orElse(false)) {
                    throw new DomainRuleViolation("same-municipality", "toMunicipality",
                            "the person already lives in " + municipality);
                }
            }
            case CaseKinds.DISCHARGED -> {
                if (!stays.inpatientOn(on)) {
                    throw new DomainRuleViolation("discharge-without-admission", "occurredOn",
                            "a discharge needs an admission on or before " + on + " that has not already ended");
                }
            }
            case CaseKinds.READMITTED -> {
                if (!stays.dischargedOnOrBefore(on)) {
                    throw new DomainRuleViolation("readmission-without-discharge", "occurredOn",
                            "a readmission needs a discharge on or before " + on);
                }
            }
            case CaseKinds.POST_DISCHARGE_SUPPORT_STARTED -> {
                if (!stays.dischargedOnOrBefore(on)) {
                    throw new DomainRuleViolation("support-without-discharge", "occurredOn",
                            "post-discharge support needs a discharge on or before " + on);
                }
            }
            case CaseKinds.INPATIENT_VISITED -> {
                if (!consents.validOn("VISIT", on)) {
                    throw new DomainRuleViolation("consent-required", null,
                            "a visit by community supporters needs a granted, unwithdrawn VISIT consent on " + on,
                            Map.of("missingConsent", "VISIT"));
                }
            }
            case CaseKinds.CONSENT_WITHDRAWN -> {
                String purpose = data.code("purpose").orElseThrow();
                if (!consents.validOn(purpose, on)) {
                    throw new DomainRuleViolation("no-consent-to-withdraw", "purpose",
                            "no " + purpose + " consent is in force on " + on);
                }
            }
            default -> {
                // the other kinds carry no case rule beyond their declared fields
            }
        }
    }

    @EventSourcingHandler
    void on(CaseOpened event) {
        caseId = event.caseId();
        organisation = event.organisation();
        municipality = event.municipality();
        nextSequence = 1;
    }

    @EventSourcingHandler
    void on(CaseEventRecorded event) {
        nextSequence = event.sequence() + 1;
        municipality = event.municipality();
        LocalDate on = event.occurredOn();
        long order = event.sequence();
        switch (event.kind()) {
            case CaseKinds.CASE_CLOSED -> closed = true;
            case CaseKinds.CASE_REOPENED -> closed = false;
            case CaseKinds.ADMITTED, CaseKinds.READMITTED -> stays.admitted(on, order);
            case CaseKinds.DISCHARGED -> stays.discharged(on, order);
            case CaseKinds.CONSENT_GRANTED -> consents.grant((String) event.fields().get("purpose"), on,
                    event.fields().get("validUntil") instanceof String until ? LocalDate.parse(until) : null, order);
            case CaseKinds.CONSENT_WITHDRAWN -> consents.withdraw((String) event.fields().get("purpose"), on, order);
            default -> {
                // no state needed for the other kinds
            }
        }
    }

    /** The answer to a recorded event: where it landed in the case's stream. */
    public record RecordedCaseEvent(String eventId, CaseId caseId, long sequence) {
    }
}
