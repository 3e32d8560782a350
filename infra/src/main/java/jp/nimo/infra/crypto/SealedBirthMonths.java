package jp.nimo.infra.crypto;

import jp.nimo.cases.BirthMonths;
import jp.nimo.cases.CaseId;

import javax.crypto.SecretKey;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens a case's sealed birth year-month with the case's key: the stored key, or one still at hand in
 * the caller's transaction (a case a bulk import opened in the same batch, whose key is stored with the
 * batch). Commands run on the caller's thread, so the key at hand is kept for that thread only while its
 * command runs.
 */
public class SealedBirthMonths implements BirthMonths {

    private static final ThreadLocal<Map<String, SecretKey>> AT_HAND = new ThreadLocal<>();

    private final PersonalData personalData;

    public SealedBirthMonths(PersonalData personalData) {
        this.personalData = personalData;
    }

    @Override
    public Optional<YearMonth> open(CaseId caseId, String sealed) {
        Map<String, String> field = Map.of(FIELD, sealed);
        Map<String, SecretKey> atHand = AT_HAND.get();
        Optional<Map<String, String>> plain = atHand != null && atHand.containsKey(caseId.value())
                ? Optional.of(personalData.open(caseId.value(), atHand.get(caseId.value()), field))
                : personalData.open(caseId.value(), field);
        return plain.map(fields -> fields.get(FIELD)).flatMap(SealedBirthMonths::parse);
    }

    /** Runs {@code work} with the case's key at hand for opening its birth year-month ({@code key} may be null). */
    public static <T> T withKeyAtHand(String caseId, SecretKey key, Supplier<T> work) {
        if (key == null) {
            return work.get();
        }
        Map<String, SecretKey> before = AT_HAND.get();
        AT_HAND.set(Map.of(caseId, key));
        try {
            return work.get();
        } finally {
            if (before == null) {
                AT_HAND.remove();
            } else {
                AT_HAND.set(before);
            }
        }
    }

    private static Optional<YearMonth> parse(String value) {
        try {
            return Optional.of(YearMonth.parse(value));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
