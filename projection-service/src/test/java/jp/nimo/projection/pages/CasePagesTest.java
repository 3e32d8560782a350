package jp.nimo.projection.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import jp.nimo.infra.test.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A support worker's day in the pages: the caseload, opening a case, recording events (one refused for
 * a missing consent, then recorded after the consent), a field error from the API shown beside its
 * field, the search by reference, another organisation's worker kept out, and the erasure.
 */
class CasePagesTest extends BrowserTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aWorkerOpensACaseRecordsEventsWithConsentSearchesAndErasesWhileAnotherOrganisationSeesNothing() {
        Browser browser = browser();
        String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String reference = "MG-PG-" + tag;
        String note = "碑文谷の家主に断られた（" + tag + "）";

        browser.loginAs(TestUsers.MEGURO_WORKER);
        assertThat(browser.path()).isEqualTo("/cases");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("担当ケース");
        browser.check("cases-caseload");

        // open a case through the form: the worker's only municipality is chosen for them
        assertThat(new Select(browser.find(By.id("new-municipality"))).getFirstSelectedOption().getText()).isEqualTo("目黒区");
        browser.choose(By.id("new-ageBand"), "40-49");
        browser.type(By.id("new-externalRef"), reference);
        browser.submit(By.cssSelector("form.open-case button[type=submit]"));
        browser.waitUntil(d -> browser.path().matches("/cases/[0-9a-f-]{36}\\?saved=opened.*"));
        browser.waitUntilShown("h1", reference);
        String caseId = browser.path().substring("/cases/".length(), "/cases/".length() + 36);
        assertThat(facts(browser)).contains("目黒区", "40〜49歳", "目黒区保健所 保健予防課", "支援中");
        assertThat(browser.text(By.cssSelector(".case-timeline"))).contains("支援開始");
        browser.check("case-page-opened");

        // record an event from the catalogue's form
        browser.click(By.linkText("出来事を記録する"));
        browser.waitFor(By.cssSelector("select#kind"));
        assertThat(browser.path()).isEqualTo("/cases/" + caseId + "/record");
        assertThat(optgroups(browser)).contains("住まい", "同意", "入院・地域移行・退院", "福祉サービス・生活・就労");
        browser.check("case-event-form");
        browser.choose(By.id("kind"), "WelfareServiceStarted");
        assertThat(browser.find(By.cssSelector("fieldset[data-kind=WelfareServiceStarted]")).isDisplayed()).isTrue();
        assertThat(browser.all(By.cssSelector("#WelfareServiceStarted-serviceType option"))).extracting(o -> o.getText())
                .contains("地域定着支援", "自立生活援助", "共同生活援助（グループホーム）");
        browser.choose(By.id("kind"), "RentalRefused");
        assertThat(browser.find(By.cssSelector("fieldset[data-kind=RentalRefused]")).isDisplayed()).isTrue();
        assertThat(browser.all(By.cssSelector("fieldset[data-kind=Admitted]")).get(0).isDisplayed()).isFalse();
        browser.date(By.id("occurredOn"), "2024-05-01");
        browser.choose(By.id("RentalRefused-reason"), "PREJUDICE");
        browser.type(By.id("common-note"), note);
        browser.submit(By.cssSelector("form.event-form button[type=submit]"));
        waitForTimeline(browser, caseId, "入居を断られた");
        assertThat(browser.text(By.cssSelector(".case-timeline"))).contains("2024年5月1日", note, "worker-meguro", "保健師");

        // an event that needs the person's consent is refused, explained, and nothing is stored
        long before = events(caseId);
        browser.get("/cases/" + caseId + "/record?kind=InpatientVisitedByCommunitySupporter");
        browser.click(By.cssSelector("fieldset[data-kind=InpatientVisitedByCommunitySupporter] input[name=visitorRoles][value=PUBLIC_HEALTH_NURSE]"));
        browser.click(By.id("InpatientVisitedByCommunitySupporter-metPerson-yes"));
        browser.submit(By.cssSelector("form.event-form button[type=submit]"));
        WebElement explained = browser.find(By.cssSelector("[data-problem-type=consent-required]"));
        assertThat(browser.text(By.cssSelector("[data-form-status]"))).contains("本人の同意が必要");
        assertThat(explained.getText()).contains("必要な同意の目的: 訪問・面会", "保存されていません", "同意の取得を記録する");
        browser.check("case-event-consent-refused");
        assertThat(events(caseId)).isEqualTo(before);

        // the link leads to the consent form with the kind and the missing purpose chosen
        browser.click(By.linkText("同意の取得を記録する"));
        browser.waitFor(By.cssSelector("fieldset[data-kind=ConsentGranted]:not([disabled])"));
        assertThat(new Select(browser.find(By.id("kind"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("ConsentGranted");
        assertThat(new Select(browser.find(By.id("ConsentGranted-purpose"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("VISIT");
        browser.choose(By.id("ConsentGranted-grantedBy"), "PERSON");
        browser.check("case-consent-form");
        browser.submit(By.cssSelector("form.event-form button[type=submit]"));
        waitForTimeline(browser, caseId, "同意の取得");
        assertThat(browser.text(By.cssSelector("section[aria-labelledby=consents-heading]"))).contains("訪問・面会", "本人");

        // now the visit is recorded and shows on the timeline with its fields as words
        browser.get("/cases/" + caseId + "/record?kind=InpatientVisitedByCommunitySupporter");
        browser.click(By.cssSelector("fieldset[data-kind=InpatientVisitedByCommunitySupporter] input[name=visitorRoles][value=PUBLIC_HEALTH_NURSE]"));
        browser.click(By.id("InpatientVisitedByCommunitySupporter-metPerson-yes"));
        browser.submit(By.cssSelector("form.event-form button[type=submit]"));
        waitForTimeline(browser, caseId, "地域支援者による入院中の面会");
        assertThat(browser.text(By.cssSelector("li[data-kind=InpatientVisitedByCommunitySupporter]"))).contains("保健師", "はい");
        assertThat(events(caseId)).isEqualTo(before + 2);
        browser.check("case-page-timeline");

        // the English view writes the same case the English way
        browser.get("/cases/" + caseId + "?lang=en");
        assertThat(browser.text(By.cssSelector(".case-timeline"))).contains("Rental refused", "1 May 2024");
        assertThat(facts(browser)).contains("Meguro", "40–49");
        browser.get("/cases/" + caseId + "?lang=ja");
        assertThat(browser.text(By.id("timeline-heading"))).isEqualTo("経過");

        // a missing required field: the API's message beside the field, nothing stored
        before = events(caseId);
        browser.get("/cases/" + caseId + "/record");
        browser.choose(By.id("kind"), "ConsultationReceived");
        browser.submit(By.cssSelector("form.event-form button[type=submit]"));
        WebElement fieldError = browser.find(By.id("ConsultationReceived-referrerType-error"));
        assertThat(fieldError.getText()).isEqualTo("入力してください。");
        assertThat(browser.find(By.id("ConsultationReceived-referrerType")).getAttribute("aria-invalid")).isEqualTo("true");
        browser.check("case-event-field-error");
        assertThat(events(caseId)).isEqualTo(before);

        // a case rule that names its field is said beside it, in Japanese: no discharge without an admission
        browser.get("/cases/" + caseId + "/record?kind=Discharged");
        browser.choose(By.id("Discharged-destination"), "HOME");
        browser.submit(By.cssSelector("form.event-form button[type=submit]"));
        assertThat(browser.find(By.id("occurredOn-error")).getText()).startsWith("退院を記録するには");
        assertThat(events(caseId)).isEqualTo(before);

        // involving another organisation needs a consent the case does not have: explained, not stored
        browser.get("/cases/" + caseId + "/involve");
        assertThat(browser.all(By.cssSelector("#organisation option[value=meguro-health-centre]"))).isEmpty();
        browser.choose(By.id("organisation"), "setagaya-support-office");
        browser.submit(By.cssSelector("main form button[type=submit]"));
        assertThat(browser.find(By.cssSelector("[data-problem-type=consent-required]")).getText()).contains("同意");
        browser.check("case-involve-refused");
        assertThat(events(caseId)).isEqualTo(before);

        // the caseload lists the case with its reference and its last event in words
        browser.get("/cases");
        assertThat(browser.text(By.cssSelector("main table"))).contains(reference, "目黒区", "40〜49歳");
        browser.check("cases-caseload");

        // search by reference: a POST, so the reference never reaches an address
        browser.type(By.id("reference"), reference.substring(0, reference.length() - 2));
        browser.submit(By.cssSelector("form[action='/cases/search'] button[type=submit]"));
        assertThat(browser.path()).isEqualTo("/cases/search");
        assertThat(browser.text(By.cssSelector("main table"))).contains(reference, "入院中の面会");
        assertThat(browser.all(By.cssSelector("main table tbody tr td:first-child")).stream().map(WebElement::getText))
                .allMatch(ref -> ref.startsWith(reference.substring(0, reference.length() - 2)));
        browser.check("cases-search");
        // the reference was shown, so the read is in the access log
        assertThat(jdbc.queryForObject("SELECT count(*) FROM case_access_log WHERE case_id = ? AND username = ?"
                + " AND action = 'CASELOAD_READ'", Long.class, caseId, TestUsers.MEGURO_WORKER)).isPositive();
        // typed in full-width, as a Japanese keyboard often gives it
        browser.get("/cases");
        browser.type(By.id("reference"), "ＭＧ－ＰＧ－" + tag);
        browser.submit(By.cssSelector("form[action='/cases/search'] button[type=submit]"));
        assertThat(browser.text(By.cssSelector("main table"))).contains(reference);

        // a worker of another organisation: the case reads as not found and is not in their caseload
        browser.loginAs(TestUsers.SETAGAYA_WORKER);
        assertThat(browser.driver().getPageSource()).doesNotContain(caseId).doesNotContain(reference);
        browser.get("/cases/" + caseId);
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("見つかりませんでした");
        assertThat(browser.driver().getPageSource()).doesNotContain(reference).doesNotContain(note);
        browser.check("case-not-found-other-organisation");
        browser.get("/cases/" + caseId + "/record");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("見つかりませんでした");

        // erasure: said in words, confirmed, and the case shows erased
        browser.loginAs(TestUsers.MEGURO_WORKER);
        browser.get("/cases/" + caseId + "/erase");
        assertThat(browser.text(By.cssSelector("main"))).contains("元に戻すことはできません", "誰にも");
        browser.type(By.id("reason"), "本人からの削除の申し出");
        browser.check("case-erase");
        long beforeErasure = events(caseId);
        // without the tick the browser does not send it
        browser.click(By.cssSelector("main form button.danger"));
        assertThat(browser.path()).isEqualTo("/cases/" + caseId + "/erase");
        assertThat(events(caseId)).isEqualTo(beforeErasure);
        browser.click(By.id("understood"));
        browser.submit(By.cssSelector("main form button.danger"));
        browser.waitUntil(d -> browser.path().startsWith("/cases/" + caseId + "?saved=erased"));
        browser.waitUntilShown(".case-timeline h3", "個人情報の消去");
        assertThat(browser.text(By.tagName("h1"))).contains("消去済み");
        assertThat(browser.text(By.cssSelector("main [role=status]"))).isEqualTo("個人情報を消去しました。");
        assertThat(browser.driver().getPageSource()).doesNotContain(reference).doesNotContain(note);
        assertThat(browser.text(By.cssSelector(".case-timeline"))).contains("入居を断られた", "地域支援者による入院中の面会");
        browser.check("case-page-erased");
        assertThat(events(caseId)).isEqualTo(beforeErasure + 1);

        // an auditor reads the case as the API lets them, with nothing to write; a caseload is a worker's
        browser.loginAs(TestUsers.AUDITOR);
        browser.get("/cases/" + caseId);
        assertThat(browser.text(By.cssSelector(".case-timeline"))).contains("個人情報の消去");
        assertThat(browser.all(By.linkText("出来事を記録する"))).isEmpty();
        browser.get("/cases");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("この操作を行う権限がありません");
    }

    private long events(String caseId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, caseId);
    }

    /** Back on the case page after a write; the page reloads itself until the read side shows the event. */
    private static void waitForTimeline(Browser browser, String caseId, String kindLabel) {
        browser.waitUntil(d -> browser.path().startsWith("/cases/" + caseId + "?saved="));
        browser.waitUntilShown(".case-timeline h3", kindLabel);
    }

    private static String facts(Browser browser) {
        return browser.text(By.cssSelector("main dl.facts"));
    }

    private static List<String> optgroups(Browser browser) {
        return browser.all(By.cssSelector("select#kind optgroup")).stream().map(g -> g.getAttribute("label")).toList();
    }
}
