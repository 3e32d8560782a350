package jp.nimo.cases;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The consents of one case on business time: which purposes were granted and withdrawn, on which
 * dates. Events may be entered late and out of order, so validity is judged on the date in question,
 * not on the order of recording; on the same date the later-recorded entry wins.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
final class ConsentLedger {

    private record Entry(String purpose, LocalDate on, boolean granted, LocalDate validUntil, long order) {
    }

    private final List<Entry> entries = new ArrayList<>();

    void granted(CaseFact.ConsentGranted consent, LocalDate on, long order) {
        entries.add(new Entry(consent.purpose(), on, true, consent.validUntil(), order));
    }

    void withdrawn(CaseFact.ConsentWithdrawn withdrawal, LocalDate on, long order) {
        entries.add(new Entry(withdrawal.purpose(), on, false, null, order));
    }

    /** Whether a consent for the purpose was granted on or before the date and not withdrawn or expired by then. */
    boolean validOn(String purpose, LocalDate date) {
        return entries.stream()
                .filter(e -> e.purpose().equals(purpose) && !e.on().isAfter(date))
                .max(Comparator.comparing(Entry::on).thenComparingLong(Entry::order))
                .map(e -> e.granted() && (e.validUntil() == null || !date.isAfter(e.validUntil())))
                .orElse(false);
    }
}
