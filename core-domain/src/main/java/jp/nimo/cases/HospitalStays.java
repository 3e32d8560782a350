package jp.nimo.cases;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Admissions and discharges of one case on business time, so that a discharge can be checked against
 * an earlier admission even when the history is entered after the fact.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
final class HospitalStays {

    private record Movement(LocalDate on, boolean admission, long order) {
    }

    private final List<Movement> movements = new ArrayList<>();

    void admitted(LocalDate on, long order) {
        movements.add(new Movement(on, true, order));
    }

    void discharged(LocalDate on, long order) {
        movements.add(new Movement(on, false, order));
    }

    /** Whether the person was in hospital on the date: the last movement on or before it is an admission. */
    boolean inpatientOn(LocalDate date) {
        return movements.stream()
                .filter(m -> !m.on().isAfter(date))
                .max(Comparator.comparing(Movement::on).thenComparingLong(Movement::order))
                .map(Movement::admission)
                .orElse(false);
    }

    boolean dischargedOnOrBefore(LocalDate date) {
        return movements.stream().anyMatch(m -> !m.admission() && !m.on().isAfter(date));
    }
}
