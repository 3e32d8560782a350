package jp.nimo.cases;

import jp.nimo.reference.MunicipalityCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** What a support worker asks of a case. */
public sealed interface CaseCommand {

    CaseId caseId();

    /** Open a case for the worker's organisation, for a person living in {@code municipality}. */
    record OpenCase(@TargetAggregateIdentifier CaseId caseId, MunicipalityCode municipality, String organisation,
                    String externalRef, AgeBand ageBand, Instant openedAt, RecordedBy openedBy) implements CaseCommand {
    }

    /** Record what happened in a case, validated against the catalogue beforehand. */
    record RecordCaseEvent(@TargetAggregateIdentifier CaseId caseId, String eventId, CaseEventData data,
                           Instant recordedAt, RecordedBy recordedBy) implements CaseCommand {
    }
}
