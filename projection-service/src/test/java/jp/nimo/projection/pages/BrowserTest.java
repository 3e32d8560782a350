package jp.nimo.projection.pages;

import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.projection.WriteSide;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The read side on a random port with the real write side behind its proxy route, both on the test
 * database, and one browser per test class.
 */
@NimoServiceTest
@Tag("browser") // ./nimo test runs these once, on the embedded database, not again on the external one
public abstract class BrowserTest {

    private static Browser browser;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void writeSide(DynamicPropertyRegistry registry) {
        registry.add("nimo.write-url", () -> "http://127.0.0.1:" + WriteSide.port());
    }

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = Browser.open(port);
        }
    }

    protected Browser browser() {
        return browser;
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
