package jp.nimo.cases;

import jp.nimo.reference.MunicipalityCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** What a support worker asks of a case. */
public sealed interface CaseCommand {

    CaseId caseId();

    /** Open a case for the worker's organisation, for a person living in {@code municipality}. */
    record OpenCase(@TargetAggregateIdentifier CaseId caseId, MunicipalityCode municipality, String organisation,
                    String externalRef, AgeBand ageBand, String birthYearMonth, Instant openedAt, RecordedBy openedBy)
            implements CaseCommand {
    }

    /** Involve another organisation in the case (needs the person's INTER_AGENCY_REFERRAL consent). */
    record InvolveOrganisation(@TargetAggregateIdentifier CaseId caseId, String organisation, Instant recordedAt,
                               RecordedBy recordedBy) implements CaseCommand {
    }

    /**
     * Erase the person's personal data: the case's key is destroyed alongside, and the case takes no
     * further events. An administrator may erase any case; a worker only one their organisation holds.
     */
    record EraseCase(@TargetAggregateIdentifier CaseId caseId, String reason, Instant erasedAt, RecordedBy erasedBy,
                     boolean byAdministrator) implements CaseCommand {
    }

    /**
     * Count the case as one of a household (8050: a parent and the adult children at home), under an opaque
     * household id that never leaves the case plane. The caller must be able to write every case it links.
     */
    record JoinHousehold(@TargetAggregateIdentifier CaseId caseId, String householdId, Instant recordedAt,
                         RecordedBy recordedBy) implements CaseCommand {
    }

    /** The case no longer counts as one of the household (the person moved out, or it was linked by mistake). */
    record LeaveHousehold(@TargetAggregateIdentifier CaseId caseId, String householdId, Instant recordedAt,
                          RecordedBy recordedBy) implements CaseCommand {
    }

    /** Record what happened in a case, validated against the catalogue beforehand. */
    record RecordCaseEvent(@TargetAggregateIdentifier CaseId caseId, String eventId, CaseEventData data,
                           Instant recordedAt, RecordedBy recordedBy) implements CaseCommand {
    }
}
