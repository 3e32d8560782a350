package jp.nimo.projection.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.projection.SessionClient;
import jp.nimo.projection.WriteSide;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pages' writes cross to the write side through {@code /write/api/**}: the write side checks the
 * session and its CSRF token itself, so the read side cannot be used to write without them.
 */
@NimoServiceTest
class WriteProxyTest {

    private static final String NEW_CASE = "{\"municipality\":\"13110\",\"externalRef\":\"MG-PROXY-%s\",\"ageBand\":\"40-49\"}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void writeSide(DynamicPropertyRegistry registry) {
        registry.add("nimo.write-url", () -> "http://127.0.0.1:" + WriteSide.port());
    }

    @Test
    void aWorkerInASessionOpensACaseThroughTheReadSide() {
        SessionClient worker = new SessionClient(port);
        worker.login(TestUsers.MEGURO_WORKER, TestUsers.PASSWORD);
        HttpResponse<String> created = worker.postJson("/write/api/cases", NEW_CASE.formatted("1"), worker.csrf());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        String caseId = created.body().replaceAll(".*\"caseId\":\"([^\"]+)\".*", "$1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, caseId)).isEqualTo(1);
    }

    @Test
    void withoutTheCsrfTokenTheSessionWritesNothing() {
        SessionClient worker = new SessionClient(port);
        worker.login(TestUsers.MEGURO_WORKER, TestUsers.PASSWORD);
        long before = events();
        HttpResponse<String> refused = worker.postJson("/write/api/cases", NEW_CASE.formatted("2"), null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("csrf");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aHeaderNamingAUserIsNotAnIdentity() {
        SessionClient stranger = new SessionClient(port);
        long before = events();
        HttpResponse<String> refused = stranger.send(HttpRequest.newBuilder(stranger.uri("/write/api/cases"))
                .header("Content-Type", "application/json").header("X-Forwarded-User", TestUsers.MEGURO_WORKER)
                .header("X-Nimo-User", TestUsers.MEGURO_WORKER)
                .POST(HttpRequest.BodyPublishers.ofString(NEW_CASE.formatted("3"))));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void theWriteSideJudgesTheRoleNotTheProxy() {
        SessionClient analyst = new SessionClient(port);
        analyst.login(TestUsers.ANALYST, TestUsers.PASSWORD);
        long before = events();
        HttpResponse<String> refused = analyst.postJson("/write/api/cases", NEW_CASE.formatted("4"), analyst.csrf());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(events()).isEqualTo(before);
    }

    private long events() {
        return jp.nimo.infra.test.EventStoreRows.count(jdbc);
    }
}
