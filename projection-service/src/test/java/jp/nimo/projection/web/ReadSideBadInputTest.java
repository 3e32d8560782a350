package jp.nimo.projection.web;

import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.RawHttp;
import jp.nimo.infra.test.RawHttp.Answer;
import jp.nimo.projection.WriteSide;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static jp.nimo.infra.test.RawHttp.refused;
import static jp.nimo.infra.test.RawHttp.request;
import static jp.nimo.infra.test.TestUsers.ANALYST;
import static jp.nimo.infra.test.TestUsers.AUDITOR;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input on the read side: a case id that is no case id is still a denied attempt written to the
 * access log, and every refusal, Tomcat's and the firewall's included, is problem+json.
 */
@NimoServiceTest
class ReadSideBadInputTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private RawHttp raw;
    private long logBefore;
    private long grantsBefore;

    @BeforeEach
    void setUp() {
        raw = new RawHttp(port);
        logBefore = accessLogRows();
        grantsBefore = jdbc.queryForObject("SELECT count(*) FROM break_glass_grant", Long.class);
    }

    private long accessLogRows() {
        return jdbc.queryForObject("SELECT count(*) FROM case_access_log", Long.class);
    }

    /** The newest access-log line: a DENIED, flagged attempt on the case id "malformed". */
    private Map<String, Object> deniedMalformedAttemptLogged(String user, String action) {
        assertThat(accessLogRows()).isEqualTo(logBefore + 1);
        Map<String, Object> line = jdbc.queryForMap("SELECT username, case_id, action, basis, reason, flagged"
                + " FROM case_access_log ORDER BY id DESC LIMIT 1");
        assertThat(line).containsEntry("username", user).containsEntry("case_id", "malformed")
                .containsEntry("action", action).containsEntry("basis", "DENIED").containsEntry("flagged", true);
        return line;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-1-1-1-1", "0a1b2c3d-0000-4000-8000-0000000000000", "not-a-case", "%01%02%7F", "%E3%82%AD"})
    void aMalformedCaseIdOnTheTimelineIsNotFoundAndLogged(String id) {
        refused(raw.send(request("GET", "/api/cases/" + id + "/timeline").basic(MEGURO_WORKER)), 404, null);
        deniedMalformedAttemptLogged(MEGURO_WORKER, "TIMELINE_READ");
    }

    @Test
    void anOverlongCaseIdIsLoggedTruncatedAndEscaped() {
        String id = "%01" + "a".repeat(5000);
        refused(raw.send(request("GET", "/api/cases/" + id + "/timeline").basic(AUDITOR)), 404, null);
        String reason = (String) deniedMalformedAttemptLogged(AUDITOR, "TIMELINE_READ").get("reason");
        assertThat(reason).startsWith("requested case id: \\u0001aaa").contains("(5001 characters)").hasSizeLessThan(300);
    }

    @Test
    void aBreakGlassOnAMalformedCaseIdIsNotFoundAndLoggedWithItsReason() {
        Answer answer = raw.send(request("POST", "/api/cases/" + "b".repeat(37) + "/break-glass").basic(MEGURO_WORKER)
                .json("{\"reason\":\"救急搬送先から情報提供の依頼\"}"));
        refused(answer, 404, null);
        String reason = (String) deniedMalformedAttemptLogged(MEGURO_WORKER, "BREAK_GLASS_REQUESTED").get("reason");
        assertThat(reason).contains("b".repeat(37)).contains("救急搬送先から情報提供の依頼");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM break_glass_grant", Long.class)).isEqualTo(grantsBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%00", "%2F", "%5C"})
    void anEncodedSlashBackslashOrNulInThePathIs400(String segment) {
        refused(raw.send(request("GET", "/api/cases/abc" + segment + "def/timeline").basic(MEGURO_WORKER)
                .header("Accept", "text/html")), 400, null);
    }

    @Test
    void theWrongMethodTypeOrPathAnswersInProblemJsonToABrowserToo() {
        refused(raw.send(request("POST", "/api/reference/municipalities").basic(ANALYST).header("Accept", "text/html")
                .json("{}")), 405, null);
        refused(raw.send(request("POST", "/api/analytics/what-if").basic(ANALYST).header("Accept", "text/html")
                .body("text/plain", "rule=C04".getBytes(StandardCharsets.UTF_8))), 415, null);
        refused(raw.send(request("POST", "/api/analytics/what-if").basic(ANALYST)
                .body("*/*", "{}".getBytes(StandardCharsets.UTF_8))), 415, null);
        refused(raw.send(request("GET", "/api/nothing-here").basic(ANALYST).header("Accept", "text/html")), 404, null);
    }

    @Test
    void headersOverTheLimitAre431() {
        refused(raw.send(request("GET", "/api/reference/municipalities").basic(ANALYST)
                .header("X-Padding", "p".repeat(10_000))), 431, null);
    }

    @Test
    void aBodyOverTheLimitIs413AndDeepNestingIs400() {
        String big = "{\"category\":\"" + "x".repeat(1_100_000) + "\"}";
        refused(raw.send(request("POST", "/api/analytics/what-if").basic(ANALYST).json(big)), 413, "body");
        String nested = "{\"rule\":" + "[".repeat(40) + "]".repeat(40) + "}";
        refused(raw.send(request("POST", "/api/analytics/what-if").basic(ANALYST).json(nested)), 400, "body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "NaN", "-Infinity", "2.5"})
    void aNumberThatIsNoWholeFiniteNumberIsNamed(String value) {
        Answer answer = raw.send(request("POST", "/api/analytics/what-if").basic(ANALYST).json(
                "{\"rule\":{\"category\":\"C04\",\"minSignals\":" + value + ",\"minDistinctCases\":2,\"windowDays\":90,"
                        + "\"areaLevel\":\"MUNICIPALITY\"},\"from\":\"2024-01-01\",\"to\":\"2024-12-31\"}"));
        refused(answer, 400, "rule.minSignals");
    }

    @Test
    void anIdempotencyKeyThatIsNoPrintableAsciiIsNamedHereToo() {
        Answer answer = raw.send(request("POST", "/api/cases/" + java.util.UUID.randomUUID() + "/break-glass")
                .basic(MEGURO_WORKER).header("Idempotency-Key", "キー".getBytes(StandardCharsets.UTF_8))
                .json("{\"reason\":\"救急搬送先から情報提供の依頼\"}"));
        refused(answer, 400, "Idempotency-Key");
        assertThat(accessLogRows()).isEqualTo(logBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM break_glass_grant", Long.class)).isEqualTo(grantsBefore);
    }

    @Test
    void anUpperCaseCaseIdReadsAndLogsTheSameCase() {
        String caseId = WriteSide.http().post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\"}").field("caseId");
        await().atMost(Duration.ofSeconds(10)).until(() -> raw.send(request("GET",
                "/api/cases/" + caseId.toUpperCase(java.util.Locale.ROOT) + "/timeline").basic(MEGURO_WORKER)).status() == 200);
        assertThat(jdbc.queryForObject("SELECT case_id FROM case_access_log ORDER BY id DESC LIMIT 1", String.class))
                .isEqualTo(caseId);
    }

    @Test
    void invalidUtf8IsRefusedAsTheBody() {
        byte[] broken = "{\"reason\":\"xx\"}".getBytes(StandardCharsets.UTF_8);
        broken[11] = (byte) 0xFF;
        refused(raw.send(request("POST", "/api/cases/" + java.util.UUID.randomUUID() + "/break-glass").basic(MEGURO_WORKER)
                .body("application/json", broken)), 400, "body");
        assertThat(accessLogRows()).isEqualTo(logBefore);
    }
}
