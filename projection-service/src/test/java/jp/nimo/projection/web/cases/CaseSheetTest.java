package jp.nimo.projection.web.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jp.nimo.infra.reference.ReferenceJson;
import jp.nimo.projection.timeline.CaseTimeline;
import jp.nimo.projection.web.Formats;
import jp.nimo.reference.Areas;
import jp.nimo.reference.EventKindCatalogue;
import jp.nimo.reference.Organisations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.context.support.StaticMessageSource;
import tools.jackson.databind.json.JsonMapper;

/** The consents a case page lists as in force: the write side's rule, on business time. */
class CaseSheetTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventKindCatalogue catalogue = ReferenceJson.eventKinds();
    private final Formats fmt = new Formats(commonWords());
    private final CaseSheet sheet = new CaseSheet(catalogue,
            new ReferenceWords(Areas.load(), ReferenceJson.organisations(), catalogue, fmt), fmt, new StaticMessageSource());
    private final List<CaseTimeline.Entry> entries = new ArrayList<>();

    @BeforeEach
    void japanese() {
        LocaleContextHolder.setLocale(Locale.JAPANESE);
    }

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aGrantIsInForceFromItsDateUntilWithdrawn() {
        grant("VISIT", "2024-05-01", null);
        withdraw("VISIT", "2024-05-10");
        assertThat(inForceOn("2024-04-30")).isEmpty();
        assertThat(inForceOn("2024-05-05")).extracting(CaseSheet.Consent::purpose).containsExactly("訪問・面会");
        assertThat(inForceOn("2024-05-05")).extracting(CaseSheet.Consent::since).containsExactly("2024年5月1日");
        assertThat(inForceOn("2024-05-10")).isEmpty();
    }

    @Test
    void anExpiredGrantIsNotInForceAndALaterEntryOnTheSameDayWins() {
        grant("VISIT", "2024-05-01", "2024-05-03");
        assertThat(inForceOn("2024-05-03")).extracting(CaseSheet.Consent::until).containsExactly("2024年5月3日");
        assertThat(inForceOn("2024-05-04")).isEmpty();

        grant("INTER_AGENCY_REFERRAL", "2024-06-01", null);
        withdraw("INTER_AGENCY_REFERRAL", "2024-06-01");
        assertThat(inForceOn("2024-06-02")).isEmpty();
        grant("INTER_AGENCY_REFERRAL", "2024-06-01", null);
        assertThat(inForceOn("2024-06-02")).extracting(CaseSheet.Consent::purpose).containsExactly("関係機関への情報提供");
    }

    @Test
    void entriesRecordedOutOfOrderCountByTheirDate() {
        withdraw("VISIT", "2024-05-10");
        grant("VISIT", "2024-05-01", null);
        assertThat(inForceOn("2024-05-12")).isEmpty();
        assertThat(inForceOn("2024-05-09")).hasSize(1);
    }

    private List<CaseSheet.Consent> inForceOn(String day) {
        CaseTimeline timeline = new CaseTimeline("c", "meguro-health-centre", "13110", "40-49", false, false, null, entries);
        return sheet.consentsInForce(timeline, LocalDate.parse(day));
    }

    private void grant(String purpose, String on, String until) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>(Map.of("purpose", purpose, "grantedBy", "PERSON"));
        if (until != null) {
            fields.put("validUntil", until);
        }
        add("ConsentGranted", on, fields);
    }

    private void withdraw(String purpose, String on) {
        add("ConsentWithdrawn", on, Map.of("purpose", purpose));
    }

    private void add(String kind, String on, Map<String, Object> fields) {
        long sequence = entries.size() + 1;
        entries.add(new CaseTimeline.Entry(sequence, "e" + sequence, kind, kind, LocalDate.parse(on), Instant.now(),
                new CaseTimeline.RecordedBy("worker-meguro", "meguro-health-centre", "PUBLIC_HEALTH_NURSE"), "13110",
                JSON.valueToTree(fields), JSON.valueToTree(Map.of()), null));
    }

    /** The pages' common bundle as the service reads it, for the words Formats writes. */
    private static ResourceBundleMessageSource commonWords() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages/common");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
