package jp.nimo.projection.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.issues.IssueAction;
import jp.nimo.issues.IssueState;
import jp.nimo.projection.WriteSide;
import jp.nimo.projection.issueplane.issue.Secretariat;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The board and the issue pages in Chromium: refused tenancies in 渋谷区 raise a housing candidate, the
 * region's secretariat finds it on the board, promotes it, starts verification and verifies it through the
 * page's forms (one refused by the API first), and a council member reads the same pages without forms,
 * with small counts as 「5未満」.
 */
class IssuePagesTest extends BrowserTest {

    private static final String SHIBUYA = "13113";

    /**
     * Six refusals from four cases in 渋谷区 (detection's default: three signals from three cases within 90
     * days): the candidate they raise, or the open housing issue of 渋谷区 they add to.
     */
    private String housingCandidateInShibuya() {
        Http write = WriteSide.http();
        Http read = new Http(port);
        Map<String, Integer> before = new HashMap<>();
        board(read).forEach(item -> before.put(item.get("issueId").asText(), signals(item)));

        String a = openCase(write);
        String b = openCase(write);
        String c = openCase(write);
        String d = openCase(write);
        refuse(write, a, "2025-05-02");
        refuse(write, b, "2025-05-09");
        refuse(write, a, "2025-05-16");
        refuse(write, c, "2025-05-23");
        refuse(write, b, "2025-06-06");
        refuse(write, d, "2025-06-20");

        JsonNode mine = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
                () -> board(read).stream()
                        .filter(item -> signals(item) - before.getOrDefault(item.get("issueId").asText(), 0) >= 6)
                        .findFirst().orElse(null),
                item -> item != null);
        assertThat(mine.get("state").asText()).as("the housing issue of 渋谷区 the refusals went to").isEqualTo("CANDIDATE");
        return mine.get("issueId").asText();
    }

    private static List<JsonNode> board(Http read) {
        Answer answer = read.get(TestUsers.AUDITOR, "/api/issues?category=C04&municipality=" + SHIBUYA);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(answer.json().get("items").spliterator(), false).toList();
    }

    private static int signals(JsonNode item) {
        return item.path("evidence").path("signals").asInt(0);
    }

    private static String openCase(Http write) {
        Answer opened = write.post(TestUsers.TOKYO_WORKER, "/api/cases", "{\"municipality\":\"" + SHIBUYA + "\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        return opened.field("caseId");
    }

    private static void refuse(Http write, String caseId, String on) {
        Answer recorded = write.post(TestUsers.TOKYO_WORKER, "/api/cases/" + caseId + "/events",
                "{\"kind\":\"RentalRefused\",\"occurredOn\":\"" + on + "\",\"reason\":\"PREJUDICE\"}");
        assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
    }

    @Test
    void aSecretariatTakesADetectedCandidateFromTheBoardThroughPromoteAndVerify() {
        String issueId = housingCandidateInShibuya();
        Browser browser = browser();
        browser.loginAs(TestUsers.SEINAMBU_SECRETARIAT);
        assertThat(browser.path()).isEqualTo("/board");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("地域課題ボード");

        // the filter replaces the table in place (the page itself stays) and puts the filters in the address
        browser.driver().executeScript("window.samePage = true;");
        browser.choose(By.id("filter-state"), "CANDIDATE");
        browser.choose(By.id("filter-category"), "C04");
        browser.choose(By.id("filter-municipality"), SHIBUYA);
        browser.click(By.cssSelector("form.filters button[type=submit]"));
        browser.waitUntil(d -> browser.path().contains("municipality=" + SHIBUYA) && browser.path().contains("state=CANDIDATE"));
        By row = By.cssSelector("tr[data-issue='" + issueId + "']");
        WebElement candidate = browser.find(row);
        assertThat(browser.driver().executeScript("return window.samePage === true;")).isEqualTo(true);
        assertThat(candidate.getText()).contains("新しい候補", "住まいの確保", "渋谷区", "候補", "2025年5月2日〜2025年6月20日");
        assertThat(browser.all(By.cssSelector("#board-results tbody tr")))
                .allSatisfy(r -> assertThat(r.getText()).contains("住まいの確保", "渋谷区"));
        browser.check("board");

        // the board as known at the end of a day before the refusals were recorded does not have the issue
        browser.get("/board?category=C04&municipality=" + SHIBUYA + "&asOf=2020-01-01");
        assertThat(browser.text(By.cssSelector("#board-results .notice"))).isEqualTo("2020年1月1日 23:59 時点で分かっていた内容です。");
        assertThat(browser.all(row)).isEmpty();
        // a filter the reference data does not know is the API's 400, in words
        browser.get("/board?category=C77");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("入力が正しくありません");

        browser.get("/board?state=CANDIDATE&category=C04&municipality=" + SHIBUYA);
        browser.click(By.cssSelector("tr[data-issue='" + issueId + "'] a"));
        browser.waitUntil(d -> browser.path().equals("/issues/" + issueId));
        assertThat(browser.text(By.id("issue-state"))).isEqualTo("候補");
        assertThat(browser.text(By.id("issue-facts"))).contains("住まいの確保", "渋谷区", "事例の集積（自動検出）");
        assertEvidenceChartIsDrawn(browser);
        // a secretariat sees the counts as they are
        assertThat(evidenceTable(browser)).containsExactly(List.of("2025年5月", "4"), List.of("2025年6月", "2"));
        assertThat(actionsOnThePage(browser)).isEqualTo(allowedFrom(IssueState.CANDIDATE));
        browser.check("issue-page");

        // a decision dated after today is refused by the API, and the page says so next to the date
        By promote = By.id("action-promote");
        browser.type(By.id("promote-meeting-title"), "令和7年度 第2回 区西南部圏域協議の場");
        browser.date(By.id("promote-meeting-held-on"), LocalDate.now().plusYears(1).toString());
        browser.choose(By.id("promote-meeting-format"), "IN_PERSON");
        browser.type(By.id("promote-reason"), "渋谷区で入居を断られる事例が続いている");
        browser.submit(By.cssSelector("#action-promote button[type=submit]"));
        WebElement error = browser.find(By.id("promote-meeting-held-on-error"));
        assertThat(error.getText()).isEqualTo("記録する日より後の日付は入力できません。");
        assertThat(browser.find(By.id("promote-meeting-held-on")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.text(By.cssSelector("#action-promote [data-form-status]"))).isEqualTo("入力を確かめてください。");
        assertThat(browser.find(promote).isDisplayed()).isTrue();
        browser.check("issue-form-error");

        browser.date(By.id("promote-meeting-held-on"), "2025-07-10");
        browser.submit(By.cssSelector("#action-promote button[type=submit]"));
        // the page looks again until the read side shows the decision
        browser.waitUntilShown("#issue-state", "協議中");
        assertThat(browser.text(By.id("issue-state"))).isEqualTo("協議中");
        assertThat(browser.text(By.id("issue-recorded"))).isEqualTo("記録しました。今の状態は「協議中」です。");
        assertThat(lastStep(browser)).contains("協議の場で取り上げ", "secretariat-seinambu", "事務局",
                "会議: 令和7年度 第2回 区西南部圏域協議の場（2025年7月10日、対面）",
                "協議の場: 区西南部圏域 保健・医療・福祉関係者による協議の場",
                "理由: 渋谷区で入居を断られる事例が続いている");
        assertThat(actionsOnThePage(browser)).isEqualTo(allowedFrom(IssueState.PROMOTED));

        browser.submit(By.cssSelector("#action-start-verification button[type=submit]"));
        browser.waitUntilShown("#issue-state", "検証中");
        assertThat(browser.text(By.id("issue-state"))).isEqualTo("検証中");
        assertThat(lastStep(browser)).contains("検証を開始");
        assertThat(actionsOnThePage(browser)).isEqualTo(allowedFrom(IssueState.UNDER_VERIFICATION));

        browser.type(By.id("verify-statement"), "個別の事例ではなく、渋谷区の住まいの課題として共有する");
        browser.type(By.id("verify-meeting-title"), "令和7年度 第3回 区西南部圏域協議の場");
        browser.date(By.id("verify-meeting-held-on"), "2025-10-02");
        browser.choose(By.id("verify-meeting-format"), "ONLINE");
        browser.submit(By.cssSelector("#action-verify button[type=submit]"));
        browser.waitUntilShown("#issue-state", "地域課題として確認");
        assertThat(browser.text(By.id("issue-state"))).isEqualTo("地域課題として確認");
        assertThat(lastStep(browser)).contains("地域課題として確認",
                "確認の内容: 個別の事例ではなく、渋谷区の住まいの課題として共有する",
                "会議: 令和7年度 第3回 区西南部圏域協議の場（2025年10月2日、オンライン）");
        assertThat(browser.all(By.cssSelector("#issue-timeline > li")).stream().map(li -> li.getAttribute("data-type")))
                .containsSubsequence("IssueRaised", "IssuePromoted", "VerificationStarted", "IssueVerified");
        assertThat(actionsOnThePage(browser)).isEqualTo(allowedFrom(IssueState.VERIFIED));
        browser.check("issue-page-verified");

        // the plan's target appears beside its actual, with the fiscal year as the council writes it
        browser.choose(By.id("plan-indicator"), "RENTAL_REFUSALS");
        browser.type(By.id("plan-year"), "2025");
        browser.choose(By.id("plan-direction"), "DECREASE");
        browser.type(By.id("plan-baseline"), "6");
        browser.type(By.id("plan-target"), "3");
        browser.type(By.id("plan-organisation"), "渋谷区宅地建物取引業協会");
        browser.type(By.id("plan-responsibility"), "入居を断らない物件の情報提供");
        browser.date(By.id("plan-due"), "2026-03-31");
        browser.type(By.id("plan-milestone"), "居住支援の相談窓口を開く");
        browser.submit(By.cssSelector("#action-plan button[type=submit]"));
        browser.waitUntilShown("#issue-state", "取組を計画");
        assertThat(browser.text(By.id("issue-state"))).isEqualTo("取組を計画");
        assertThat(browser.text(By.cssSelector("#targets-table tbody tr")))
                .contains("賃貸住宅への入居を断られた件数", "令和7年度 (2025年度)", "減らす", "6", "3");
        browser.waitUntil(d -> Boolean.TRUE.equals(d.executeScript(
                "var c = document.getElementById('targets-chart'); return !!(window.Chart && c && window.Chart.getChart(c));")));
        assertThat(browser.driver().executeScript(
                "return window.Chart.getChart(document.getElementById('targets-chart')).data.labels.join('|');"))
                .isEqualTo("賃貸住宅への入居を断られた件数 令和7年度 (2025年度)");
        assertThat(browser.text(By.id("issue-plan"))).contains("渋谷区宅地建物取引業協会", "入居を断らない物件の情報提供",
                "2026年3月31日", "居住支援の相談窓口を開く");
        browser.check("issue-page-planned");

        // a council member reads the same board and issue, without forms, small counts hidden
        browser.loginAs(TestUsers.COUNCIL_MEMBER);
        browser.get("/board?municipality=" + SHIBUYA + "&category=C04");
        WebElement asMember = browser.find(row);
        assertThat(asMember.getText()).contains("取組を計画", "5未満");
        assertThat(browser.all(By.cssSelector("a[href='/issues/new']"))).isEmpty();
        browser.check("board-member");
        browser.click(By.cssSelector("tr[data-issue='" + issueId + "'] a"));
        browser.waitUntil(d -> browser.path().equals("/issues/" + issueId));
        assertThat(browser.text(By.id("issue-state"))).isEqualTo("取組を計画");
        assertThat(browser.all(By.cssSelector("form[data-json-form]"))).isEmpty();
        assertThat(browser.all(By.id("issue-actions"))).isEmpty();
        assertThat(evidenceTable(browser)).containsExactly(List.of("2025年5月", "5未満"), List.of("2025年6月", "5未満"));
        assertThat(browser.text(By.cssSelector("#evidence-heading + p"))).isEqualTo("兆候の件数: 6・事例数: 5未満");
        // every month is hidden: no empty chart, words instead, and the table
        assertThat(browser.all(By.id("evidence-chart"))).isEmpty();
        assertThat(browser.text(By.id("evidence-no-chart"))).startsWith("どの月の件数も5未満のため");
        assertThat(lastStep(browser)).contains("取組を計画");
        assertThat(browser.text(By.cssSelector("#targets-table tbody tr"))).contains("令和7年度 (2025年度)");
        browser.check("issue-page-member");

        // the English view: its own words, FY2025, and hidden counts as "fewer than 5"
        browser.get("/issues/" + issueId + "?lang=en");
        assertThat(browser.text(By.id("timeline-heading"))).isEqualTo("Timeline");
        assertThat(browser.text(By.id("issue-state"))).isEqualTo("Planned");
        assertThat(browser.text(By.cssSelector("#targets-table tbody tr"))).contains("FY2025", "Decrease");
        assertThat(evidenceTable(browser)).containsExactly(List.of("May 2025", "fewer than 5"), List.of("Jun 2025", "fewer than 5"));
        browser.get("/issues/" + issueId + "?lang=ja");
    }

    @Test
    void aSecretariatRaisesAnIssueByHandAndAnObserverCannot() {
        Browser browser = browser();
        browser.loginAs(TestUsers.SEINAMBU_SECRETARIAT);
        browser.get("/issues/new");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("地域課題を登録");
        // only the areas of the secretariat's councils are offered
        assertThat(options(browser, "raise-municipality")).containsExactly("", "13110", "13112", "13113");
        browser.check("issue-new");

        String title = "精神科病院からの退院先の確保 " + System.nanoTime();
        browser.type(By.id("raise-title"), title);
        browser.choose(By.id("raise-category"), "C12");
        browser.choose(By.id("raise-area-level"), "region");
        browser.choose(By.id("raise-region"), "13-ku-seinambu");
        browser.choose(By.id("raise-origin"), "SURVEY");
        browser.type(By.id("raise-description"), "圏域の調査で、退院先が見つからない例が多いと分かった");
        browser.submit(By.cssSelector(".raise-form button[type=submit]"));
        browser.waitUntil(d -> browser.path().startsWith("/issues/") && !browser.path().startsWith("/issues/new"));
        browser.waitUntilShown("h1", title);
        assertThat(browser.text(By.tagName("h1"))).contains(title);
        assertThat(browser.text(By.id("issue-state"))).isEqualTo("候補");
        assertThat(browser.text(By.id("issue-facts"))).contains("入院中の者の地域移行", "区西南部", "調査",
                "まだどの協議の場でも取り上げられていません");
        assertThat(lastStep(browser)).contains("登録", "secretariat-seinambu");

        String raised = browser.path().replaceFirst("^/issues/([^?]+).*$", "$1");

        browser.loginAs(TestUsers.OBSERVER);
        browser.get("/issues/new");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("この操作を行う権限がありません");
        // another council's secretariat does not see a region issue outside its area; a worker reads no issues
        browser.loginAs(TestUsers.MEGURO_SECRETARIAT);
        browser.get("/issues/" + raised);
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("見つかりませんでした");
        browser.loginAs(TestUsers.MEGURO_WORKER);
        browser.get("/board");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("この操作を行う権限がありません");
    }

    @Test
    void anEscalatedIssueLinksToTheIssueItOpenedAtTheRegionsCouncil() {
        Secretariat meguro = new Secretariat(TestUsers.MEGURO_SECRETARIAT);
        String title = "措置入院者の退院後支援が途切れる " + System.nanoTime();
        String issue = meguro.raise(title, "C07", "\"municipality\":\"13110\"");
        meguro.act(issue, "promote", "{\"councilId\":\"council-13110\"}");
        meguro.act(issue, "start-verification", "{}");
        String linked = meguro.act(issue, "escalate",
                "{\"toCouncilId\":\"council-13-ku-seinambu\",\"reason\":\"圏域で検討が必要\"}").field("linkedIssueId");

        Browser browser = browser();
        browser.loginAs(TestUsers.MEGURO_SECRETARIAT);
        browser.get("/issues/" + issue + "?recorded=ESCALATED");
        browser.waitUntilShown("#issue-state", "上位の協議の場へ");
        assertThat(browser.text(By.id("issue-state"))).isEqualTo("上位の協議の場へ");
        assertThat(browser.text(By.id("issue-links"))).contains("移送先の課題", title, "区西南部圏域 保健・医療・福祉関係者による協議の場");
        assertThat(lastStep(browser)).contains("上位の協議の場へ移送", "理由: 圏域で検討が必要", "移送先の課題");
        // escalated is closed here: no decision is left to take on it
        assertThat(browser.all(By.id("issue-actions"))).isEmpty();
        browser.check("issue-page-escalated");

        // the region's secretariat opens the linked issue from the link and can decide on it
        browser.loginAs(TestUsers.SEINAMBU_SECRETARIAT);
        browser.get("/issues/" + linked + "?recorded=PROMOTED");
        browser.waitUntilShown("#issue-links", "移送元の課題");
        assertThat(browser.text(By.id("issue-links"))).contains("移送元の課題", title);
        assertThat(actionsOnThePage(browser)).isEqualTo(allowedFrom(IssueState.PROMOTED));
    }

    @Test
    void aMunicipalityReportsUpAndTheRegionDelegatesPartThroughThePages() {
        Secretariat meguro = new Secretariat(TestUsers.MEGURO_SECRETARIAT);
        String title = "退院後の住まいの確保 " + System.nanoTime();
        String issue = meguro.raise(title, "C04", "\"municipality\":\"13110\"");
        meguro.act(issue, "promote", "{\"councilId\":\"council-13110\"}");

        Browser browser = browser();
        browser.loginAs(TestUsers.MEGURO_SECRETARIAT);
        browser.get("/issues/" + issue + "?recorded=PROMOTED");
        browser.waitUntilShown("#issue-state", "協議中");
        // a municipality's council reports up (to its region or to Tokyo) but has no council below to delegate to
        assertThat(actionsOnThePage(browser)).contains("report-up").doesNotContain("delegate");
        assertThat(options(browser, "report-up-council")).containsExactly("", "council-13", "council-13-ku-seinambu");
        browser.choose(By.id("report-up-council"), "council-13-ku-seinambu");
        browser.type(By.id("report-up-reason"), "区だけでは住まいを確保できない");
        browser.submit(By.cssSelector("#action-report-up button[type=submit]"));
        // the state stays; the page looks again until the link to the region's issue is there
        browser.waitUntilShown("#issue-links", "報告先の課題");
        assertThat(browser.text(By.id("issue-state"))).isEqualTo("協議中");
        assertThat(browser.text(By.id("issue-links"))).contains("報告先の課題", title,
                "区西南部圏域 保健・医療・福祉関係者による協議の場");
        assertThat(lastStep(browser)).contains("上位の協議の場へ報告", "理由: 区だけでは住まいを確保できない",
                "相手の協議の場: 区西南部圏域 保健・医療・福祉関係者による協議の場", "報告先の課題");
        // reported once to the region: only Tokyo is left to report to
        assertThat(options(browser, "report-up-council")).containsExactly("", "council-13");
        browser.check("issue-page-reported-up");
        String regional = browser.find(By.cssSelector("#issue-links a")).getAttribute("href")
                .replaceAll(".*/issues/", "");

        // the region's secretariat takes its issue and delegates the community half back to 目黒区
        browser.loginAs(TestUsers.SEINAMBU_SECRETARIAT);
        browser.get("/issues/" + regional);
        assertThat(browser.text(By.id("issue-facts"))).contains("下位の協議の場からの報告");
        assertThat(browser.text(By.id("issue-links"))).contains("報告元の課題", title, "目黒区");
        assertThat(lastStep(browser)).contains("他の協議の場の課題から開始", "報告元の課題");
        assertThat(options(browser, "delegate-council"))
                .containsExactly("", "council-13110", "council-13112", "council-13113");
        browser.choose(By.id("delegate-council"), "council-13112");
        browser.type(By.id("delegate-scope"), "地域の受け皿（住まいと日中活動）");
        browser.type(By.id("delegate-reason"), "区で取り組む");
        browser.submit(By.cssSelector("#action-delegate button[type=submit]"));
        browser.waitUntilShown("#issue-links", "委任先の課題");
        assertThat(browser.text(By.id("issue-links"))).contains("委任先の課題", "世田谷区",
                "委任した部分: 地域の受け皿（住まいと日中活動）");
        assertThat(lastStep(browser)).contains("下位の協議の場へ委任", "委任した部分: 地域の受け皿（住まいと日中活動）");
        browser.check("issue-page-delegated");
        // the region's board names both links under the issue's title
        browser.get("/board?councilId=council-13-ku-seinambu");
        assertThat(browser.text(By.cssSelector("tr[data-issue='" + regional + "']")))
                .contains("報告元の課題：目黒区", "委任先の課題：世田谷区");
        browser.check("board-links");
        browser.get("/issues/" + regional + "?lang=en");
        assertThat(browser.text(By.id("issue-links"))).contains("Reported up from", "Delegated to",
                "Part delegated: 地域の受け皿（住まいと日中活動）");
        browser.screenshot("issue-page-delegated-en");
        browser.get("/issues/" + regional + "?lang=ja");
    }

    private static void assertEvidenceChartIsDrawn(Browser browser) {
        browser.waitUntil(d -> Boolean.TRUE.equals(d.executeScript(
                "var c = document.getElementById('evidence-chart');"
                        + " return !!(window.Chart && c && window.Chart.getChart(c));")));
        Object drawn = browser.driver().executeScript("""
                var chart = window.Chart.getChart(document.getElementById('evidence-chart'));
                var canvas = chart.canvas, pixels = canvas.getContext('2d')
                    .getImageData(0, 0, canvas.width, canvas.height).data, painted = 0;
                for (var i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) { painted++; } }
                return [chart.data.datasets.length, chart.data.labels.join('|'), chart.data.datasets[0].label,
                        chart.data.datasets[0].data.join('|'), painted];
                """);
        List<?> facts = (List<?>) drawn;
        assertThat(((Number) facts.get(0)).intValue()).isEqualTo(1);
        assertThat(facts.get(1)).isEqualTo("2025年5月|2025年6月");
        assertThat(facts.get(2)).isEqualTo("入居を断られた");
        assertThat(facts.get(3)).isEqualTo("4|2");
        assertThat(((Number) facts.get(4)).longValue()).as("painted pixels").isGreaterThan(1000);
    }

    private static List<List<String>> evidenceTable(Browser browser) {
        return browser.all(By.cssSelector("#evidence-table tbody tr")).stream()
                .map(tr -> tr.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList())
                .toList();
    }

    private static List<String> actionsOnThePage(Browser browser) {
        return browser.all(By.cssSelector("#issue-actions [data-action]")).stream()
                .map(section -> section.getAttribute("data-action")).sorted().toList();
    }

    private static List<String> allowedFrom(IssueState state) {
        return Arrays.stream(IssueAction.values()).filter(a -> a.allowedFrom(state)).map(IssueAction::path).sorted().toList();
    }

    private static String lastStep(Browser browser) {
        List<WebElement> steps = browser.all(By.cssSelector("#issue-timeline > li"));
        return steps.get(steps.size() - 1).getText();
    }

    private static List<String> options(Browser browser, String id) {
        return browser.find(By.id(id)).findElements(By.tagName("option")).stream()
                .map(o -> o.getAttribute("value")).toList();
    }
}
