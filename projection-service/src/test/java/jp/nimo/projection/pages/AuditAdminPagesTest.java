package jp.nimo.projection.pages;

import static jp.nimo.projection.issueplane.issue.Secretariat.meeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.projection.WriteSide;
import jp.nimo.projection.issueplane.issue.Secretariat;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The auditor's pages (an issue's timeline as of a time, the integrity check, the access log) and the
 * administrator's (projections and their rebuild, dead letters, detection rules), in Japanese, in Chromium.
 */
class AuditAdminPagesTest extends BrowserTest {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @Autowired
    JdbcTemplate jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private Http read() {
        return new Http(port);
    }

    @Test
    void anAuditorSeesAnIssueAsTheCouncilKnewItThenAndLaterDecisionsOnlyAsOfLater() {
        Secretariat meguro = new Secretariat(TestUsers.MEGURO_SECRETARIAT);
        String title = "監査で確かめる住まいの課題 " + run;
        String issueId = meguro.raise(title, "C04", "\"municipality\":\"13110\"");
        JsonNode raised = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> read().get(TestUsers.AUDITOR, "/api/issues/" + issueId + "/timeline"),
                        answer -> answer.status() == 200).json();
        Instant raisedAt = Instant.parse(raised.get("entries").get(0).get("recordedAt").asText());
        // a moment after the raise, to the second as the time picker gives it, and before the promotion
        Instant between = raisedAt.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(between.plusMillis(500)));
        meguro.act(issueId, "promote", "{\"councilId\":\"council-13110\"," + meeting("令和6年度 第2回 目黒区協議の場", "2024-09-12")
                + ",\"reason\":\"複数の相談支援事業所から同じ報告\"}");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> read().get(TestUsers.AUDITOR, "/api/issues/" + issueId + "/timeline").json().get("entries").size() == 2);

        Browser browser = browser();
        browser.loginAs(TestUsers.AUDITOR);
        browser.get("/audit/timeline");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("時点指定の経過");
        assertThat(browser.text(By.cssSelector("main .notice"))).contains("その時点で知り得たこと");
        browser.type(By.id("q"), run);
        browser.submit(By.cssSelector("form[role=search] button[type=submit]"));
        assertThat(browser.text(By.cssSelector("section[aria-labelledby=found-heading] table"))).contains(title).contains("目黒区")
                .contains("住まいの確保").contains("協議の場で取り上げ");
        browser.check("audit-timeline-search");
        browser.click(By.linkText(title));
        browser.waitFor(By.cssSelector("[data-timeline]"));
        assertThat(browser.text(By.id("issue-heading"))).isEqualTo(title);
        assertThat(types(browser)).containsExactly("課題の登録", "協議の場で取り上げ");
        String now = browser.text(By.cssSelector("[data-timeline]"));
        assertThat(now).contains("令和6年度 第2回 目黒区協議の場（2024年9月12日・対面）")
                .contains("複数の相談支援事業所から同じ報告").contains(TestUsers.MEGURO_SECRETARIAT).contains("事務局");
        assertThat(browser.text(By.cssSelector("[data-as-of]"))).isEqualTo("現在");
        browser.check("audit-timeline-now");

        // as of the moment between the two decisions: the promotion was not known yet
        ZonedDateTime then = between.atZone(JAPAN);
        browser.date(By.id("date"), then.toLocalDate().toString());
        browser.date(By.id("time"), then.format(DateTimeFormatter.ofPattern("HH:mm:ss")));
        browser.submit(By.cssSelector("form[role=search] button[type=submit]"));
        browser.waitFor(By.cssSelector("[data-timeline]"));
        assertThat(types(browser)).containsExactly("課題の登録");
        assertThat(browser.text(By.cssSelector("main"))).doesNotContain("協議の場で取り上げ").contains("候補");
        assertThat(browser.text(By.cssSelector("[data-as-of]")))
                .isEqualTo(then.format(DateTimeFormatter.ofPattern("uuuu年M月d日 HH:mm")));
        browser.check("audit-timeline-as-of");

        // as of the day before, the issue was not recorded at all
        browser.date(By.id("date"), LocalDate.now(JAPAN).minusDays(1).toString());
        browser.date(By.id("time"), "");
        browser.submit(By.cssSelector("form[role=search] button[type=submit]"));
        assertThat(browser.text(By.cssSelector("[data-not-yet-known]"))).contains("まだ記録されていませんでした");
        assertThat(browser.all(By.cssSelector("[data-timeline]"))).isEmpty();
    }

    @Test
    void aCandidateDetectedFromSignalsShowsItsEvidenceInTheTimeline() {
        // three refusals of housing from three cases in one ward: the default rule raises a candidate
        for (int i = 0; i < 3; i++) {
            Http.Answer opened = WriteSide.http().post(TestUsers.TOKYO_WORKER, "/api/cases",
                    "{\"municipality\":\"13122\",\"externalRef\":\"EXT-AUDIT-" + run + "-" + i + "\"}");
            assertThat(opened.status()).as(opened.text()).isEqualTo(201);
            Http.Answer recorded = WriteSide.http().post(TestUsers.TOKYO_WORKER, "/api/cases/" + opened.field("caseId") + "/events",
                    "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-0" + (i + 1) + "\",\"reason\":\"PREJUDICE\"}");
            assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
        }
        JsonNode board = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> read().get(TestUsers.AUDITOR, "/api/issues?municipality=13122").json(),
                        b -> b.get("items").size() > 0 && b.get("items").get(0).get("evidence").get("signals").asInt() >= 3);
        String issueId = board.get("items").get(0).get("issueId").asText();

        Browser browser = browser();
        browser.loginAs(TestUsers.AUDITOR);
        browser.get("/audit/timeline?q=" + issueId);
        browser.waitFor(By.cssSelector("[data-timeline]"));
        assertThat(types(browser)).startsWith("課題の登録").contains("根拠の追加");
        assertThat(browser.text(By.cssSelector("[data-timeline] > li[data-type=EvidenceAttached]")))
                .contains("追加したシグナル").contains("Nimo（自動検出）");
        browser.check("audit-timeline-evidence");
    }

    @Test
    void anAuditorRunsTheIntegrityCheckAndFiltersTheAccessLog() {
        String caseId = caseReadByItsWorkerAndRefusedToAnother();
        Browser browser = browser();
        browser.loginAs(TestUsers.AUDITOR);
        browser.get("/audit/integrity");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("記録の完全性");
        browser.check("audit-integrity");
        browser.submit(By.id("run-check"));
        browser.waitFor(By.cssSelector("[data-integrity-result]"));
        assertThat(browser.text(By.cssSelector("[data-integrity-result] .notice.ok"))).startsWith("検証しました。")
                .contains("件のイベントに変更・削除・挿入は見つかりませんでした");
        assertThat(browser.text(By.cssSelector("[data-head-verified]"))).contains("署名を確かめ");
        assertThat(browser.text(By.cssSelector("[data-integrity-result]"))).contains("有効（Ed25519）");
        browser.check("audit-integrity-verified");
        browser.get("/audit/integrity?lang=en");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Integrity of the log");
        browser.get("/audit/integrity?lang=ja");

        browser.get("/audit/access-log");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("アクセス記録");
        browser.type(By.id("caseId"), caseId);
        browser.submit(By.cssSelector("form[role=search] button[type=submit]"));
        browser.waitUntil(d -> browser.path().contains("caseId=" + caseId) && rows(browser).size() >= 2);
        assertThat(rows(browser)).anySatisfy(row -> assertThat(row).contains(TestUsers.MEGURO_WORKER)
                .contains("ケースの経過を閲覧").contains("担当組織"));
        assertThat(rows(browser)).anySatisfy(row -> assertThat(row).contains(TestUsers.SETAGAYA_WORKER)
                .contains("拒否").contains("要確認"));
        browser.check("audit-access-log");

        browser.click(By.id("flagged"));
        browser.submit(By.cssSelector("form[role=search] button[type=submit]"));
        browser.waitUntil(d -> browser.path().contains("flagged=true") && !rows(browser).isEmpty()
                && rows(browser).stream().allMatch(row -> row.contains("要確認")));
        assertThat(rows(browser)).anySatisfy(row -> assertThat(row).contains(TestUsers.SETAGAYA_WORKER).contains("拒否"))
                .noneSatisfy(row -> assertThat(row).contains("担当組織"));

        // a user with no reads of the case: nothing, said in words
        browser.type(By.id("user"), "auditor-tokyo");
        browser.submit(By.cssSelector("form[role=search] button[type=submit]"));
        browser.waitUntil(d -> browser.path().contains("user=auditor-tokyo") && !d.findElements(By.cssSelector("[data-empty]")).isEmpty());
        assertThat(browser.text(By.cssSelector("[data-empty]"))).isEqualTo("該当する記録はありません。");
    }

    @Test
    void anAdministratorRebuildsAProjectionAndWatchesItComplete() {
        Browser browser = browser();
        browser.loginAs(TestUsers.ADMIN);
        assertThat(browser.path()).isEqualTo("/admin/projections");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("集計ビュー");
        String row = browser.text(By.cssSelector("tr[data-projection='indicators']"));
        assertThat(row).contains("指標").containsAnyOf("稼働中", "再構築中", "停止中", "エラー").containsPattern("第\\d+版");
        assertThat(browser.text(By.cssSelector("tr[data-projection='audit-chain']"))).contains("再構築しません");
        browser.waitFor(By.cssSelector("#reconciliation table"));
        assertThat(browser.text(By.cssSelector("#reconciliation"))).contains("地域課題（ボード・課題・経過）");
        browser.check("admin-projections");

        browser.click(By.id("rebuild-button-indicators"));
        browser.driver().switchTo().alert().accept();
        browser.waitUntil(d -> browser.path().startsWith("/admin/projections?rebuilt=indicators"));
        browser.waitFor(By.cssSelector("[data-rebuild][data-name='indicators']"));
        // the card polls its progress every two seconds until the rebuild is done
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() ->
                !browser.all(By.cssSelector("[data-rebuild][data-name='indicators'][data-status='DONE']")).isEmpty());
        assertThat(browser.text(By.cssSelector("[data-rebuild][data-name='indicators']")))
                .startsWith("指標").contains("再構築が完了しました").contains("進み具合 100%").contains(TestUsers.ADMIN);
        browser.check("admin-projections-rebuilt");
    }

    @Test
    void anAdministratorSeesTheDeadLettersAndChangesADetectionRule() {
        Browser browser = browser();
        browser.loginAs(TestUsers.ADMIN);
        browser.get("/admin/dead-letters");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("処理できなかったイベント");
        Long parked = jdbc.queryForObject("SELECT count(*) FROM deadletterentry", Long.class);
        if (parked == 0) {
            assertThat(browser.text(By.cssSelector("[data-none]"))).isEqualTo("処理できなかったイベントはありません。");
        } else {
            assertThat(browser.all(By.cssSelector("section[data-processor] button[type=submit]"))).isNotEmpty();
        }
        browser.check("admin-dead-letters");

        browser.get("/admin/rules");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("検出ルール");
        browser.waitFor(By.cssSelector("[data-json-source][data-json-loaded='true']"));
        assertThat(browser.text(By.cssSelector("[data-default-rule]"))).contains("市区町村");
        browser.choose(By.id("rule-council"), "council-13123");
        browser.choose(By.id("rule-category"), "C09");
        int minSignals = 5 + (int) (Math.random() * 40);
        browser.type(By.id("rule-min-signals"), String.valueOf(minSignals));
        browser.type(By.id("rule-min-cases"), "4");
        browser.type(By.id("rule-window"), "120");
        browser.choose(By.id("rule-level"), "REGION");
        browser.submit(By.id("rule-submit"));
        assertThat(browser.path()).isEqualTo("/admin/rules?changed=true");
        assertThat(browser.text(By.cssSelector("[data-changed]"))).isEqualTo("ルールの変更を記録しました。");
        // the rule book shows the change once detection has read it from the log
        String council = browser.find(By.cssSelector("#rule-council option[value='council-13123']")).getText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.get("/admin/rules");
            browser.waitFor(By.cssSelector("[data-json-source][data-json-loaded]"));
            return ruleRows(browser).contains(List.of(council, "C09 精神医療相談", String.valueOf(minSignals), "4", "120", "圏域"));
        });
        browser.check("admin-rules");

        // a value the rule book refuses is explained next to its field
        browser.choose(By.id("rule-council"), "council-13123");
        browser.choose(By.id("rule-category"), "C09");
        browser.type(By.id("rule-min-signals"), "2");
        browser.type(By.id("rule-min-cases"), "3");
        browser.submit(By.id("rule-submit"));
        assertThat(browser.find(By.cssSelector("[data-error-for='minDistinctCases']")).isDisplayed()).isTrue();

        // and the rule is removed again, back to the default
        browser.type(By.id("rule-min-cases"), "1");
        browser.click(By.id("rule-remove"));
        browser.submit(By.id("rule-submit"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.get("/admin/rules");
            browser.waitFor(By.cssSelector("[data-json-source][data-json-loaded]"));
            return ruleRows(browser).stream().noneMatch(r -> r.get(0).equals(council) && r.get(2).equals(String.valueOf(minSignals)));
        });
    }

    @Test
    void aSecretariatOpeningAnAdminOrAuditPageGetsTheForbiddenPage() {
        Browser browser = browser();
        browser.loginAs(TestUsers.SEINAMBU_SECRETARIAT);
        for (String page : List.of("/admin/projections", "/admin/dead-letters", "/admin/rules", "/audit/access-log",
                "/audit/integrity")) {
            browser.get(page);
            assertThat(browser.text(By.tagName("h1"))).as(page).isEqualTo("この操作を行う権限がありません");
        }
        browser.check("admin-forbidden");
    }

    /** A Meguro case its own worker reads, and that a Setagaya worker is refused: two lines of the access log. */
    private String caseReadByItsWorkerAndRefusedToAnother() {
        Http.Answer opened = WriteSide.http().post(TestUsers.MEGURO_WORKER, "/api/cases",
                "{\"municipality\":\"13110\",\"externalRef\":\"MG-AUDIT-" + run + "\",\"ageBand\":\"40-49\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        String caseId = opened.field("caseId");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> read().get(TestUsers.MEGURO_WORKER, "/api/cases/" + caseId + "/timeline").status() == 200);
        assertThat(read().get(TestUsers.SETAGAYA_WORKER, "/api/cases/" + caseId + "/timeline").status()).isEqualTo(404);
        return caseId;
    }

    private static List<String> types(Browser browser) {
        return browser.all(By.cssSelector("[data-timeline] > li strong")).stream().map(WebElement::getText).toList();
    }

    private static List<String> rows(Browser browser) {
        return browser.all(By.cssSelector("table[data-access-log] tbody tr")).stream().map(WebElement::getText).toList();
    }

    /** Each rule's council, category, numbers and area level as the table shows them. */
    private static List<List<String>> ruleRows(Browser browser) {
        return browser.all(By.cssSelector("table[data-rules] tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().limit(6).map(WebElement::getText).toList())
                .toList();
    }
}
