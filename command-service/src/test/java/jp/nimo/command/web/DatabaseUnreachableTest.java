package jp.nimo.command.web;

import jp.nimo.command.CommandServiceApplication;
import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.RawHttp;
import jp.nimo.infra.test.RawHttp.Answer;
import jp.nimo.infra.test.UnreachableDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static jp.nimo.infra.test.RawHttp.request;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The write side with its database behind a connection that the test cuts for real: while the
 * database cannot be reached, writes answer 503 problem+json with Retry-After (not 500), nothing is
 * stored, and once it is back the same request succeeds.
 */
class DatabaseUnreachableTest {

    private static final String RENTAL_REFUSED = "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"INCOME\"}";

    private static UnreachableDatabase database;
    private static RawHttp raw;

    @BeforeAll
    static void start() {
        database = new UnreachableDatabase(CommandServiceApplication.class);
        raw = new RawHttp(database.port());
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
    }

    private Answer post(String path, String body) {
        return raw.send(request("POST", path).basic(MEGURO_WORKER).json(body));
    }

    @Test
    void writesAre503WithRetryAfterWhileTheDatabaseIsUnreachableAndStoreNothing() {
        JdbcTemplate direct = database.direct();
        Answer opened = post("/api/cases", "{\"municipality\":\"13110\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        String caseId = opened.json().get("caseId").asText();
        long before = EventStoreRows.count(direct);

        database.cut();
        try {
            for (Answer answer : new Answer[]{post("/api/cases/" + caseId + "/events", RENTAL_REFUSED),
                    post("/api/cases", "{\"municipality\":\"13110\"}"),
                    raw.send(request("POST", "/api/cases/" + caseId + "/events").basic(MEGURO_WORKER)
                            .header("Idempotency-Key", "while-down-1").json(RENTAL_REFUSED))}) {
                assertThat(answer.status()).as(answer.text()).isEqualTo(503);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.headers()).containsKey("retry-after");
                assertThat(answer.json().get("type").asText()).endsWith("/database-unavailable");
            }
        } finally {
            database.restore();
        }
        assertThat(EventStoreRows.count(direct)).isEqualTo(before);
        assertThat(direct.queryForObject("SELECT count(*) FROM idempotency_record WHERE idempotency_key = 'while-down-1'",
                Long.class)).isZero();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> post("/api/cases/" + caseId + "/events", RENTAL_REFUSED).status() == 201);
        assertThat(EventStoreRows.countFor(direct, caseId)).isEqualTo(2);
    }
}
