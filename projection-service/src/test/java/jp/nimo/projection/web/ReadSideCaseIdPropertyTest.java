package jp.nimo.projection.web;

import jp.nimo.infra.test.RawHttp;
import jp.nimo.infra.test.RawHttp.Answer;
import jp.nimo.infra.test.IsolatedDatabaseInitializer;
import jp.nimo.projection.ProjectionServiceApplication;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;

import static jp.nimo.infra.test.RawHttp.percentEncoded;
import static jp.nimo.infra.test.RawHttp.request;
import static jp.nimo.infra.test.TestUsers.AUDITOR;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated case ids on the read side's case endpoints: whatever the path holds, the answer is a
 * problem+json 404 or 400, never a 5xx; an attempt that reached a signed-in user's check is written to
 * the access log as exactly one denied line, and no break-glass grant is stored.
 */
class ReadSideCaseIdPropertyTest {

    private static ServletWebServerApplicationContext service;
    private static RawHttp raw;
    private static JdbcTemplate jdbc;

    @BeforeContainer
    static void start() {
        service = (ServletWebServerApplicationContext) new SpringApplicationBuilder(ProjectionServiceApplication.class)
                .initializers(new IsolatedDatabaseInitializer())
                .run("--server.port=0");
        raw = new RawHttp(service.getWebServer().getPort());
        jdbc = service.getBean(JdbcTemplate.class);
    }

    @AfterContainer
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
    void anyCaseIdIsRefusedCleanlyAndADeniedAttemptIsLogged(@ForAll("caseIds") String caseId,
                                                            @ForAll boolean breakGlass, @ForAll boolean auditor) {
        long logged = count("case_access_log");
        long grants = count("break_glass_grant");
        String user = auditor && !breakGlass ? AUDITOR : MEGURO_WORKER;
        RawHttp.Request request = breakGlass
                ? request("POST", "/api/cases/" + caseId + "/break-glass").basic(user).json("{\"reason\":\"救急搬送先から情報提供の依頼\"}")
                : request("GET", "/api/cases/" + caseId + "/timeline").basic(user);
        Answer answer = raw.send(request);
        String what = (breakGlass ? "break-glass " : "timeline ") + user + " " + caseId + " -> " + answer.text();
        assertThat(answer.status()).as(what).isIn(400, 404);
        assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
        if (answer.status() == 400) {
            // refused by the server or the firewall before anyone was signed in: there is no user to log
            assertThat(answer.fields()).as(what).isNotEmpty();
            assertThat(count("case_access_log")).as(what).isEqualTo(logged);
        } else {
            assertThat(count("case_access_log")).as(what).isEqualTo(logged + 1);
            assertThat(jdbc.queryForObject("SELECT basis FROM case_access_log ORDER BY id DESC LIMIT 1", String.class))
                    .as(what).isEqualTo("DENIED");
        }
        assertThat(count("break_glass_grant")).as(what).isEqualTo(grants);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    @Provide
    Arbitrary<String> caseIds() {
        Arbitrary<String> encoded = Arbitraries.strings().all().ofMaxLength(60)
                .map(s -> percentEncoded(s.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<String> special = Arbitraries.of("%00", "%2F", "%5C", "%01", "%7F", "%0d%0a", "%E3%82%AD", "%C3%28", "%FF",
                "1-1-1-1-1", "00000000-0000-0000-0000-000000000000", "0A1B2C3D-0000-4000-8000-00000000000G", "%25",
                "%zz", ";x=1", "%2e%2e");
        Arbitrary<String> overlong = Arbitraries.integers().between(37, 4000).map(n -> "c".repeat(n));
        Arbitrary<String> uuidLike = Arbitraries.strings().withChars("0123456789abcdefABCDEF-").ofMinLength(35).ofMaxLength(37);
        return Arbitraries.oneOf(encoded, special, overlong, uuidLike);
    }
}
