package jp.nimo.cases;

import java.time.YearMonth;
import java.util.Optional;

/**
 * Opens a case's sealed birth year-month, so that the case can give the person's age band at an event
 * without the month itself ever leaving the case plane. Empty when the case's key was destroyed.
 */
public interface BirthMonths {

    /** The birth year-month's field name among a case's personal data. */
    String FIELD = "birthYearMonth";

    Optional<YearMonth> open(CaseId caseId, String sealed);
}
