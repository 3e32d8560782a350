package jp.nimo.projection.web;

import jp.nimo.infra.test.RawHttp;
import jp.nimo.infra.test.RawHttp.Answer;
import jp.nimo.infra.test.UnreachableDatabase;
import jp.nimo.projection.ProjectionServiceApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static jp.nimo.infra.test.RawHttp.request;
import static jp.nimo.infra.test.TestUsers.ANALYST;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The read side while its database cannot be reached: 503 problem+json with Retry-After, then back to normal. */
class ReadSideDatabaseUnreachableTest {

    private static UnreachableDatabase database;
    private static RawHttp raw;

    @BeforeAll
    static void start() {
        database = new UnreachableDatabase(ProjectionServiceApplication.class);
        raw = new RawHttp(database.port());
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void readsAndBreakGlassAre503WithRetryAfterWhileTheDatabaseIsUnreachable() {
        RawHttp.Request board = request("GET", "/api/issues").basic(ANALYST);
        assertThat(raw.send(board).status()).isEqualTo(200);
        long grants = database.direct().queryForObject("SELECT count(*) FROM break_glass_grant", Long.class);

        database.cut();
        try {
            for (Answer answer : new Answer[]{raw.send(request("GET", "/api/issues").basic(ANALYST)),
                    raw.send(request("GET", "/api/cases/" + UUID.randomUUID() + "/timeline").basic(MEGURO_WORKER)),
                    raw.send(request("POST", "/api/cases/" + UUID.randomUUID() + "/break-glass").basic(MEGURO_WORKER)
                            .json("{\"reason\":\"救急搬送先から情報提供の依頼\"}"))}) {
                assertThat(answer.status()).as(answer.text()).isEqualTo(503);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.headers()).containsKey("retry-after");
            }
        } finally {
            database.restore();
        }
        assertThat(database.direct().queryForObject("SELECT count(*) FROM break_glass_grant", Long.class)).isEqualTo(grants);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> raw.send(request("GET", "/api/issues").basic(ANALYST)).status() == 200);
    }
}
