package jp.nimo.projection.access;

import jp.nimo.infra.test.AccessMatrix;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.projection.WriteSide;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static jp.nimo.infra.test.TestUsers.ADMIN;
import static jp.nimo.infra.test.TestUsers.ANALYST;
import static jp.nimo.infra.test.TestUsers.AUDITOR;
import static jp.nimo.infra.test.TestUsers.COUNCIL_MEMBER;
import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static jp.nimo.infra.test.TestUsers.OBSERVER;
import static jp.nimo.infra.test.TestUsers.SEINAMBU_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.SETAGAYA_WORKER;
import static jp.nimo.infra.test.TestUsers.TOKYO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every role (and scope) against every endpoint of the read side, and 401 without credentials. */
@NimoServiceTest
@AutoConfigureMetrics // metrics, and so /actuator/prometheus, are off in tests unless asked for
class ReadSideAccessMatrixTest {

    private static final List<String> USERS = List.of(MEGURO_WORKER, SETAGAYA_WORKER, MEGURO_SECRETARIAT,
            SEINAMBU_SECRETARIAT, COUNCIL_MEMBER, OBSERVER, ANALYST, AUDITOR, ADMIN);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;


    private static final AccessMatrix MATRIX = new AccessMatrix(USERS);

    private static Map<String, Integer> expect(int... statuses) {
        return MATRIX.expect(statuses);
    }

    @Test
    void everyRoleAgainstEveryReadEndpoint() {
        Http read = new Http(port);
        Http write = WriteSide.http();
        String caseId = write.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\"}").field("caseId");
        String issueId = write.post(MEGURO_SECRETARIAT, "/api/issues",
                "{\"title\":\"住まい\",\"category\":\"C04\",\"municipality\":\"13110\",\"origin\":\"SURVEY\"}").field("issueId");
        String hachiojiIssue = write.post(TOKYO_WORKER, "/api/issues",
                "{\"title\":\"アウトリーチ\",\"category\":\"C06\",\"municipality\":\"13201\",\"origin\":\"SURVEY\"}").field("issueId");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM case_file WHERE case_id = ?", Long.class, caseId) == 1
                        && read.get(AUDITOR, "/api/issues/" + issueId).status() == 200
                        && read.get(AUDITOR, "/api/issues/" + hachiojiIssue).status() == 200);
        String evaluation = "{\"indicator\":\"RENTAL_REFUSALS\",\"area\":\"13110\",\"interventionOn\":\"2024-04-01\","
                + "\"monthsBefore\":6,\"monthsAfter\":6,\"comparisonAreas\":[\"13112\"]}";
        // a head as exported by an auditor, for the roles to present back
        String head = read.get(AUDITOR, "/api/audit/head").text();
        String whatIf = "{\"rule\":{\"category\":\"C04\",\"minSignals\":2,\"minDistinctCases\":2,\"windowDays\":90,"
                + "\"areaLevel\":\"MUNICIPALITY\"},\"from\":\"2024-01-01\",\"to\":\"2024-12-31\"}";

        //                                           mg-wk setg-wk mg-sec sein-sec member observ analyst audit admin
        List<AccessMatrix.Row> rows = List.of(
                new AccessMatrix.Row("GET /api/reference/event-kinds", u -> read.get(u, "/api/reference/event-kinds").status(),
                        expect(200, 200, 200, 200, 200, 200, 200, 200, 200)),
                new AccessMatrix.Row("GET /api/cases/{id}/timeline", u -> read.get(u, "/api/cases/" + caseId + "/timeline").status(),
                        expect(200, 404, 403, 403, 403, 403, 403, 200, 403)),
                new AccessMatrix.Row("GET /api/audit/access-log", u -> read.get(u, "/api/audit/access-log").status(),
                        expect(403, 403, 403, 403, 403, 403, 403, 200, 403)),
                new AccessMatrix.Row("GET /api/audit/verify", u -> read.get(u, "/api/audit/verify").status(),
                        expect(403, 403, 403, 403, 403, 403, 403, 200, 200)),
                new AccessMatrix.Row("GET /api/audit/head", u -> read.get(u, "/api/audit/head").status(),
                        expect(403, 403, 403, 403, 403, 403, 403, 200, 200)),
                new AccessMatrix.Row("POST /api/audit/head/verify", u -> read.post(u, "/api/audit/head/verify", head).status(),
                        expect(403, 403, 403, 403, 403, 403, 403, 200, 200)),
                new AccessMatrix.Row("GET /api/issues", u -> read.get(u, "/api/issues").status(),
                        expect(403, 403, 200, 200, 200, 200, 200, 200, 403)),
                new AccessMatrix.Row("GET /api/issues/{id} (Meguro)", u -> read.get(u, "/api/issues/" + issueId).status(),
                        expect(403, 403, 200, 200, 200, 200, 200, 200, 403)),
                new AccessMatrix.Row("GET /api/issues/{id} (Hachioji)", u -> read.get(u, "/api/issues/" + hachiojiIssue).status(),
                        expect(403, 403, 404, 404, 404, 404, 200, 200, 403)),
                new AccessMatrix.Row("GET /api/issues/{id}/timeline (Meguro)", u -> read.get(u, "/api/issues/" + issueId + "/timeline").status(),
                        expect(403, 403, 200, 200, 200, 200, 200, 200, 403)),
                new AccessMatrix.Row("GET /api/issues/{id}/targets (Hachioji)", u -> read.get(u, "/api/issues/" + hachiojiIssue + "/targets").status(),
                        expect(403, 403, 404, 404, 404, 404, 200, 200, 403)),
                new AccessMatrix.Row("GET /api/indicators", u -> read.get(u, "/api/indicators?indicator=RENTAL_REFUSALS&municipality=13110").status(),
                        expect(403, 403, 200, 200, 200, 200, 200, 200, 403)),
                new AccessMatrix.Row("GET /api/councils", u -> read.get(u, "/api/councils").status(),
                        expect(403, 403, 200, 200, 200, 200, 200, 200, 403)),
                new AccessMatrix.Row("GET /api/meetings/{id} (none such)", u -> read.get(u, "/api/meetings/"
                                + "5f0c7d2e-3b1a-4c6e-9f1d-2a7b8c9d0e1f").status(),
                        expect(403, 403, 404, 404, 404, 404, 404, 404, 403)),
                new AccessMatrix.Row("POST /api/analytics/what-if", u -> read.post(u, "/api/analytics/what-if", whatIf).status(),
                        expect(403, 403, 200, 200, 200, 200, 200, 200, 403)),
                new AccessMatrix.Row("POST /api/analytics/evaluations", u -> read.post(u, "/api/analytics/evaluations", evaluation).status(),
                        expect(403, 403, 200, 200, 200, 200, 200, 200, 403)),
                new AccessMatrix.Row("GET /api/admin/projections", u -> read.get(u, "/api/admin/projections").status(),
                        expect(403, 403, 403, 403, 403, 403, 403, 403, 200)),
                new AccessMatrix.Row("GET /api/admin/reconciliation", u -> read.get(u, "/api/admin/reconciliation").status(),
                        expect(403, 403, 403, 403, 403, 403, 403, 403, 200)),
                new AccessMatrix.Row("GET /api/admin/dead-letters", u -> read.get(u, "/api/admin/dead-letters").status(),
                        expect(403, 403, 403, 403, 403, 403, 403, 403, 200)),
                new AccessMatrix.Row("GET /actuator/prometheus", u -> read.get(u, "/actuator/prometheus").status(),
                        expect(403, 403, 403, 403, 403, 403, 403, 403, 200)));
        MATRIX.check(rows);
        // what is never allowed is refused without touching anything: rebuilds for non-admins, break-glass for non-workers
        for (String user : USERS.subList(0, 8)) {
            assertThat(read.post(user, "/api/admin/projections/case-timeline/rebuild", "{}").status()).as(user).isEqualTo(403);
        }
        for (String user : USERS.subList(2, 9)) {
            assertThat(read.post(user, "/api/cases/" + caseId + "/break-glass", "{\"reason\":\"緊急の確認が必要なため\"}").status())
                    .as(user).isEqualTo(403);
        }
    }
}
