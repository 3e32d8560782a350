package jp.nimo.projection.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.projection.SessionClient;
import jp.nimo.projection.WriteSide;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The analyst's pages over a history written through the write side: refused tenancies in 目黒区 and
 * 世田谷区 from October 2019. 目黒区 begins an intervention in April 2020 and its refusals fall from about
 * ten a month to about five, while 世田谷区 stays at about six; in fiscal 2021 世田谷区 has only two, a
 * count an analyst sees as 「5未満」.
 */
class AnalystPagesTest extends BrowserTest {

    private static final String MEGURO = "13110";
    private static final String SETAGAYA = "13112";
    private static final String SEINAMBU = "13-ku-seinambu";
    private static final LocalDate OCTOBER_2019 = LocalDate.parse("2019-10-01");
    /** Refusals a month from October 2019 to September 2020; the intervention begins in April 2020. */
    private static final int[] MEGURO_MONTHS = {9, 10, 11, 10, 9, 11, 5, 6, 5, 5, 6, 5};
    private static final int[] SETAGAYA_MONTHS = {6, 5, 7, 6, 5, 7, 6, 5, 7, 6, 5, 7};

    private static boolean written;

    @BeforeEach
    void refusedTenancies() {
        if (written) {
            return;
        }
        refusals(MEGURO, MEGURO_MONTHS, 7);
        refusals(SETAGAYA, SETAGAYA_MONTHS, 2);
        Http read = new Http(port);
        // the auditor sees every count: wait until the read side has all of them
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() ->
                figure(read, 2019, MEGURO) == 60 && figure(read, 2020, MEGURO) == 32 && figure(read, 2021, MEGURO) == 7
                        && figure(read, 2019, SETAGAYA) == 36 && figure(read, 2020, SETAGAYA) == 36
                        && figure(read, 2021, SETAGAYA) == 2);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Answer replay = read.post(TestUsers.AUDITOR, "/api/analytics/what-if", "{\"rule\":{\"category\":\"C04\","
                    + "\"minSignals\":3,\"minDistinctCases\":3,\"windowDays\":30,\"areaLevel\":\"MUNICIPALITY\"},"
                    + "\"from\":\"2019-10-01\",\"to\":\"2020-09-30\"}");
            return replay.status() == 200 && replay.json().get("signalsConsidered").asInt() >= 164;
        });
        written = true;
    }

    /** Each month's refusals spread over four persons of the municipality, and a few in fiscal 2021. */
    private static void refusals(String municipality, int[] perMonth, int inFiscal2021) {
        Http write = WriteSide.http();
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Answer opened = write.post(TestUsers.TOKYO_WORKER, "/api/cases", "{\"municipality\":\"" + municipality + "\"}");
            assertThat(opened.status()).as(opened.text()).isEqualTo(201);
            cases.add(opened.field("caseId"));
        }
        int next = 0;
        for (int m = 0; m < perMonth.length; m++) {
            for (int r = 0; r < perMonth[m]; r++) {
                refuse(write, cases.get(next++ % cases.size()), OCTOBER_2019.plusMonths(m).plusDays(r * 2L));
            }
        }
        for (int r = 0; r < inFiscal2021; r++) {
            refuse(write, cases.get(r % cases.size()), LocalDate.parse("2021-06-01").plusDays(r * 3L));
        }
    }

    private static void refuse(Http write, String caseId, LocalDate on) {
        Answer recorded = write.post(TestUsers.TOKYO_WORKER, "/api/cases/" + caseId + "/events",
                "{\"kind\":\"RentalRefused\",\"occurredOn\":\"" + on + "\",\"reason\":\"PREJUDICE\"}");
        assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
    }

    private static long figure(Http read, int fiscalYear, String municipality) {
        Answer answer = read.get(TestUsers.AUDITOR, "/api/indicators?indicator=RENTAL_REFUSALS&municipality="
                + municipality + "&fiscalYear=" + fiscalYear);
        JsonNode value = answer.json().get("indicators").get(0).get("values").get(0).get("value");
        return value.isNull() ? -1 : value.asLong();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAnalystSeesIndicatorsPerAreaAndYearAsATableAChartAndTheApisCsv() {
        Browser browser = browser();
        browser.loginAs(TestUsers.ANALYST);
        browser.get("/indicators");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("指標");
        browser.choose(By.id("indicator"), "RENTAL_REFUSALS");
        browser.choose(By.id("area"), SEINAMBU);
        browser.choose(By.id("from"), "2019");
        browser.choose(By.id("to"), "2021");
        browser.submit(By.cssSelector("form.filters button[type=submit]"));

        assertThat(browser.text(By.cssSelector("main h2"))).isEqualTo("賃貸住宅への入居を断られた件数");
        assertThat(headers(browser)).containsExactly("地域", "令和元年度 (2019年度)", "令和2年度 (2020年度)",
                "令和3年度 (2021年度)");
        assertThat(row(browser, "目黒区")).startsWith("60", "32");
        assertThat(row(browser, "世田谷区")).containsExactly("36", "36", "5未満");
        // the chart is drawn from the same figures: Chart.js has filled the canvas
        browser.waitUntil(d -> Boolean.TRUE.equals(d.executeScript(
                "var c = document.querySelector('canvas[data-chart]'); return !!(window.Chart && Chart.getChart(c));")));
        Object drawn = browser.driver().executeScript("var chart = Chart.getChart(document.querySelector('canvas[data-chart]'));"
                + " return [chart.data.labels.length, chart.data.datasets.length, chart.data.datasets[0].label];");
        assertThat((List<Object>) drawn).containsExactly(4L, 3L, "令和元年度 (2019年度)");
        browser.check("indicators");

        // the CSV link is the API's own answer, authorised by the person's session
        String href = browser.find(By.cssSelector("a[data-fiscal-year='2021']")).getAttribute("href");
        assertThat(href).contains("/api/indicators?").contains("fiscalYear=2021").contains("format=csv");
        Map<String, Object> csv = (Map<String, Object>) browser.driver().executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(function (r) {
                  return r.text().then(function (t) { done({status: r.status, type: r.headers.get('content-type'), text: t}); });
                }).catch(function (e) { done({status: -1, type: '', text: String(e)}); });
                """, href);
        assertThat(csv.get("status")).isEqualTo(200L);
        assertThat((String) csv.get("type")).startsWith("text/csv");
        assertThat((String) csv.get("text")).contains("RENTAL_REFUSALS").contains("目黒区").contains("世田谷区");
    }

    @Test
    void anAnalystReplaysDetectionWithAnotherRuleAndSeesTheCandidates() {
        Browser browser = browser();
        browser.loginAs(TestUsers.ANALYST);
        browser.get("/analytics/what-if");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("検出ルールの試算");
        browser.choose(By.id("category"), "C04");
        browser.type(By.id("minSignals"), "3");
        browser.type(By.id("minDistinctCases"), "3");
        browser.type(By.id("windowDays"), "30");
        browser.choose(By.id("areaLevel"), "MUNICIPALITY");
        browser.date(By.id("from"), "2019-10-01");
        browser.date(By.id("to"), "2020-09-30");
        browser.click(By.cssSelector("form.what-if-form button[type=submit]"));
        browser.waitFor(By.cssSelector("table.candidates"));

        List<String> areas = browser.all(By.cssSelector("table.candidates tbody th")).stream().map(WebElement::getText).toList();
        assertThat(areas).contains("目黒区", "世田谷区");
        // four persons behind each candidate: a count the analyst sees only as small
        List<String> meguro = browser.all(By.xpath("//table[contains(@class,'candidates')]//tr[th='目黒区']/td")).stream()
                .map(WebElement::getText).toList();
        assertThat(meguro.subList(0, 3)).containsExactly("住まいの確保", "92", "5未満");
        String table = browser.text(By.cssSelector("table.candidates"));
        assertThat(table).contains("住まいの確保").contains("2019年10月1日").contains("入居を断られた");
        assertThat(browser.text(By.cssSelector(".results [role=status]"))).contains("2019年10月1日から2020年9月30日まで");
        browser.check("what-if");

        // a rule the API refuses is refused on the form, next to the field, in Japanese
        browser.type(By.id("minDistinctCases"), "9");
        browser.click(By.cssSelector("form.what-if-form button[type=submit]"));
        browser.waitFor(By.id("minDistinctCases-error"));
        assertThat(browser.text(By.id("minDistinctCases-error"))).isEqualTo("1以上で、シグナルの最小件数以下の整数を入力してください。");
        assertThat(browser.find(By.id("minDistinctCases")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.all(By.cssSelector("table.candidates"))).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAnalystEvaluatesAnInterventionAndReadsTheRateRatioAndTheDifferenceInDifferencesInWords() {
        Browser browser = browser();
        browser.loginAs(TestUsers.ANALYST);
        browser.get("/analytics/evaluation");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("効果検証");
        // months after the intervention that are not over yet: the API's refusal, shown at the field
        LocalDate lastMonth = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).withDayOfMonth(1).minusMonths(1);
        browser.date(By.id("interventionOn"), lastMonth.toString());
        browser.type(By.id("monthsAfter"), "2");
        browser.click(By.cssSelector("form.evaluation-form button[type=submit]"));
        browser.waitFor(By.id("monthsAfter-error"));
        assertThat(browser.text(By.id("monthsAfter-error"))).startsWith("1から120までの整数で、比べる最後の月が終わっている期間");
        assertThat(browser.text(By.cssSelector("main [role=alert]"))).startsWith("入力を確かめてください。");
        assertThat(browser.all(By.cssSelector(".findings"))).isEmpty();
        evaluateMeguroAgainstSetagaya(browser);

        // 60 before and 32 after over six months each: 0.53 times, 95% interval exp(log 0.533 ± 1.96·√(1/60 + 1/32))
        assertThat(browser.text(By.cssSelector(".findings .rate-ratio"))).isEqualTo(
                "取組後の発生率（1か月あたりの件数）は、取組前の0.53倍（95%信頼区間 0.35〜0.82倍）でした。"
                        + " 区間が1をまたがないため、偶然だけでは説明しにくい変化です。");
        String did = browser.text(By.cssSelector(".findings .did"));
        assertThat(did).startsWith("比較地域の変化を差し引いた取組の効果（差の差）は、1か月あたり\u22124.7件（95%信頼区間 \u2212")
                .endsWith("区間が0をまたがないため、比較地域と同じ変化だったとは考えにくい結果です。");
        assertThat(browser.text(By.cssSelector(".findings .caution"))).contains("観察データによる比較");

        browser.waitUntil(d -> Boolean.TRUE.equals(d.executeScript(
                "var c = document.querySelector('canvas[data-chart]'); return !!(window.Chart && Chart.getChart(c));")));
        Object drawn = browser.driver().executeScript("var chart = Chart.getChart(document.querySelector('canvas[data-chart]'));"
                + " return chart.data.datasets.map(function (d) { return d.label + '|' + (d.borderDash ? 'dashed' : 'solid'); });");
        assertThat((List<Object>) drawn).containsExactly("目黒区（取組前）|solid", "目黒区（取組後）|solid", "世田谷区（比較）|dashed");
        List<String> firstMonth = browser.all(By.cssSelector("table.series tbody tr:first-child > *")).stream()
                .map(WebElement::getText).toList();
        assertThat(firstMonth).containsExactly("2019年10月", "取組前", "9", "6");
        browser.check("evaluation");

        // the English view has its own words for the same answer
        browser.get("/analytics/evaluation?lang=en");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Evaluation");
        evaluateMeguroAgainstSetagaya(browser);
        assertThat(browser.text(By.cssSelector(".findings .rate-ratio"))).startsWith(
                "After the intervention the rate (count per month) was 0.53 times the rate before (95% confidence interval 0.35 to 0.82).");
        assertThat(browser.text(By.cssSelector("table.series tbody tr:first-child th"))).isEqualTo("Oct 2019");
        browser.check("evaluation-en");
        browser.get("/analytics/evaluation?lang=ja");
    }

    private static void evaluateMeguroAgainstSetagaya(Browser browser) {
        browser.choose(By.id("indicator"), "RENTAL_REFUSALS");
        browser.choose(By.id("area"), MEGURO);
        browser.date(By.id("interventionOn"), "2020-04-01");
        browser.type(By.id("monthsBefore"), "6");
        browser.type(By.id("monthsAfter"), "6");
        Select comparison = new Select(browser.find(By.id("comparisonAreas")));
        comparison.selectByValue(SETAGAYA);
        browser.click(By.cssSelector("form.evaluation-form button[type=submit]"));
        browser.waitFor(By.cssSelector(".findings"));
    }

    @Test
    void aSupportWorkerIsRefusedTheAnalystsPages() {
        Browser browser = browser();
        browser.loginAs(TestUsers.MEGURO_WORKER);
        for (String page : List.of("/indicators", "/analytics/what-if", "/analytics/evaluation")) {
            browser.get(page);
            assertThat(browser.text(By.tagName("h1"))).as(page).isEqualTo("この操作を行う権限がありません");
        }
        browser.check("analytics-forbidden");

        // with the API's status for a refused reader
        SessionClient worker = new SessionClient(port);
        worker.login(TestUsers.MEGURO_WORKER, TestUsers.PASSWORD);
        assertThat(worker.get("/indicators", "text/html").statusCode()).isEqualTo(403);
        assertThat(worker.get("/analytics/evaluation", "text/html").statusCode()).isEqualTo(403);
    }

    private static List<String> headers(Browser browser) {
        return browser.all(By.cssSelector("details.chart-data thead th")).stream()
                .map(e -> e.getAttribute("textContent").trim()).toList();
    }

    private static List<String> row(Browser browser, String area) {
        for (WebElement row : browser.all(By.cssSelector("details.chart-data tbody tr"))) {
            if (row.findElement(By.tagName("th")).getText().equals(area)) {
                return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            }
        }
        throw new AssertionError("no row for " + area);
    }
}
