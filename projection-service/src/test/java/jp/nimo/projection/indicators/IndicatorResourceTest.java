package jp.nimo.projection.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.projection.InPlaceRebuild;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static jp.nimo.projection.indicators.AnalyticsWorld.openCase;
import static jp.nimo.projection.indicators.AnalyticsWorld.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The indicators of a synthetic fiscal year 2023 in 目黒区 and 世田谷区 (区西南部), recorded on the real
 * write side and read over HTTP, against values computed by hand; as of a time before late entries; for
 * an analyst with small counts suppressed so that none can be derived; as CSV; and rebuilt from the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = AnalyticsWorld.ReadSide.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicatorResourceTest {

    private static final String MEGURO = "13110";
    private static final String SETAGAYA = "13112";
    private static final String SHIBUYA = "13113";
    private static final String SEINAMBU = "13-ku-seinambu";
    private static final String FY2023 = "&fiscalYear=2023";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    private Http read;
    /** After the first entries, before the late ones (a support start and a long-stay listing entered afterwards). */
    private Instant beforeLateEntries;

    @BeforeAll
    void history() {
        read = new Http(port);
        // 賃貸住宅への入居を断られた件数: 目黒区 4 in FY2023 (one the day before and one the day after it), 世田谷区 6
        String r1 = openCase(MEGURO);
        record(r1, "RentalRefused", LocalDate.parse("2023-05-10"), "reason", "PREJUDICE");
        record(r1, "RentalRefused", LocalDate.parse("2023-08-01"), "reason", "INCOME");
        String r2 = openCase(MEGURO);
        record(r2, "RentalRefused", LocalDate.parse("2023-06-20"), "reason", "PREJUDICE");
        record(r2, "RentalRefused", LocalDate.parse("2024-03-31"), "reason", "PREJUDICE");
        String r3 = openCase(MEGURO);
        record(r3, "RentalRefused", LocalDate.parse("2024-04-01"), "reason", "PREJUDICE");
        record(r3, "RentalRefused", LocalDate.parse("2023-03-31"), "reason", "UNKNOWN");
        for (int c = 0; c < 3; c++) {
            String s = openCase(SETAGAYA);
            record(s, "RentalRefused", LocalDate.parse("2023-07-0" + (c + 1)), "reason", "PREJUDICE");
            record(s, "RentalRefused", LocalDate.parse("2023-12-1" + c), "reason", "PREJUDICE");
        }

        // 23条通報: 目黒区 8 (措置 2, 医療保護 1, 入院なし 2, 対応中 3; 管内住民 6), 世田谷区 5 (入院なし, 住民)
        String p1 = openCase(MEGURO);
        String p2 = openCase(MEGURO);
        police(p1, "2023-04-20", "INVOLUNTARY", true);
        police(p1, "2023-09-03", "INVOLUNTARY", true);
        police(p2, "2023-05-05", "MEDICAL_PROTECTION", true);
        police(p2, "2023-06-06", "NO_ADMISSION", true);
        police(p1, "2023-07-07", "NO_ADMISSION", false);
        police(p2, "2023-10-10", "PENDING", true);
        police(p1, "2023-11-11", "PENDING", true);
        police(p2, "2024-01-12", "PENDING", false);
        String p3 = openCase(SETAGAYA);
        for (int i = 1; i <= 5; i++) {
            police(p3, "2023-0" + (i + 4) + "-15", "NO_ADMISSION", true);
        }

        // アウトリーチ: 5 visits to 2 persons; PSW on 4, a physician on 1, a PHN on 1; one linked to treatment
        String o1 = openCase(MEGURO);
        outreach(o1, "2023-04-15", "PSYCHIATRIC_SOCIAL_WORKER");
        outreach(o1, "2023-05-15", "PHYSICIAN", "PSYCHIATRIC_SOCIAL_WORKER");
        outreach(o1, "2023-09-01", "PUBLIC_HEALTH_NURSE");
        String o2 = openCase(MEGURO);
        outreach(o2, "2023-10-01", "PSYCHIATRIC_SOCIAL_WORKER");
        outreach(o2, "2024-01-10", "PSYCHIATRIC_SOCIAL_WORKER");
        record(o2, "LinkedToTreatment", LocalDate.parse("2024-02-01"), "facilityType", "PSYCHIATRIC_CLINIC",
                "resumed", true);

        // admissions of FY2023: X 措置 45 days, Y 医療保護 167 days, Z 任意 not discharged, W 緊急措置 19 days
        String x = openCase(MEGURO);
        record(x, "Admitted", LocalDate.parse("2023-05-01"), "admissionType", "INVOLUNTARY");
        record(x, "Discharged", LocalDate.parse("2023-06-15"), "destination", "HOME");
        String y = openCase(MEGURO);
        record(y, "Admitted", LocalDate.parse("2023-06-01"), "admissionType", "MEDICAL_PROTECTION");
        record(y, "Discharged", LocalDate.parse("2023-11-15"), "destination", "HOME");
        String z = openCase(MEGURO);
        record(z, "Admitted", LocalDate.parse("2023-07-01"), "admissionType", "VOLUNTARY");
        String w = openCase(MEGURO);
        record(w, "Admitted", LocalDate.parse("2024-02-01"), "admissionType", "EMERGENCY_INVOLUNTARY");
        record(w, "Discharged", LocalDate.parse("2024-02-20"), "destination", "GROUP_HOME");
        // support 50 days after W's discharge: outside the 30 days, and in FY2024
        record(w, "PostDischargeSupportStarted", LocalDate.parse("2024-04-10"), "planCreated", true);

        // long stays: L listed, then discharged to a group home; M discharged home, its listing entered late
        String l = openCase(MEGURO);
        record(l, "Admitted", LocalDate.parse("2018-01-01"), "admissionType", "VOLUNTARY");
        record(l, "LongStayInpatientListed", LocalDate.parse("2023-05-10"), "lengthOfStayBand", "FIVE_TO_TEN_YEARS",
                "listedWithConsent", true);
        record(l, "CommunityTransitionSupportApplied", LocalDate.parse("2023-06-01"));
        record(l, "Discharged", LocalDate.parse("2023-09-30"), "destination", "GROUP_HOME");
        String m = openCase(MEGURO);
        record(m, "Admitted", LocalDate.parse("2019-01-01"), "admissionType", "VOLUNTARY");
        record(m, "CommunityTransitionSupportApplied", LocalDate.parse("2023-07-01"));
        record(m, "Discharged", LocalDate.parse("2023-12-01"), "destination", "HOME");

        String c = openCase(MEGURO);
        record(c, "ConsultationReceived", LocalDate.parse("2023-08-08"), "referrerType", "COMMUNITY_GENERAL_SUPPORT_CENTRE");
        record(c, "ConsultationReceived", LocalDate.parse("2023-08-09"), "referrerType", "PERSON");

        AnalyticsWorld.awaitQuiet(jdbc, List.of(IndicatorProjection.NAME));
        beforeLateEntries = Instant.now();
        await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(beforeLateEntries));

        // entered late: X's support started 16 days after the discharge; M had been listed as a long-stay inpatient
        record(x, "PostDischargeSupportStarted", LocalDate.parse("2023-07-01"), "planCreated", true);
        record(m, "LongStayInpatientListed", LocalDate.parse("2023-06-01"), "lengthOfStayBand", "ONE_TO_FIVE_YEARS",
                "listedWithConsent", true);
        AnalyticsWorld.awaitQuiet(jdbc, List.of(IndicatorProjection.NAME));
    }

    private static void police(String caseId, String on, String outcome, boolean resident) {
        record(caseId, "PoliceReportReceived", LocalDate.parse(on), "receivedBy", "HEALTH_CENTRE", "resident", resident,
                "outcome", outcome);
    }

    private static void outreach(String caseId, String on, String... professions) {
        record(caseId, "OutreachVisitConducted", LocalDate.parse(on), "visitorProfessions", List.of(professions),
                "contactMade", true);
    }

    private JsonNode indicators(String user, String query) {
        Answer answer = read.get(user, "/api/indicators?" + query);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode row(JsonNode answer, String indicator, String area) {
        for (JsonNode figures : answer.get("indicators")) {
            if (figures.get("code").asText().equals(indicator)) {
                for (JsonNode value : figures.get("values")) {
                    if (value.get("area").get("code").asText().equals(area)) {
                        return value;
                    }
                }
            }
        }
        throw new AssertionError("no " + indicator + " for " + area + " in " + answer);
    }

    private static JsonNode cell(JsonNode row, String dimension, String member) {
        for (JsonNode breakdown : row.get("breakdowns")) {
            if (breakdown.get("dimension").asText().equals(dimension)) {
                for (JsonNode cell : breakdown.get("cells")) {
                    if (cell.get("code").asText().equals(member)) {
                        return cell;
                    }
                }
            }
        }
        throw new AssertionError("no " + dimension + ":" + member + " in " + row);
    }

    private static double value(JsonNode answer, String indicator, String area) {
        return row(answer, indicator, area).get("value").asDouble();
    }

    @Test
    void countsOfTheFiscalYearByMunicipalityAndRegionAreTheHandComputedOnes() {
        JsonNode fy = indicators(TestUsers.MEGURO_SECRETARIAT, "region=" + SEINAMBU + FY2023);

        assertThat(fy.get("fiscalYear").asInt()).isEqualTo(2023);
        assertThat(fy.get("fiscalYearLabel").asText()).isEqualTo("令和5年度");
        assertThat(fy.get("suppression").get("applied").asBoolean()).isFalse();
        JsonNode rentals = row(fy, "RENTAL_REFUSALS", MEGURO);
        assertThat(rentals.get("value").asInt()).isEqualTo(4);
        assertThat(cell(rentals, "reason", "PREJUDICE").get("value").asInt()).isEqualTo(3);
        assertThat(cell(rentals, "reason", "INCOME").get("value").asInt()).isEqualTo(1);
        assertThat(cell(rentals, "reason", "UNKNOWN").get("value").asInt()).isZero();
        assertThat(value(fy, "RENTAL_REFUSALS", SETAGAYA)).isEqualTo(6);
        assertThat(value(fy, "RENTAL_REFUSALS", SHIBUYA)).isZero();
        assertThat(value(fy, "RENTAL_REFUSALS", SEINAMBU)).isEqualTo(10);
        assertThat(row(fy, "RENTAL_REFUSALS", SEINAMBU).get("area").get("label").asText()).isEqualTo("区西南部");

        JsonNode police = row(fy, "POLICE_REPORTS", MEGURO);
        assertThat(police.get("value").asInt()).isEqualTo(8);
        assertThat(cell(police, "outcome", "INVOLUNTARY").get("value").asInt()).isEqualTo(2);
        assertThat(cell(police, "outcome", "MEDICAL_PROTECTION").get("value").asInt()).isEqualTo(1);
        assertThat(cell(police, "outcome", "NO_ADMISSION").get("value").asInt()).isEqualTo(2);
        assertThat(cell(police, "outcome", "PENDING").get("value").asInt()).isEqualTo(3);
        assertThat(cell(police, "resident", "RESIDENT").get("value").asInt()).isEqualTo(6);
        assertThat(cell(police, "resident", "NON_RESIDENT").get("value").asInt()).isEqualTo(2);
        assertThat(cell(police, "resident", "NON_RESIDENT").get("label").asText()).isEqualTo("管外住民");
        assertThat(cell(police, "resident", "UNSPECIFIED").get("labelEn").asText()).isEqualTo("Not recorded");
        assertThat(value(fy, "POLICE_REPORTS_INVOLUNTARY", MEGURO)).isEqualTo(2);
        assertThat(value(fy, "POLICE_REPORTS_MEDICAL_PROTECTION", MEGURO)).isEqualTo(1);
        assertThat(value(fy, "POLICE_REPORTS_NO_ADMISSION", MEGURO)).isEqualTo(2);
        assertThat(value(fy, "POLICE_REPORTS_RESIDENTS", MEGURO)).isEqualTo(6);
        assertThat(value(fy, "POLICE_REPORTS", SEINAMBU)).isEqualTo(13);
        assertThat(value(fy, "POLICE_REPORTS_NO_ADMISSION", SEINAMBU)).isEqualTo(7);

        JsonNode visits = row(fy, "OUTREACH_VISITS", MEGURO);
        assertThat(visits.get("value").asInt()).isEqualTo(5);
        assertThat(cell(visits, "visitorProfessions", "PSYCHIATRIC_SOCIAL_WORKER").get("value").asInt()).isEqualTo(4);
        assertThat(cell(visits, "visitorProfessions", "PHYSICIAN").get("value").asInt()).isEqualTo(1);
        assertThat(cell(visits, "visitorProfessions", "PUBLIC_HEALTH_NURSE").get("value").asInt()).isEqualTo(1);
        assertThat(value(fy, "OUTREACH_VISITS_BY_PHYSICIAN", MEGURO)).isEqualTo(1);
        assertThat(value(fy, "OUTREACH_VISITS_BY_PSYCHIATRIC_SOCIAL_WORKER", MEGURO)).isEqualTo(4);
        assertThat(value(fy, "OUTREACH_CASES", MEGURO)).isEqualTo(2);
        assertThat(value(fy, "OUTREACH_LINKED_TO_TREATMENT", MEGURO)).isEqualTo(1);
        assertThat(value(fy, "TREATMENT_INTERRUPTIONS_RESOLVED", MEGURO)).isEqualTo(1);

        assertThat(value(fy, "COMMUNITY_TRANSITION_SUPPORT_APPLICATIONS", MEGURO)).isEqualTo(2);
        assertThat(value(fy, "ELDERLY_CARE_CENTRE_CONSULTATIONS", MEGURO)).isEqualTo(1);
    }

    @Test
    void dischargeRatesFollowTheAdmissionsOfTheYear() {
        JsonNode fy = indicators(TestUsers.MEGURO_SECRETARIAT, "municipality=" + MEGURO + FY2023);

        // X 45 days, W 19 days within 90; Y 167 days within 180; Z not discharged
        JsonNode within90 = row(fy, "DISCHARGE_WITHIN_90_DAYS_RATE", MEGURO);
        assertThat(within90.get("numerator").asInt()).isEqualTo(2);
        assertThat(within90.get("denominator").asInt()).isEqualTo(4);
        assertThat(within90.get("value").decimalValue()).isEqualByComparingTo("50.0");
        assertThat(value(fy, "DISCHARGE_WITHIN_180_DAYS_RATE", MEGURO)).isEqualTo(75.0);
        assertThat(value(fy, "DISCHARGE_WITHIN_365_DAYS_RATE", MEGURO)).isEqualTo(75.0);
        // a municipality asked for alone is the only row
        assertThat(fy.get("indicators").get(0).get("values")).hasSize(1);
    }

    @Test
    void supportAfterInvoluntaryDischargesAndLongStaysAsKnownNowAndBeforeTheLateEntries() {
        JsonNode now = indicators(TestUsers.MEGURO_SECRETARIAT, "municipality=" + MEGURO + FY2023);
        JsonNode before = indicators(TestUsers.MEGURO_SECRETARIAT, "municipality=" + MEGURO + FY2023 + "&asOf="
                + beforeLateEntries);

        // X's support (16 days after) is known now; W's came after 50 days, in FY2024
        assertThat(value(now, "POST_DISCHARGE_SUPPORT_STARTED", MEGURO)).isEqualTo(1);
        JsonNode share = row(now, "INVOLUNTARY_DISCHARGES_WITHOUT_SUPPORT_30D_SHARE", MEGURO);
        assertThat(share.get("numerator").asInt()).isEqualTo(1);
        assertThat(share.get("denominator").asInt()).isEqualTo(2);
        assertThat(share.get("value").asDouble()).isEqualTo(50.0);
        // before X's support was entered, both discharges were without support
        assertThat(value(before, "POST_DISCHARGE_SUPPORT_STARTED", MEGURO)).isZero();
        assertThat(value(before, "INVOLUNTARY_DISCHARGES_WITHOUT_SUPPORT_30D_SHARE", MEGURO)).isEqualTo(100.0);
        assertThat(before.get("asOf").asText()).isEqualTo(beforeLateEntries.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString());

        JsonNode discharges = row(now, "LONG_STAY_DISCHARGES", MEGURO);
        assertThat(discharges.get("value").asInt()).isEqualTo(2);
        assertThat(cell(discharges, "destination", "GROUP_HOME").get("value").asInt()).isEqualTo(1);
        assertThat(cell(discharges, "destination", "HOME").get("value").asInt()).isEqualTo(1);
        JsonNode listed = row(now, "LONG_STAY_INPATIENTS_LISTED", MEGURO);
        assertThat(listed.get("value").asInt()).isEqualTo(2);
        assertThat(cell(listed, "lengthOfStayBand", "ONE_TO_FIVE_YEARS").get("value").asInt()).isEqualTo(1);
        assertThat(value(before, "LONG_STAY_DISCHARGES", MEGURO)).isEqualTo(1);
        assertThat(value(before, "LONG_STAY_INPATIENTS_LISTED", MEGURO)).isEqualTo(1);

        JsonNode fy2024 = indicators(TestUsers.MEGURO_SECRETARIAT, "municipality=" + MEGURO + "&fiscalYear=2024");
        assertThat(value(fy2024, "POST_DISCHARGE_SUPPORT_STARTED", MEGURO)).isEqualTo(1);
        assertThat(value(fy2024, "RENTAL_REFUSALS", MEGURO)).isEqualTo(1);
        JsonNode longAgo = indicators(TestUsers.MEGURO_SECRETARIAT, "municipality=" + MEGURO + FY2023 + "&asOf=2020-01-01");
        assertThat(value(longAgo, "POLICE_REPORTS", MEGURO)).isZero();
    }

    @Test
    void anAnalystSeesSmallCountsHiddenAndNoneCanBeDerivedFromTheRestOfTheAnswer() {
        JsonNode open = indicators(TestUsers.SEINAMBU_SECRETARIAT, "region=" + SEINAMBU + FY2023);
        JsonNode hidden = indicators(TestUsers.ANALYST, "region=" + SEINAMBU + FY2023);

        assertThat(hidden.get("suppression").get("applied").asBoolean()).isTrue();
        assertThat(hidden.get("suppression").get("threshold").asInt()).isEqualTo(5);
        assertThat(row(hidden, "POLICE_REPORTS_MEDICAL_PROTECTION", MEGURO).get("value").isNull()).isTrue();
        assertThat(row(hidden, "POLICE_REPORTS_MEDICAL_PROTECTION", MEGURO).get("suppressed").asBoolean()).isTrue();
        assertThat(row(hidden, "RENTAL_REFUSALS", MEGURO).get("value").isNull()).isTrue();

        Cells openCells = Cells.of(open);
        Cells hiddenCells = Cells.of(hidden);
        long primaries = 0;
        for (Map.Entry<String, Long> cell : openCells.values.entrySet()) {
            Long shown = hiddenCells.values.get(cell.getKey());
            if (cell.getValue() >= 1 && cell.getValue() < 5) {
                assertThat(shown).as("small count %s", cell.getKey()).isNull();
                primaries++;
            } else if (shown != null) {
                assertThat(shown).as(cell.getKey()).isEqualTo(cell.getValue());
            }
        }
        assertThat(primaries).isGreaterThan(10);

        // an attacker with the whole answer: every sum it shows, hidden counts known to be at least 1
        Map<String, Long> shown = new LinkedHashMap<>();
        List<String> hiddenIds = new ArrayList<>();
        hiddenCells.values.forEach((id, value) -> {
            if (value == null) {
                hiddenIds.add(id);
            } else {
                shown.put(id, value);
            }
        });
        long bound = openCells.values.values().stream().mapToLong(Long::longValue).max().orElse(1) + 3;
        Derivation attacker = new Derivation(shown, hiddenIds, hiddenCells.sums, bound);
        for (String id : hiddenIds) {
            assertThat(attacker.hasAlternative(id, openCells.values.get(id)))
                    .as("%s = %d can be derived from the rest of the answer", id, openCells.values.get(id)).isTrue();
        }
    }

    /** Every count of an answer by an id, and the sums the answer shows between them. */
    private record Cells(Map<String, Long> values, List<Derivation.Sum> sums) {

        static Cells of(JsonNode answer) {
            Map<String, Long> values = new LinkedHashMap<>();
            List<Derivation.Sum> sums = new ArrayList<>();
            for (JsonNode figures : answer.get("indicators")) {
                String code = figures.get("code").asText();
                String region = null;
                List<String> municipalities = new ArrayList<>();
                Map<String, List<String>> parts = new LinkedHashMap<>();
                for (JsonNode value : figures.get("values")) {
                    String area = value.get("area").get("code").asText();
                    if (value.get("area").get("level").asText().equals("REGION")) {
                        region = area;
                    } else {
                        municipalities.add(area);
                    }
                    boolean rate = value.has("numerator") || value.has("denominator") || figures.get("unit").asText().equals("percent");
                    if (rate) {
                        put(values, parts, code, area, "numerator", value.get("numerator"));
                        put(values, parts, code, area, "denominator", value.get("denominator"));
                        continue;
                    }
                    put(values, parts, code, area, "value", value.get("value"));
                    if (value.has("breakdowns")) {
                        for (JsonNode breakdown : value.get("breakdowns")) {
                            List<String> members = new ArrayList<>();
                            for (JsonNode cell : breakdown.get("cells")) {
                                String part = breakdown.get("dimension").asText() + ":" + cell.get("code").asText();
                                put(values, parts, code, area, part, cell.get("value"));
                                members.add(code + "|" + area + "|" + part);
                            }
                            if (breakdown.get("additive").asBoolean()) {
                                sums.add(new Derivation.Sum(code + "|" + area + "|value", members));
                            }
                        }
                    }
                }
                for (String part : parts.keySet()) {
                    List<String> members = municipalities.stream().map(m -> code + "|" + m + "|" + part).toList();
                    sums.add(new Derivation.Sum(code + "|" + region + "|" + part, members));
                }
            }
            return new Cells(values, sums);
        }

        private static void put(Map<String, Long> values, Map<String, List<String>> parts, String code, String area,
                                String part, JsonNode value) {
            values.put(code + "|" + area + "|" + part, value == null || value.isNull() ? null : value.asLong());
            parts.putIfAbsent(part, new ArrayList<>());
        }
    }

    @Test
    void theAnswerDownloadsAsCsvWithAByteOrderMarkForExcel() throws Exception {
        Answer csv = read.get(TestUsers.MEGURO_SECRETARIAT, "/api/indicators?municipality=" + MEGURO + FY2023
                + "&indicator=RENTAL_REFUSALS&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(csv.text().charAt(0)).isEqualTo('\uFEFF');
        String[] lines = csv.text().substring(1).split("\r\n");
        assertThat(lines[0]).startsWith("indicator,indicator_label,unit,direction,area_level,area_code,area_label,fiscal_year");
        assertThat(lines[1]).startsWith("RENTAL_REFUSALS,賃貸住宅への入居を断られた件数,cases,DECREASE,MUNICIPALITY,13110,目黒区,2023,,,,,4,");
        assertThat(csv.text()).contains("reason,理由,PREJUDICE,");

        HttpResponse<byte[]> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/indicators?municipality=" + MEGURO + FY2023))
                .header("Accept", "text/csv")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TestUsers.ANALYST + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(accepted.statusCode()).isEqualTo(200);
        byte[] body = accepted.body();
        assertThat(new byte[]{body[0], body[1], body[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).contains("POLICE_REPORTS,23条通報件数").contains("DISCHARGE_WITHIN_90_DAYS_RATE");
        assertThat(accepted.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
    }

    @Test
    void readersOfAggregatesMayReadAndSupportWorkersAndAdminsMayNot() {
        String path = "/api/indicators?municipality=" + MEGURO + FY2023 + "&indicator=RENTAL_REFUSALS";
        for (String reader : List.of(TestUsers.ANALYST, TestUsers.SEINAMBU_SECRETARIAT, TestUsers.COUNCIL_MEMBER,
                TestUsers.OBSERVER, TestUsers.AUDITOR)) {
            assertThat(read.get(reader, path).status()).as(reader).isEqualTo(200);
        }
        assertThat(read.get(TestUsers.MEGURO_WORKER, path).status()).isEqualTo(403);
        assertThat(read.get(TestUsers.ADMIN, path).status()).isEqualTo(403);
        assertThat(read.get(null, path).status()).isEqualTo(401);
        // an auditor sees the counts as they are, a council member and an observer suppressed
        assertThat(read.get(TestUsers.AUDITOR, path).json().get("indicators").get(0).get("values").get(0)
                .get("value").asInt()).isEqualTo(4);
        assertThat(read.get(TestUsers.OBSERVER, path).json().get("indicators").get(0).get("values").get(0)
                .get("suppressed").asBoolean()).isTrue();
    }

    @Test
    void badQueriesAreAnsweredWithTheFieldAtFault() {
        assertField(read.get(TestUsers.ANALYST, "/api/indicators?indicator=NO_SUCH_INDICATOR"), "indicator");
        assertField(read.get(TestUsers.ANALYST, "/api/indicators?indicator=FAMILY_CLASSES_HELD"), "indicator");
        assertField(read.get(TestUsers.ANALYST, "/api/indicators?fiscalYear=R5"), "fiscalYear");
        assertField(read.get(TestUsers.ANALYST, "/api/indicators?municipality=99999"), "municipality");
        assertField(read.get(TestUsers.ANALYST, "/api/indicators?municipality=13110&region=" + SEINAMBU), "region");
        assertField(read.get(TestUsers.ANALYST, "/api/indicators?asOf=yesterday"), "asOf");
        assertField(read.get(TestUsers.ANALYST, "/api/indicators?format=xlsx"), "format");
    }

    private static void assertField(Answer answer, String field) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).contains("application/problem+json");
        assertThat(answer.json().get("errors").findValuesAsText("field")).contains(field);
    }

    @Test
    void aRebuildFromTheEventStoreEqualsTheLiveProjection() {
        AnalyticsWorld.awaitQuiet(jdbc, List.of(IndicatorProjection.NAME));
        Map<String, List<String>> live = snapshot();
        assertThat(live.get("indicator_fact_event")).isNotEmpty();

        InPlaceRebuild.rebuildsTo(live, this::snapshot, processing, IndicatorProjection.NAME,
                () -> assertThat(jdbc.queryForObject("SELECT count(*) FROM indicator_fact_month", Long.class)).isZero(),
                Duration.ofSeconds(60));
        assertThat(value(indicators(TestUsers.MEGURO_SECRETARIAT, "municipality=" + MEGURO + FY2023),
                "POLICE_REPORTS", MEGURO)).isEqualTo(8);
    }

    private Map<String, List<String>> snapshot() {
        return InPlaceRebuild.rowsAsText(jdbc, List.of("indicator_fact_event", "indicator_fact_day", "indicator_fact_month",
                "indicator_admission", "indicator_discharge", "indicator_case_event", "indicator_case_mark",
                "indicator_case_age"));
    }
}
