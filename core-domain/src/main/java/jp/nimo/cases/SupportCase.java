package jp.nimo.cases;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import jp.nimo.cases.CaseCommand.EraseCase;
import jp.nimo.cases.CaseCommand.InvolveOrganisation;
import jp.nimo.cases.CaseCommand.JoinHousehold;
import jp.nimo.cases.CaseCommand.LeaveHousehold;
import jp.nimo.cases.CaseCommand.OpenCase;
import jp.nimo.cases.CaseCommand.RecordCaseEvent;
import jp.nimo.cases.CaseEvent.CaseErased;
import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import jp.nimo.cases.CaseEvent.HouseholdJoined;
import jp.nimo.cases.CaseEvent.HouseholdLeft;
import jp.nimo.cases.CaseEvent.OrganisationInvolved;
import jp.nimo.cases.CaseEvent.CaseOpened;
import jp.nimo.cases.CaseFact.CaseClosed;
import jp.nimo.cases.CaseFact.CaseReopened;
import jp.nimo.cases.CaseFact.ConsentGranted;
import jp.nimo.cases.CaseFact.ConsentWithdrawn;
import jp.nimo.cases.CaseFact.Discharged;
import jp.nimo.cases.CaseFact.HospitalAdmission;
import jp.nimo.cases.CaseFact.PersonRelocated;
import jp.nimo.cases.CaseFact.PostDischargeSupportStarted;
import jp.nimo.cases.CaseFact.Readmitted;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.MunicipalityCode;
import jp.nimo.validation.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;

import static jp.nimo.cases.RecordingWindow.JAPAN;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One person's support case in one organisation's caseload. It decides whether an event may be
 * recorded (the case rules) and keeps only the state those rules need.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@Revision("2")
public class SupportCase {

    /** A snapshot is taken after this many events, so that a long case loads in constant time. */
    public static final int SNAPSHOT_EVERY = 100;


    @AggregateIdentifier
    private CaseId caseId;
    private String organisation;
    private Set<String> organisations = new HashSet<>();
    private MunicipalityCode municipality;
    private boolean closed;
    private boolean erased;
    private long nextSequence;
    private ConsentLedger consents = new ConsentLedger();
    private HospitalStays stays = new HospitalStays();
    /** The birth year-month as sealed under the case's key (never plaintext, also in a snapshot), or null. */
    private String sealedBirthMonth;
    private String household;

    protected SupportCase() {
        // for Axon
    }

    @CommandHandler
    public SupportCase(OpenCase command) {
        Map<String, String> personal = new HashMap<>();
        if (command.externalRef() != null) {
            personal.put("externalRef", command.externalRef());
        }
        if (command.birthYearMonth() != null) {
            personal.put(BirthMonths.FIELD, command.birthYearMonth());
        }
        apply(new CaseOpened(command.caseId(), command.municipality(), command.organisation(), command.ageBand(),
                command.openedAt(), command.openedBy(), personal));
    }

    @CommandHandler
    public RecordedCaseEvent handle(RecordCaseEvent command, EventKindCatalogue catalogue, BirthMonths birthMonths) {
        requireInvolved(command.recordedBy());
        requireNotErased();
        CaseEventData data = command.data();
        LocalDate on = data.occurredOn();
        if (on.isAfter(LocalDate.ofInstant(command.recordedAt(), JAPAN))) {
            throw new DomainRuleViolation("occurred-in-future", "occurredOn", "an event cannot have happened after it was recorded");
        }
        CaseFact fact = CaseFacts.decode(data);
        checkRules(fact, on);
        checkConsents(data, catalogue);
        long sequence = nextSequence;
        MunicipalityCode residence = fact instanceof PersonRelocated relocated
                ? MunicipalityCode.of(relocated.toMunicipality())
                : municipality;
        EventAgeBand ageBand = sealedBirthMonth == null ? null
                : birthMonths.open(caseId, sealedBirthMonth).map(born -> EventAgeBand.at(born, on)).orElse(null);
        apply(new CaseEventRecorded(caseId, command.eventId(), sequence, data.kind(), on, command.recordedAt(),
                command.recordedBy(), residence, data.fields(), data.personal(), data.catalogueVersion(), ageBand));
        return new RecordedCaseEvent(command.eventId(), caseId, sequence);
    }

    @CommandHandler
    public long handle(InvolveOrganisation command) {
        requireInvolved(command.recordedBy());
        requireNotErased();
        if (closed) {
            throw new DomainRuleViolation("case-closed", null, "the case is closed");
        }
        if (organisations.contains(command.organisation())) {
            return nextSequence - 1;
        }
        LocalDate today = LocalDate.ofInstant(command.recordedAt(), JAPAN);
        if (!consents.validOn("INTER_AGENCY_REFERRAL", today)) {
            throw new DomainRuleViolation("consent-required", "organisation",
                    "involving another organisation needs a granted, unwithdrawn INTER_AGENCY_REFERRAL consent",
                    Map.of("missingConsent", "INTER_AGENCY_REFERRAL"));
        }
        apply(new OrganisationInvolved(caseId, command.organisation(), command.recordedAt(), command.recordedBy()));
        return nextSequence - 1;
    }

    @CommandHandler
    public void handle(JoinHousehold command) {
        requireInvolved(command.recordedBy());
        requireNotErased();
        if (command.householdId().equals(household)) {
            return;
        }
        if (household != null) {
            throw new DomainRuleViolation("in-another-household", "cases",
                    "the case already counts as one of another household: it leaves that one first");
        }
        apply(new HouseholdJoined(caseId, command.householdId(), command.recordedAt(), command.recordedBy()));
    }

    @CommandHandler
    public void handle(LeaveHousehold command) {
        requireInvolved(command.recordedBy());
        requireNotErased();
        if (!command.householdId().equals(household)) {
            throw new DomainRuleViolation("not-in-household", "caseId", "the case is not one of this household");
        }
        apply(new HouseholdLeft(caseId, command.householdId(), command.recordedAt(), command.recordedBy()));
    }

    @CommandHandler
    public void handle(EraseCase command) {
        if (!command.byAdministrator() && !organisation.equals(command.erasedBy().organisation())) {
            throw new CaseNotVisible();
        }
        if (erased) {
            return;
        }
        apply(new CaseErased(caseId, command.erasedAt(), command.erasedBy(), command.reason()));
    }

    private void requireInvolved(RecordedBy by) {
        if (!organisations.contains(by.organisation())) {
            throw new CaseNotVisible();
        }
    }

    private void requireNotErased() {
        if (erased) {
            throw new DomainRuleViolation("case-erased", null, "the case's personal data was erased; it takes no further events");
        }
    }

    private void checkConsents(CaseEventData data, EventKindCatalogue catalogue) {
        catalogue.kind(data.kind()).ifPresent(kind -> {
            for (String purpose : kind.consentsNeeded(data.fields())) {
                if (!consents.validOn(purpose, data.occurredOn())) {
                    throw new DomainRuleViolation("consent-required", null, data.kind() + " needs a granted, unwithdrawn "
                            + purpose + " consent on " + data.occurredOn(), Map.of("missingConsent", purpose));
                }
            }
        });
    }

    private void checkRules(CaseFact fact, LocalDate on) {
        boolean reopening = fact instanceof CaseReopened;
        if (closed && !reopening) {
            throw new DomainRuleViolation("case-closed", "kind",
                    "the case is closed: only CaseReopened may be recorded until it is reopened");
        }
        if (reopening && !closed) {
            throw new DomainRuleViolation("case-not-closed", "kind", "only a closed case can be reopened");
        }
        if (fact instanceof PersonRelocated relocated && municipality.value().equals(relocated.toMunicipality())) {
            throw new DomainRuleViolation("same-municipality", CaseFacts.TO_MUNICIPALITY,
                    "the person already lives in " + municipality);
        }
        if (fact instanceof Discharged && !stays.inpatientOn(on)) {
            throw new DomainRuleViolation("discharge-without-admission", "occurredOn",
                    "a discharge needs an admission on or before " + on + " that has not already ended");
        }
        if (fact instanceof Readmitted && !stays.dischargedOnOrBefore(on)) {
            throw new DomainRuleViolation("readmission-without-discharge", "occurredOn",
                    "a readmission needs a discharge on or before " + on);
        }
        if (fact instanceof PostDischargeSupportStarted && !stays.dischargedOnOrBefore(on)) {
            throw new DomainRuleViolation("support-without-discharge", "occurredOn",
                    "post-discharge support needs a discharge on or before " + on);
        }
        if (fact instanceof ConsentWithdrawn withdrawn && !consents.validOn(withdrawn.purpose(), on)) {
            throw new DomainRuleViolation("no-consent-to-withdraw", CaseFacts.PURPOSE,
                    "no " + withdrawn.purpose() + " consent is in force on " + on);
        }
        // the other kinds carry no case rule beyond their declared fields
    }

    @EventSourcingHandler
    void on(CaseOpened event) {
        caseId = event.caseId();
        organisation = event.organisation();
        organisations.add(event.organisation());
        municipality = event.municipality();
        sealedBirthMonth = event.personal().get(BirthMonths.FIELD);
        nextSequence = 1;
    }

    @EventSourcingHandler
    void on(CaseEventRecorded event) {
        nextSequence = event.sequence() + 1;
        municipality = event.municipality();
        LocalDate on = event.occurredOn();
        long order = event.sequence();
        CaseFact fact = CaseFacts.decode(event);
        if (fact instanceof CaseClosed) {
            closed = true;
        } else if (fact instanceof CaseReopened) {
            closed = false;
        } else if (fact instanceof HospitalAdmission) {
            stays.admitted(on, order);
        } else if (fact instanceof Discharged) {
            stays.discharged(on, order);
        } else if (fact instanceof ConsentGranted consent) {
            consents.granted(consent, on, order);
        } else if (fact instanceof ConsentWithdrawn withdrawal) {
            consents.withdrawn(withdrawal, on, order);
        }
        // no state needed for the other kinds
    }

    @EventSourcingHandler
    void on(OrganisationInvolved event) {
        organisations.add(event.organisation());
        nextSequence++;
    }

    @EventSourcingHandler
    void on(HouseholdJoined event) {
        household = event.householdId();
        nextSequence++;
    }

    @EventSourcingHandler
    void on(HouseholdLeft event) {
        household = null;
        nextSequence++;
    }

    @EventSourcingHandler
    void on(CaseErased event) {
        erased = true;
        nextSequence++;
    }

    /** The answer to a recorded event: where it landed in the case's stream. */
    public record RecordedCaseEvent(String eventId, CaseId caseId, long sequence) {
    }
}
