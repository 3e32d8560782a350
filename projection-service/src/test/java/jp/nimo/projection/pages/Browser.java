package jp.nimo.projection.pages;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.nimo.infra.test.TestUsers;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person at Debian's headless Chromium, driven by Selenium: logs in through the form, opens pages,
 * fills them in, saves a screenshot of each page under {@code target/screenshots/} and checks each with
 * axe-core for serious or critical accessibility violations. Without Chromium the tests fail and say how
 * to install it: a browser test that skips itself tests nothing.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("NIMO_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("NIMO_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path AXE = Path.of("src/test/browser/node_modules/axe-core/axe.min.js");
    static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 900;

    private final ChromeDriver driver;
    private final String base;
    private final WebDriverWait wait;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    public static Browser open(int port) {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the page tests need Debian's Chromium and its driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): ./nimo test installs them, or apt-get install chromium chromium-driver fonts-ipaexfont-gothic");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + WIDTH + "," + HEIGHT, "--lang=ja-JP", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-features=Translate,OptimizationHints,MediaRouter", "--hide-scrollbars");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "ja-JP,ja"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                // the browser of a person in Japan: its own words (a date input's 年/月/日) follow the environment's
                // locale, not --lang, and need Debian's chromium-l10n
                .withEnvironment(Map.of("LANG", "ja_JP.UTF-8", "LANGUAGE", "ja", "TZ", "Asia/Tokyo")).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return new Browser(driver, "http://localhost:" + port);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void get(String path) {
        driver.get(base + path);
        waitUntilReady();
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url.startsWith(base) ? url.substring(base.length()) : url;
    }

    public void loginAs(String user) {
        loginAs(user, TestUsers.PASSWORD);
    }

    public void loginAs(String user, String password) {
        driver.manage().deleteAllCookies();
        get("/login");
        type(By.id("username"), user);
        type(By.id("password"), password);
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        wait.until(d -> !path().startsWith("/login") || !d.findElements(By.cssSelector("[role=alert]")).isEmpty());
        waitUntilReady();
    }

    public void logout() {
        driver.findElement(By.cssSelector("form[action='/logout'] button")).click();
        wait.until(d -> path().startsWith("/login"));
    }

    public WebElement find(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public String text(By by) {
        return find(by).getText();
    }

    public void type(By by, String text) {
        WebElement element = find(by);
        element.clear();
        element.sendKeys(text);
    }

    /** A date input takes the date as the person's keyboard would give it; set through the DOM to stay locale-proof. */
    public void date(By by, String isoDate) {
        WebElement element = find(by);
        ((JavascriptExecutor) driver).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                element, isoDate);
    }

    public void choose(By by, String value) {
        new Select(find(by)).selectByValue(value);
    }

    public void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** Submits the form a button belongs to and waits for the page to change or to show its answer. */
    public void submit(By button) {
        String before = driver.getCurrentUrl();
        click(button);
        wait.until(d -> !d.getCurrentUrl().equals(before)
                || !d.findElements(By.cssSelector("[data-form-status].notice:not(:empty)[role=alert]")).isEmpty());
        waitUntilReady();
    }

    public void waitFor(By by) {
        wait.until(ExpectedConditions.presenceOfElementLocated(by));
    }

    public void waitUntil(java.util.function.Function<ChromeDriver, Boolean> condition) {
        wait.until(d -> condition.apply(driver));
    }

    /**
     * Waits until an element matching the selector shows the text. The page may reload itself meanwhile
     * (the case page does, until the read side has the event), so the check runs as one script inside
     * the page rather than through element handles that a reload leaves behind.
     */
    public void waitUntilShown(String css, String text) {
        wait.until(d -> {
            try {
                return Boolean.TRUE.equals(driver.executeScript(
                        "return Array.from(document.querySelectorAll(arguments[0]))"
                                + ".some(e => e.innerText.includes(arguments[1]))", css, text));
            } catch (org.openqa.selenium.WebDriverException reloading) {
                return false;
            }
        });
    }

    private void waitUntilReady() {
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** The whole page as a PNG under target/screenshots/NAME.png (the window grows to the page's height for it). */
    public Path screenshot(String name) {
        JavascriptExecutor js = driver;
        long height = ((Number) js.executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")).longValue();
        driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(Math.max(height + 40, HEIGHT), 6000)));
        try {
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        }
    }

    /** Saves the screenshot and fails on any serious or critical axe-core violation of the page as it stands. */
    public void check(String name) {
        screenshot(name);
        assertAccessible(name);
    }

    @SuppressWarnings("unchecked")
    public void assertAccessible(String name) {
        String axe;
        try {
            axe = Files.readString(AXE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            fail("axe-core is missing at " + AXE.toAbsolutePath() + ": the build installs it (npm ci in src/test/browser)");
            return;
        }
        driver.executeScript(axe);
        Object result = driver.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(function (r) {
                  done(JSON.stringify(r.violations.filter(function (v) {
                    return v.impact === 'serious' || v.impact === 'critical';
                  }).map(function (v) {
                    return {id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(' ') + ' ' + n.failureSummary; })};
                  })));
                }).catch(function (e) { done('error: ' + e); });
                """);
        String answer = String.valueOf(result);
        if (answer.startsWith("error:")) {
            fail("axe-core could not check " + name + ": " + answer);
        }
        List<Map<String, Object>> violations = JsonMapper.builder().build().readValue(answer, List.class);
        assertTrue(violations.isEmpty(), "accessibility violations on " + name + " (" + path() + "): " + violations);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
