package jp.nimo.projection.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import jp.nimo.reference.FiscalYear;
import jp.nimo.reference.Label;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * How the pages write dates, times, fiscal years, counts and labels: in Japanese 2024年5月1日 and
 * 令和6年度 (2024年度), in English 1 May 2024 and FY2024. Templates call it as {@code fmt} (a model attribute of every page).
 */
@Component("fmt")
public class Formats {

    /** Times are shown as people in Japan read them, whatever the server's zone. */
    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private static final DateTimeFormatter DATE_JA = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPANESE);
    private static final DateTimeFormatter DATE_EN = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter MONTH_JA = DateTimeFormatter.ofPattern("uuuu年M月", Locale.JAPANESE);
    private static final DateTimeFormatter MONTH_EN = DateTimeFormatter.ofPattern("MMM uuuu", Locale.ENGLISH);

    private final MessageSource messages;

    public Formats(MessageSource messages) {
        this.messages = messages;
    }

    public static boolean english() {
        return Locale.ENGLISH.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage());
    }

    public String date(LocalDate date) {
        return date == null ? "" : date.format(english() ? DATE_EN : DATE_JA);
    }

    /** An ISO date as the API writes it ("2024-05-01"); anything else is shown as it is. */
    public String date(String isoDate) {
        if (isoDate == null || isoDate.isBlank()) {
            return "";
        }
        try {
            return date(LocalDate.parse(isoDate.length() > 10 ? isoDate.substring(0, 10) : isoDate));
        } catch (java.time.format.DateTimeParseException e) {
            return isoDate;
        }
    }

    /** A month as the evidence charts group it ("2024-05" → 2024年5月, May 2024). */
    public String month(String yearMonth) {
        if (yearMonth == null || yearMonth.isBlank()) {
            return "";
        }
        try {
            java.time.YearMonth month = java.time.YearMonth.parse(yearMonth);
            return month.atDay(1).format(english() ? MONTH_EN : MONTH_JA);
        } catch (java.time.format.DateTimeParseException e) {
            return yearMonth;
        }
    }

    /** An instant in Japan's time: 2024年5月1日 18:00. */
    public String instant(Instant instant) {
        if (instant == null) {
            return "";
        }
        var local = instant.atZone(JAPAN);
        return date(local.toLocalDate()) + " " + local.format(TIME);
    }

    public String instant(String isoInstant) {
        if (isoInstant == null || isoInstant.isBlank()) {
            return "";
        }
        try {
            return instant(Instant.parse(isoInstant));
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return instant(java.time.OffsetDateTime.parse(isoInstant).toInstant());
            } catch (java.time.format.DateTimeParseException notOffset) {
                return isoInstant;
            }
        }
    }

    /** The last day something lasts that ends at an instant (an expiry at midnight in Japan): 2027年3月5日まで. */
    public String until(Instant end) {
        if (end == null) {
            return "";
        }
        String day = date(end.minusNanos(1).atZone(JAPAN).toLocalDate());
        return words("format.until", day);
    }

    /**
     * A fiscal year (April to March) by the year it starts: 令和6年度 (2024年度), or FY2024
     * ({@link FiscalYear#label(int)} names the era).
     */
    public String fiscalYear(int startYear) {
        return words("format.fiscalYear", FiscalYear.label(startYear), String.valueOf(startYear));
    }

    /** The words of {@code key} in the common bundle, in the page's language; numbers are passed as text, ungrouped. */
    public String words(String key, String... values) {
        return messages.getMessage(key, values, english() ? Locale.ENGLISH : Locale.JAPANESE);
    }

    /** A code's name in the page's language. */
    public String label(Label label) {
        if (label == null) {
            return "";
        }
        return english() ? label.en() : label.ja();
    }

    /** A count, or the words for one that is hidden because it is small (「5未満」). */
    public String count(Number value, boolean suppressed, int threshold) {
        if (suppressed || value == null) {
            return words("format.fewerThan", String.valueOf(threshold));
        }
        return java.text.NumberFormat.getIntegerInstance(english() ? Locale.ENGLISH : Locale.JAPANESE).format(value);
    }
}
