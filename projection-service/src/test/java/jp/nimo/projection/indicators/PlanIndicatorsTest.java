package jp.nimo.projection.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.time.LocalDate;
import java.util.List;

import static jp.nimo.projection.indicators.AnalyticsWorld.awaitQuiet;
import static jp.nimo.projection.indicators.AnalyticsWorld.openCase;
import static jp.nimo.projection.indicators.AnalyticsWorld.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 障害福祉計画 indicators from a small history of 足立区 (13121) in fiscal year 2022, each figure
 * computed by hand in the comments.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = AnalyticsWorld.ReadSide.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanIndicatorsTest {

    private static final String ADACHI = "13121";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private JsonNode fy2022;

    private static String openCaseAged(String municipality, String ageBand) {
        Answer opened = AnalyticsWorld.write().post(TestUsers.TOKYO_WORKER, "/api/cases",
                "{\"municipality\":\"" + municipality + "\",\"ageBand\":\"" + ageBand + "\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        return opened.field("caseId");
    }

    private static String openCaseBorn(String municipality, String birthYearMonth) {
        Answer opened = AnalyticsWorld.write().post(TestUsers.TOKYO_WORKER, "/api/cases",
                "{\"municipality\":\"" + municipality + "\",\"birthYearMonth\":\"" + birthYearMonth + "\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        return opened.field("caseId");
    }

    private static void admitted(String caseId, String on) {
        record(caseId, "Admitted", LocalDate.parse(on), "admissionType", "VOLUNTARY");
    }

    private static void discharged(String caseId, String on) {
        record(caseId, "Discharged", LocalDate.parse(on), "destination", "HOME");
    }

    @BeforeAll
    void history() {
        // discharges of FY2022 and the first admission after each:
        //   A1 2022-05-01 → 40 days, A2 2022-08-01 → none, B 2022-06-01 → 150 days, C 2022-07-01 → 299 days,
        //   D 2022-09-01 → none, E 2022-10-01 → 50 days (its discharge entered after the admission that followed)
        String a = openCase(ADACHI);
        admitted(a, "2022-03-01");
        discharged(a, "2022-05-01");
        record(a, "Readmitted", LocalDate.parse("2022-06-10"), "admissionType", "VOLUNTARY");
        discharged(a, "2022-08-01");
        String b = openCase(ADACHI);
        admitted(b, "2022-01-10");
        discharged(b, "2022-06-01");
        admitted(b, "2022-10-29");
        String c = openCase(ADACHI);
        admitted(c, "2022-02-01");
        discharged(c, "2022-07-01");
        record(c, "Readmitted", LocalDate.parse("2023-04-26"), "admissionType", "MEDICAL_PROTECTION");
        String d = openCase(ADACHI);
        admitted(d, "2022-04-01");
        discharged(d, "2022-09-01");
        String e = openCase(ADACHI);
        admitted(e, "2021-12-01");
        admitted(e, "2022-11-20");
        discharged(e, "2022-10-01");

        // 34条移送: 3 in FY2022 (family 2, health centre 1); one on 2022-03-31 is FY2021
        String t = openCase(ADACHI);
        record(t, "TransportedUnderArticle34", LocalDate.parse("2022-03-31"), "requestedBy", "FAMILY");
        record(t, "TransportedUnderArticle34", LocalDate.parse("2022-04-01"), "requestedBy", "FAMILY");
        record(t, "TransportedUnderArticle34", LocalDate.parse("2022-08-15"), "requestedBy", "FAMILY");
        record(openCase(ADACHI), "TransportedUnderArticle34", LocalDate.parse("2023-03-31"), "requestedBy", "HEALTH_CENTRE");

        // 地域移行支援の支給決定: 2 in FY2022, 1 in FY2023
        String g = openCase(ADACHI);
        record(g, "CommunityTransitionSupportGranted", LocalDate.parse("2022-05-20"), "periodMonths", 6);
        record(openCase(ADACHI), "CommunityTransitionSupportGranted", LocalDate.parse("2022-11-01"), "periodMonths", 6);
        record(g, "CommunityTransitionSupportGranted", LocalDate.parse("2023-04-01"), "periodMonths", 6);

        // users: P starts a group home twice (counted once) and 地域定着支援; Q a group home and 自立生活援助;
        // R 居宅介護 (none of the three). Group home 2, community settlement 1, independent living 1
        String p = openCase(ADACHI);
        record(p, "WelfareServiceStarted", LocalDate.parse("2022-05-01"), "serviceType", "GROUP_HOME");
        record(p, "WelfareServiceStarted", LocalDate.parse("2022-12-01"), "serviceType", "GROUP_HOME");
        record(p, "WelfareServiceStarted", LocalDate.parse("2022-06-01"), "serviceType", "COMMUNITY_SETTLEMENT_SUPPORT");
        String q = openCase(ADACHI);
        record(q, "WelfareServiceStarted", LocalDate.parse("2022-07-01"), "serviceType", "GROUP_HOME");
        record(q, "WelfareServiceStarted", LocalDate.parse("2023-01-10"), "serviceType", "INDEPENDENT_LIVING_ASSISTANCE");
        record(openCase(ADACHI), "WelfareServiceStarted", LocalDate.parse("2022-08-01"), "serviceType", "HOME_HELP");

        // long-stay inpatients listed in FY2022: one in their 40s (listed twice, counted once), one in their
        // 70s, one in their 60s and one without an age band, both age unknown; and two whose birth month the
        // case knows: born 1957-06 (65 on the listing day, 2022-07-01) and born 1957-08 (still 64)
        // → under 65 2, 65 and over 2, age unknown 2
        String forties = openCaseAged(ADACHI, "40-49");
        listed(forties, "2022-05-01");
        listed(forties, "2022-09-01");
        listed(openCaseAged(ADACHI, "70-79"), "2022-06-01");
        listed(openCaseAged(ADACHI, "60-69"), "2022-06-02");
        listed(openCase(ADACHI), "2022-06-03");
        listed(openCaseBorn(ADACHI, "1957-06"), "2022-07-01");
        listed(openCaseBorn(ADACHI, "1957-08"), "2022-07-01");

        awaitQuiet(jdbc, List.of(IndicatorProjection.NAME));
        Answer answer = new Http(port).get(TestUsers.MEGURO_SECRETARIAT,
                "/api/indicators?municipality=" + ADACHI + "&fiscalYear=2022");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        fy2022 = answer.json();
    }

    private static void listed(String caseId, String on) {
        record(caseId, "LongStayInpatientListed", LocalDate.parse(on), "lengthOfStayBand", "FIVE_TO_TEN_YEARS",
                "listedWithConsent", true);
    }

    private JsonNode row(String indicator) {
        for (JsonNode figures : fy2022.get("indicators")) {
            if (figures.get("code").asText().equals(indicator)) {
                return figures.get("values").get(0);
            }
        }
        throw new AssertionError("no " + indicator + " in " + fy2022);
    }

    @Test
    void readmissionRatesCountTheDischargesOfTheYearByTheFirstAdmissionAfterThem() {
        // within 90 days: A1, E → 2 of 6; within 180: A1, B, E → 3 of 6; within 365: A1, B, C, E → 4 of 6
        assertThat(row("READMISSION_WITHIN_90_DAYS_RATE").get("numerator").asLong()).isEqualTo(2);
        assertThat(row("READMISSION_WITHIN_90_DAYS_RATE").get("denominator").asLong()).isEqualTo(6);
        assertThat(row("READMISSION_WITHIN_90_DAYS_RATE").get("value").asDouble()).isEqualTo(33.3);
        assertThat(row("READMISSION_WITHIN_180_DAYS_RATE").get("value").asDouble()).isEqualTo(50.0);
        assertThat(row("READMISSION_WITHIN_365_DAYS_RATE").get("numerator").asLong()).isEqualTo(4);
        assertThat(row("READMISSION_WITHIN_365_DAYS_RATE").get("value").asDouble()).isEqualTo(66.7);
    }

    @Test
    void meanDaysInTheCommunityAreTheDaysUntilReadmissionOrTheWholeYear() {
        // 40 + 365 + 150 + 299 + 365 + 50 = 1269 days over 6 discharges = 211.5
        JsonNode days = row("COMMUNITY_LIVING_DAYS_AFTER_DISCHARGE");
        assertThat(days.get("numerator").asLong()).isEqualTo(1269);
        assertThat(days.get("denominator").asLong()).isEqualTo(6);
        assertThat(days.get("value").asDouble()).isEqualTo(211.5);
    }

    @Test
    void transportsGrantsAndServiceUsersAreCountedInTheirFiscalYear() {
        assertThat(row("ARTICLE_34_TRANSPORTS").get("value").asLong()).isEqualTo(3);
        assertThat(row("COMMUNITY_TRANSITION_SUPPORT_GRANTS").get("value").asLong()).isEqualTo(2);
        assertThat(row("GROUP_HOME_USERS").get("value").asLong()).isEqualTo(2);
        assertThat(row("COMMUNITY_SETTLEMENT_SUPPORT_USERS").get("value").asLong()).isEqualTo(1);
        assertThat(row("INDEPENDENT_LIVING_ASSISTANCE_USERS").get("value").asLong()).isEqualTo(1);
    }

    @Test
    void longStayInpatientsAreSplitAt65WhereTheAgeBandTellsAndOtherwiseCountedAsAgeUnknown() {
        assertThat(row("LONG_STAY_INPATIENTS_UNDER_65").get("value").asLong()).isEqualTo(2);
        assertThat(row("LONG_STAY_INPATIENTS_65_AND_OVER").get("value").asLong()).isEqualTo(2);
        assertThat(row("LONG_STAY_INPATIENTS_AGE_UNKNOWN").get("value").asLong()).isEqualTo(2);
    }
}
