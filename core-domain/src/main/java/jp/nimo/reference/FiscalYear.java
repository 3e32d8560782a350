package jp.nimo.reference;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.LocalDate;
import java.time.Month;
import java.time.chrono.JapaneseDate;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

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
        return new FiscalYear(startYearOf(date));
    }

    /**
     * The starting year of the fiscal year holding the date, for any date: projections bucket history
     * older than the fiscal years plans name (a long stay that began in 1985) without refusing it.
     */
    public static int startYearOf(LocalDate date) {
        return date.getMonthValue() >= Month.APRIL.getValue() ? date.getYear() : date.getYear() - 1;
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

    /** Its name in the Japanese calendar, e.g. 令和6年度, as councils and plans write it. */
    public String label() {
        return label(startYear);
    }

    /**
     * The Japanese-calendar name of the fiscal year starting in {@code startYear}: 令和6年度 for 2024. The era
     * is the one in force on 1 May of that year, so that 2019 is 令和元年度 (as the government names it, the
     * era having changed on that day) and 1989 平成元年度; an era's first year is 元年.
     */
    public static String label(int startYear) {
        JapaneseDate day = JapaneseDate.of(startYear, 5, 1);
        int yearOfEra = day.get(ChronoField.YEAR_OF_ERA);
        return day.getEra().getDisplayName(TextStyle.FULL, Locale.JAPANESE)
                + (yearOfEra == 1 ? "元" : String.valueOf(yearOfEra)) + "年度";
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
