package jp.nimo.projection.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.projection.indicators.AnalyticsWorld;
import jp.nimo.projection.indicators.Derivation;
import jp.nimo.projection.indicators.IndicatorProjection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static jp.nimo.projection.indicators.AnalyticsWorld.openCase;
import static jp.nimo.projection.indicators.AnalyticsWorld.record;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An intervention with a known effect: 八王子市's outreach visits double from April 2022 while 町田市 and
 * 立川市 stay flat. The evaluation finds the effect (rate ratio about 2, difference-in-differences
 * about 6 a month, both intervals clear of no effect) and finds none at a placebo date in the flat year.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = AnalyticsWorld.ReadSide.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaluationResourceTest {

    private static final String HACHIOJI = "13201";
    private static final String MACHIDA = "13209";
    private static final String TACHIKAWA = "13202";
    /** Visits a month from April 2021 to March 2023; 八王子市 doubles from April 2022. */
    private static final int[] TREATED = {5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 10, 12, 14, 12, 10, 12, 14, 12, 10, 12, 14, 12};
    private static final int[] FLAT_MACHIDA = {6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7};
    private static final int[] FLAT_TACHIKAWA = {7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6};
    private static final LocalDate FIRST_MONTH = LocalDate.parse("2021-04-01");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private Http read;

    @BeforeAll
    void outreachVisits() {
        read = new Http(port);
        visits(HACHIOJI, TREATED, true);
        visits(MACHIDA, FLAT_MACHIDA, false);
        visits(TACHIKAWA, FLAT_TACHIKAWA, false);
        AnalyticsWorld.awaitQuiet(jdbc, List.of(IndicatorProjection.NAME));
    }

    /** The month's visits spread over four persons; in the treated city the first visit of each month is a physician's. */
    private static void visits(String municipality, int[] perMonth, boolean physicianMonthly) {
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cases.add(openCase(municipality));
        }
        int next = 0;
        for (int m = 0; m < perMonth.length; m++) {
            LocalDate month = FIRST_MONTH.plusMonths(m);
            for (int v = 0; v < perMonth[m]; v++) {
                List<String> professions = physicianMonthly && v == 0
                        ? List.of("PHYSICIAN", "PSYCHIATRIC_SOCIAL_WORKER") : List.of("PSYCHIATRIC_SOCIAL_WORKER");
                record(cases.get(next++ % cases.size()), "OutreachVisitConducted", month.plusDays(v), "visitorProfessions",
                        professions, "contactMade", true);
            }
        }
    }

    private static String body(String indicator, String interventionOn, int before, int after) {
        return "{\"indicator\":\"" + indicator + "\",\"area\":\"" + HACHIOJI + "\",\"interventionOn\":\"" + interventionOn
                + "\",\"monthsBefore\":" + before + ",\"monthsAfter\":" + after + ",\"comparisonAreas\":[\"" + MACHIDA
                + "\",\"" + TACHIKAWA + "\"]}";
    }

    private JsonNode evaluate(String user, String body) {
        Answer answer = read.post(user, "/api/analytics/evaluations", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void aDoublingAfterTheInterventionIsFoundAgainstFlatComparisonAreas() {
        JsonNode evaluation = evaluate(TestUsers.ANALYST, body("OUTREACH_VISITS", "2022-04-01", 12, 12));

        assertThat(evaluation.get("before").get("from").asText()).isEqualTo("2021-04");
        assertThat(evaluation.get("before").get("to").asText()).isEqualTo("2022-03");
        assertThat(evaluation.get("after").get("from").asText()).isEqualTo("2022-04");
        assertThat(evaluation.get("after").get("months").asInt()).isEqualTo(12);
        JsonNode treated = evaluation.get("series").get(0);
        assertThat(treated.get("role").asText()).isEqualTo("TREATED");
        assertThat(treated.get("area").get("label").asText()).isEqualTo("八王子市");
        assertThat(treated.get("months")).hasSize(24);
        assertThat(treated.get("months").get(0).get("month").asText()).isEqualTo("2021-04");
        assertThat(treated.get("months").get(0).get("count").asInt()).isEqualTo(5);
        assertThat(treated.get("months").get(0).get("exposureMonths").asInt()).isEqualTo(1);
        assertThat(treated.get("months").get(12).get("period").asText()).isEqualTo("AFTER");
        assertThat(treated.get("months").get(12).get("count").asInt()).isEqualTo(10);
        assertThat(treated.get("before").get("count").asInt()).isEqualTo(72);
        assertThat(treated.get("after").get("count").asInt()).isEqualTo(144);
        assertThat(evaluation.get("series").get(1).get("after").get("count").asInt()).isEqualTo(72);

        JsonNode ratio = evaluation.get("rateRatio");
        assertThat(ratio.get("estimate").asDouble()).isEqualTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ratio.get("lower").asDouble()).isGreaterThan(1.0);
        assertThat(ratio.get("lower").asDouble()).isEqualTo(1.5072, org.assertj.core.data.Offset.offset(1e-3));
        JsonNode did = evaluation.get("differenceInDifferences");
        assertThat(did.get("estimate").asDouble()).isEqualTo(6.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(did.get("lower").asDouble()).isGreaterThan(0.0);
        assertThat(did.get("observations").asInt()).isEqualTo(72);
        assertThat(did.get("degreesOfFreedom").asInt()).isEqualTo(68);
    }

    @Test
    void aPlaceboDateInTheFlatYearFindsNoEffect() {
        JsonNode placebo = evaluate(TestUsers.AUDITOR, body("OUTREACH_VISITS", "2021-10-01", 6, 6));

        JsonNode ratio = placebo.get("rateRatio");
        assertThat(ratio.get("lower").asDouble()).isLessThan(1.0);
        assertThat(ratio.get("upper").asDouble()).isGreaterThan(1.0);
        JsonNode did = placebo.get("differenceInDifferences");
        assertThat(did.get("lower").asDouble()).isLessThan(0.0);
        assertThat(did.get("upper").asDouble()).isGreaterThan(0.0);
    }

    @Test
    void anInterventionDuringAMonthLeavesThatMonthOut() {
        JsonNode evaluation = evaluate(TestUsers.AUDITOR, body("OUTREACH_VISITS", "2022-03-15", 3, 3));

        assertThat(evaluation.get("before").get("from").asText()).isEqualTo("2021-12");
        assertThat(evaluation.get("before").get("to").asText()).isEqualTo("2022-02");
        assertThat(evaluation.get("after").get("from").asText()).isEqualTo("2022-04");
        assertThat(evaluation.get("after").get("to").asText()).isEqualTo("2022-06");
    }

    @Test
    void anAnalystSeesSmallMonthsHiddenAndNoStatisticMadeOfThem() {
        // one physician's visit a month in 八王子市, none in the comparison areas
        JsonNode evaluation = evaluate(TestUsers.ANALYST, body("OUTREACH_VISITS_BY_PHYSICIAN", "2022-04-01", 12, 12));
        JsonNode open = evaluate(TestUsers.AUDITOR, body("OUTREACH_VISITS_BY_PHYSICIAN", "2022-04-01", 12, 12));

        assertThat(open.get("series").get(0).get("before").get("count").asInt()).isEqualTo(12);
        assertThat(open.get("rateRatio").get("estimate").asDouble()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        JsonNode treated = evaluation.get("series").get(0);
        treated.get("months").forEach(m -> {
            assertThat(m.get("count").isNull()).isTrue();
            assertThat(m.get("suppressed").asBoolean()).isTrue();
        });
        // twelve hidden months of at least 1 each under a shown 12 would all be 1: the totals go too
        assertThat(treated.get("before").get("count").isNull()).isTrue();
        assertThat(treated.get("after").get("count").isNull()).isTrue();
        assertThat(evaluation.get("rateRatio").get("estimate").isNull()).isTrue();
        assertThat(evaluation.get("rateRatio").get("note").asText()).startsWith("withheld");
        assertThat(evaluation.get("differenceInDifferences").get("estimate").isNull()).isTrue();
        assertThat(evaluation.get("series").get(1).get("months").get(0).get("count").asInt()).isZero();

        // an attacker with the answer (each period's total is the sum of its months) derives no hidden month
        Map<String, Long> shown = new LinkedHashMap<>();
        List<String> hidden = new ArrayList<>();
        Map<String, Long> actual = new LinkedHashMap<>();
        List<Derivation.Sum> sums = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            JsonNode seen = evaluation.get("series").get(a);
            JsonNode truth = open.get("series").get(a);
            List<String> before = new ArrayList<>();
            List<String> after = new ArrayList<>();
            for (int m = 0; m < seen.get("months").size(); m++) {
                String id = a + "|" + seen.get("months").get(m).get("month").asText();
                cell(id, seen.get("months").get(m).get("count"), truth.get("months").get(m).get("count"), shown, hidden, actual);
                (seen.get("months").get(m).get("period").asText().equals("BEFORE") ? before : after).add(id);
            }
            cell(a + "|before", seen.get("before").get("count"), truth.get("before").get("count"), shown, hidden, actual);
            cell(a + "|after", seen.get("after").get("count"), truth.get("after").get("count"), shown, hidden, actual);
            sums.add(new Derivation.Sum(a + "|before", before));
            sums.add(new Derivation.Sum(a + "|after", after));
        }
        Derivation attacker = new Derivation(shown, hidden, sums, 40);
        assertThat(hidden).isNotEmpty();
        for (String id : hidden) {
            assertThat(attacker.hasAlternative(id, actual.get(id))).as("%s can be derived", id).isTrue();
        }
    }

    private static void cell(String id, JsonNode seen, JsonNode truth, Map<String, Long> shown, List<String> hidden,
                             Map<String, Long> actual) {
        actual.put(id, truth.asLong());
        if (seen.isNull()) {
            hidden.add(id);
        } else {
            shown.put(id, seen.asLong());
        }
    }

    @Test
    void theEvaluationDownloadsAsCsv() {
        Answer csv = read.post(TestUsers.ANALYST, "/api/analytics/evaluations?format=csv",
                body("OUTREACH_VISITS", "2022-04-01", 12, 12));

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text()).startsWith("\uFEFFsection,indicator,area_code,area_label,role,month,period,count");
        assertThat(csv.text()).contains("SERIES,OUTREACH_VISITS,13201,八王子市,TREATED,2021-04,BEFORE,5,1,");
        assertThat(csv.text()).contains("RATE_RATIO,OUTREACH_VISITS,13201,八王子市,TREATED,,,,,2.0");
        assertThat(csv.text()).contains("DIFFERENCE_IN_DIFFERENCES,OUTREACH_VISITS,13201");
    }

    @Test
    void aBadRequestNamesTheFieldsAtFault() {
        Answer bad = read.post(TestUsers.ANALYST, "/api/analytics/evaluations", "{\"indicator\":\"DISCHARGE_WITHIN_90_DAYS_RATE\","
                + "\"area\":\"99999\",\"interventionOn\":\"2022-04-01\",\"monthsBefore\":0,\"monthsAfter\":12,"
                + "\"comparisonAreas\":[\"13-minamitama\",\"nowhere\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").findValuesAsText("field")).contains("indicator", "area", "monthsBefore",
                "comparisonAreas[1]");

        Answer overlapping = read.post(TestUsers.ANALYST, "/api/analytics/evaluations", "{\"indicator\":\"OUTREACH_VISITS\","
                + "\"area\":\"13201\",\"interventionOn\":\"2022-04-01\",\"monthsBefore\":12,\"monthsAfter\":12,"
                + "\"comparisonAreas\":[\"13-minamitama\"]}");
        assertThat(overlapping.json().get("errors").findValuesAsText("field")).containsExactly("comparisonAreas[0]");

        LocalDate lastMonth = LocalDate.now().withDayOfMonth(1).minusMonths(1);
        Answer unfinished = read.post(TestUsers.ANALYST, "/api/analytics/evaluations", "{\"indicator\":\"OUTREACH_VISITS\","
                + "\"area\":\"13201\",\"interventionOn\":\"" + lastMonth + "\",\"monthsBefore\":12,\"monthsAfter\":2}");
        assertThat(unfinished.json().get("errors").findValuesAsText("field")).containsExactly("monthsAfter");

        assertThat(read.post(TestUsers.MEGURO_WORKER, "/api/analytics/evaluations",
                body("OUTREACH_VISITS", "2022-04-01", 12, 12)).status()).isEqualTo(403);
        assertThat(read.post(null, "/api/analytics/evaluations",
                body("OUTREACH_VISITS", "2022-04-01", 12, 12)).status()).isEqualTo(401);
    }
}
