package jp.nimo.command.detection;

import jp.nimo.command.CommandServiceApplication;
import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.TestDatabase;
import jp.nimo.infra.test.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;

import static jp.nimo.infra.test.TestUsers.TOKYO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The write side is stopped while detection is at work and started again: the candidate is raised
 * exactly once and every signal is attached exactly once.
 */
class DetectionRestartTest {

    private final TestDatabase database = TestDatabase.isolated();
    private final JdbcTemplate jdbc = new JdbcTemplate(
            new DriverManagerDataSource(database.url(), database.user(), database.password() == null ? "" : database.password()));

    private ServletWebServerApplicationContext start() {
        return (ServletWebServerApplicationContext) new SpringApplicationBuilder(CommandServiceApplication.class)
                .initializers(TestDatabaseInitializer.on(database))
                .run("--server.port=0");
    }

    private static void refusal(Http http, String on) {
        String caseId = http.post(TOKYO_WORKER, "/api/cases", "{\"municipality\":\"13201\"}").field("caseId");
        assertThat(http.post(TOKYO_WORKER, "/api/cases/" + caseId + "/events",
                "{\"kind\":\"RentalRefused\",\"occurredOn\":\"" + on + "\",\"reason\":\"UNKNOWN\"}").status()).isEqualTo(201);
    }

    private long count(String payloadType) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = ?", Long.class, payloadType);
    }

    @Test
    void aRestartInTheMiddleRaisesNoDuplicateAndMissesNothing() {
        ServletWebServerApplicationContext first = start();
        Http http = new Http(first.getWebServer().getPort());
        refusal(http, "2024-05-01");
        refusal(http, "2024-05-02");
        refusal(http, "2024-05-03");
        refusal(http, "2024-05-04");
        // stopped at once: detection may be anywhere in these events
        first.close();

        ServletWebServerApplicationContext second = start();
        try {
            refusal(new Http(second.getWebServer().getPort()), "2024-05-05");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> EventStoreRows.caughtUp(jdbc, DetectionConfiguration.PROCESSORS));
        } finally {
            second.close();
        }

        assertThat(count("jp.nimo.issues.IssueEvent$IssueRaised")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM detection_signal", Long.class)).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT issue_id) FROM detection_signal", Long.class)).isEqualTo(1);
        Long items = jdbc.queryForObject("SELECT sum(json_array_length((convert_from(payload, 'UTF8')::json)->'items'))"
                + " FROM domainevententry WHERE payloadtype = 'jp.nimo.issues.IssueEvent$EvidenceAttached'", Long.class);
        assertThat(items).isEqualTo(5);
    }
}
