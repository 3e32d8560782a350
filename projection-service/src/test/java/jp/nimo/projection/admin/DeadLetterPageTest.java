package jp.nimo.projection.admin;

import static jp.nimo.infra.test.TestUsers.ADMIN;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.projection.WriteSide;
import jp.nimo.projection.pages.Browser;
import jp.nimo.projection.pages.BrowserTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The dead-letter page with letters in it: the test-only poisonable projection parks a case's events, the
 * operator sees them without their content and, once the cause is gone, retries them from the page.
 */
@ActiveProfiles(DeadLetterTest.PROFILE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeadLetterPageTest extends BrowserTest {

    private final Http write = WriteSide.http();

    @AfterEach
    void cure() {
        PoisonableProjection.POISONED_CASES.clear();
    }

    @Test
    void theOperatorSeesTheParkedEventsAndRetriesThemOnceTheCauseIsGone() {
        Answer opened = write.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\",\"externalRef\":\"MG-DLQ-PAGE\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        String caseId = opened.field("caseId");
        PoisonableProjection.POISONED_CASES.add(caseId);
        Answer recorded = write.post(MEGURO_WORKER, "/api/cases/" + caseId + "/events",
                "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"PREJUDICE\",\"note\":\"管理会社に断られた\"}");
        assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
        Http read = new Http(port);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> read.get(ADMIN,
                "/api/admin/dead-letters?processor=" + PoisonableProjection.NAME).json().get("total").asLong() == 1);

        Browser browser = browser();
        browser.loginAs(ADMIN);
        browser.get("/admin/dead-letters");
        String queue = browser.text(By.cssSelector("section[data-processor='" + PoisonableProjection.NAME + "']"));
        assertThat(queue).contains("poisonable（1件）").contains("CaseEventRecorded").contains(caseId)
                .contains("division by zero").doesNotContain("管理会社");
        assertThat(browser.all(By.cssSelector("[data-none]"))).isEmpty();
        browser.check("admin-dead-letters-parked");

        PoisonableProjection.POISONED_CASES.remove(caseId);
        browser.submit(By.id("retry-" + PoisonableProjection.NAME));
        assertThat(browser.text(By.cssSelector("[data-retried]"))).isEqualTo("poisonableの再試行：1件を処理し、0件が残っています。");
        assertThat(browser.all(By.cssSelector("section[data-processor='" + PoisonableProjection.NAME + "']"))).isEmpty();
        browser.check("admin-dead-letters-retried");
    }
}
