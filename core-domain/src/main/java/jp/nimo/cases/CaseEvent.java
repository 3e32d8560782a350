package jp.nimo.cases;

import jp.nimo.reference.MunicipalityCode;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * The facts of the case plane. Everything that could identify the person (the external reference,
 * free-text notes) travels in {@code personal}, apart from the structured fields.
 */
public sealed interface CaseEvent {

    CaseId caseId();

    record CaseOpened(CaseId caseId, MunicipalityCode municipality, String organisation, AgeBand ageBand,
                      Instant openedAt, RecordedBy openedBy, Map<String, String> personal) implements CaseEvent {

        public CaseOpened {
            personal = personal == null ? Map.of() : Map.copyOf(personal);
        }
    }

    /** Another organisation now works on the case and may see and write it. */
    record OrganisationInvolved(CaseId caseId, String organisation, Instant involvedAt, RecordedBy involvedBy)
            implements CaseEvent {
    }

    /** The case counts as one of a household from {@code joinedAt}; the id is opaque and stays on the case plane. */
    record HouseholdJoined(CaseId caseId, String householdId, Instant joinedAt, RecordedBy joinedBy)
            implements CaseEvent {
    }

    /** The case no longer counts as one of the household. */
    record HouseholdLeft(CaseId caseId, String householdId, Instant leftAt, RecordedBy leftBy) implements CaseEvent {
    }

    /** The person's personal data was erased (its key destroyed); counts and evidence stay. */
    record CaseErased(CaseId caseId, Instant erasedAt, RecordedBy erasedBy, String reason) implements CaseEvent {
    }

    /**
     * One event of the catalogue recorded in a case. {@code sequence} is its place in the case's stream
     * (the opening is 0); {@code municipality} is where the person lived when it was recorded;
     * {@code catalogueVersion} is the catalogue the input was checked against, kept as recorded.
     * Revision 2: DischargeDelayed has a list of {@code reasons} where revision 1 (stored without a
     * revision) had one {@code reason}; stored revision-1 events are upcast when read.
     * {@code ageBand} is the person's age band on {@code occurredOn} where the case knows the birth
     * year-month (null otherwise, and in events recorded before it was kept).
     */
    @Revision("2")
    record CaseEventRecorded(CaseId caseId, String eventId, long sequence, String kind, LocalDate occurredOn,
                             Instant recordedAt, RecordedBy recordedBy, MunicipalityCode municipality,
                             Map<String, Object> fields, Map<String, String> personal, int catalogueVersion,
                             EventAgeBand ageBand)
            implements CaseEvent {

        public CaseEventRecorded {
            fields = fields == null ? Map.of() : Map.copyOf(fields);
            personal = personal == null ? Map.of() : Map.copyOf(personal);
        }
    }
}
