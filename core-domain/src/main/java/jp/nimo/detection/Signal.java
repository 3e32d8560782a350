package jp.nimo.detection;

import jp.nimo.reference.MunicipalityCode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A signal found in a case event (case plane: it knows the case). {@code occurredOn} is business
 * time: the event's date, or for an absence the date of the event that went without follow-up.
 */
public record Signal(String signalId, String code, String category, String kind, String caseId, LocalDate occurredOn,
                     MunicipalityCode municipality, Instant detectedAt) {

    public Signal {
        Objects.requireNonNull(signalId, "signalId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }

    public String month() {
        return occurredOn.toString().substring(0, 7);
    }
}
