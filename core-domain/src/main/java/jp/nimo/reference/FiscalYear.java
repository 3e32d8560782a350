package jp.nimo.reference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.LocalDate;
import java.time.Month;

/**
 * A Japanese fiscal year (年度), April to March, named by the calendar year it starts in:
 * fiscal year 2024 (令和6年度) runs from 2024-04-01 to 2025-03-31.
 */
public record FiscalYear(int startYear) implements Comparable<FiscalYear> {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public FiscalYear {
        if (startYear < 1990 || startYear > 2200) {
            throw new IllegalArgumentException("a fiscal year is given by its starting year, between 1990 and 2200");
        }
    }

    public static FiscalYear of(int startYear) {
        return new FiscalYear(startYear);
    }

    public static FiscalYear containing(LocalDate date) {
        return new FiscalYear(date.getMonthValue() >= Month.APRIL.getValue() ? date.getYear() : date.getYear() - 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(startYear, Month.APRIL, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(startYear + 1, Month.MARCH, 31);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
    }

    @JsonValue
    @Override
    public int startYear() {
        return startYear;
    }

    @Override
    public int compareTo(FiscalYear other) {
        return Integer.compare(startYear, other.startYear);
    }

    @Override
    public String toString() {
        return "FY" + startYear;
    }
}
