package jp.nimo.detection;

import com.fasterxml.jackson.annotation.JsonCreator;
import jp.nimo.reference.MunicipalityCode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A signal found in a case event (case plane: it knows the case). {@code occurredOn} is business
 * time: the event's date, or for an absence the date of the event that went without follow-up.
 * {@code household} is the opaque household the case belonged to when the signal was found, kept only
 * for signals that count households (8050); null otherwise.
 */
public record Signal(String signalId, String code, String category, String kind, String caseId, LocalDate occurredOn,
                     MunicipalityCode municipality, Instant detectedAt, String household) {

    /** A signal that counts persons. */
    public Signal(String signalId, String code, String category, String kind, String caseId, LocalDate occurredOn,
                  MunicipalityCode municipality, Instant detectedAt) {
        this(signalId, code, category, kind, caseId, occurredOn, municipality, detectedAt, null);
    }

    @JsonCreator
    public Signal {
        Objects.requireNonNull(signalId, "signalId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(occurredOn, "occurredOn");
    }

    /** What a rule's distinct-case count counts this signal as: its household where it counts households, else its case. */
    public String countedAs() {
        return household != null ? household : caseId;
    }

    public String month() {
        return occurredOn.toString().substring(0, 7);
    }
}
