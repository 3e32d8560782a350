package jp.nimo.projection.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.projection.SessionClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The frame every page shares: the log-in form, the navigation a role allows, the language switch, the headers. */
class PageFrameTest extends BrowserTest {

    @Test
    void theLogInFormSpeaksJapaneseAndSaysWhenThePasswordIsWrong() {
        Browser browser = browser();
        browser.driver().manage().deleteAllCookies();
        browser.get("/login");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Nimo にログイン");
        assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
        browser.check("login");

        browser.loginAs(TestUsers.MEGURO_WORKER, "not-the-password");
        assertThat(browser.path()).startsWith("/login?error");
        assertThat(browser.text(By.cssSelector("[role=alert]"))).isEqualTo("ユーザー名またはパスワードが違います。");
        browser.check("login-error");
    }

    @Test
    void aPersonSeesOnlyTheNavigationTheirRoleAllowsAndCanSwitchToEnglish() {
        Browser browser = browser();
        browser.loginAs(TestUsers.MEGURO_WORKER);
        browser.get("/account");
        assertThat(navigation(browser)).containsExactly("担当ケース");
        assertThat(browser.text(By.cssSelector(".who"))).contains(TestUsers.MEGURO_WORKER).contains("支援者");

        browser.click(By.linkText("English"));
        browser.waitFor(By.cssSelector("html[lang=en]"));
        assertThat(navigation(browser)).containsExactly("Caseload");
        // the choice is kept for the next page
        browser.get("/account");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Account");
        browser.click(By.linkText("日本語"));
        browser.waitFor(By.cssSelector("html[lang=ja]"));

        browser.loginAs(TestUsers.ANALYST);
        browser.get("/account");
        assertThat(navigation(browser)).containsExactly("地域課題ボード", "協議の場", "指標", "検出ルールの試算", "効果検証");
        browser.check("account-analyst");
        browser.logout();
        assertThat(browser.text(By.cssSelector("[role=status]"))).isEqualTo("ログアウトしました。");
    }

    @Test
    void everyPageAnswerForbidsFramingSniffingInlineScriptAndOutsideReferrers() {
        SessionClient person = new SessionClient(port);
        person.login(TestUsers.SEINAMBU_SECRETARIAT, TestUsers.PASSWORD);
        HttpResponse<String> page = person.get("/account", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("onclick=");

        // the script and the WebJars load without a session (the log-in form uses them) and may be cached
        HttpResponse<String> script = new SessionClient(port).get("/webjars/htmx.org/dist/htmx.min.js", "*/*");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(new SessionClient(port).get("/webjars/chart.js/dist/chart.umd.min.js", "*/*").statusCode()).isEqualTo(200);
    }

    @Test
    void anAddressThatLeadsNowhereIsAPageForAPersonAndAProblemForAProgram() {
        SessionClient person = new SessionClient(port);
        person.login(TestUsers.ANALYST, TestUsers.PASSWORD);
        HttpResponse<String> page = person.get("/no-such-page", "text/html");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("見つかりませんでした").contains("地域課題ボード");

        HttpResponse<String> api = person.get("/api/no-such-thing", "application/json");
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void aPersonMakesATokenForTheirScriptSeesItOnceAndRevokesIt() throws Exception {
        Browser browser = browser();
        browser.loginAs(TestUsers.SETAGAYA_WORKER);
        browser.get("/account");
        browser.type(By.id("token-name"), "ケース記録の取り込み");
        browser.click(By.cssSelector("form[action='/write/api/tokens'] button[type=submit]"));
        WebElement secret = browser.find(By.id("token-secret"));
        String token = secret.getDomProperty("value");
        assertThat(token).startsWith("nimo_");
        browser.check("account-token-made");

        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest withToken = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/api/reference/categories"))
                .header("Authorization", "Bearer " + token).build();
        assertThat(client.send(withToken, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        browser.click(By.linkText("控えたので一覧に戻る"));
        browser.waitFor(By.xpath("//td[text()='ケース記録の取り込み']"));
        browser.check("account-tokens");
        browser.click(By.cssSelector("button[aria-label='トークン「ケース記録の取り込み」を無効にする']"));
        browser.driver().switchTo().alert().accept();
        browser.waitUntil(d -> d.findElements(By.xpath("//td[text()='ケース記録の取り込み']")).isEmpty());
        assertThat(client.send(withToken, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    private static java.util.List<String> navigation(Browser browser) {
        return browser.all(By.cssSelector("header nav a")).stream().map(WebElement::getText).toList();
    }
}
