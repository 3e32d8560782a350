package jp.nimo.detection;

import jp.nimo.reference.MunicipalityCode;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An event that waits for its follow-up: a discharge after an involuntary admission waits for
 * post-discharge support, a long-stay listing for a community visit. It fires at {@code deadline}
 * unless a follow-up dated between {@code occurredOn} and {@code windowEnd} has been recorded by then.
 */
public record PendingAbsence(String triggerEventId, String signalCode, String followUpKind, String caseId,
                             LocalDate occurredOn, LocalDate windowEnd, Instant deadline, MunicipalityCode municipality) {
}
