package jp.nimo.command.access;

import jp.nimo.infra.test.AccessMatrix;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.NimoServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.web.server.LocalServerPort;

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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role (and scope) against every endpoint of the write side. Each row gives the expected status
 * per user; a case or issue is made fresh for each call so that one allowed call cannot change the next.
 */
@NimoServiceTest
@AutoConfigureMetrics // metrics, and so /actuator/prometheus, are off in tests unless asked for
class WriteSideAccessMatrixTest {

    private static final List<String> USERS = List.of(MEGURO_WORKER, SETAGAYA_WORKER, MEGURO_SECRETARIAT,
            SEINAMBU_SECRETARIAT, COUNCIL_MEMBER, OBSERVER, ANALYST, AUDITOR, ADMIN);

    @LocalServerPort
    int port;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }


    private static final AccessMatrix MATRIX = new AccessMatrix(USERS);

    private static Map<String, Integer> expect(int... statuses) {
        return MATRIX.expect(statuses);
    }

    private String meguroCase() {
        return http.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\"}").field("caseId");
    }

    private String meguroIssue() {
        return http.post(MEGURO_SECRETARIAT, "/api/issues",
                "{\"title\":\"住まい\",\"category\":\"C04\",\"municipality\":\"13110\",\"origin\":\"SURVEY\"}").field("issueId");
    }

    private final java.util.concurrent.atomic.AtomicInteger serial = new java.util.concurrent.atomic.AtomicInteger();

    private String meguroMeeting() {
        return http.post(MEGURO_SECRETARIAT, "/api/councils/council-13110/meetings",
                "{\"title\":\"第1回\",\"heldOn\":\"2024-07-10\",\"format\":\"IN_PERSON\"}").field("meetingId");
    }

    @Test
    void everyRoleAgainstEveryWriteEndpoint() {
        //                                         mg-wk setg-wk mg-sec sein-sec member observ analyst audit admin
        List<AccessMatrix.Row> rows = List.of(
                new AccessMatrix.Row("POST /api/cases (Meguro)", user -> http.post(user, "/api/cases", "{\"municipality\":\"13110\"}").status(),
                        expect(201, 403, 403, 403, 403, 403, 403, 403, 403)),
                new AccessMatrix.Row("POST /api/cases/{id}/events", user -> http.post(user, "/api/cases/" + meguroCase() + "/events",
                        "{\"kind\":\"SupportRefused\",\"occurredOn\":\"2024-05-01\",\"refusedService\":\"VISIT\"}").status(),
                        expect(201, 404, 403, 403, 403, 403, 403, 403, 403)),
                new AccessMatrix.Row("POST /api/cases/{id}/involvements", user -> http.post(user, "/api/cases/" + meguroCase() + "/involvements",
                        "{\"organisation\":\"setagaya-support-office\"}").status(),
                        expect(422, 404, 403, 403, 403, 403, 403, 403, 403)),
                new AccessMatrix.Row("POST /api/cases/{id}/erasure", user -> http.post(user, "/api/cases/" + meguroCase() + "/erasure",
                        "{\"reason\":\"本人からの請求\"}").status(),
                        expect(202, 404, 403, 403, 403, 403, 403, 403, 202)),
                new AccessMatrix.Row("POST /api/issues (Meguro)", user -> http.post(user, "/api/issues",
                        "{\"title\":\"住まい\",\"category\":\"C04\",\"municipality\":\"13110\",\"origin\":\"SURVEY\"}").status(),
                        expect(201, 403, 201, 201, 201, 403, 403, 403, 403)),
                new AccessMatrix.Row("POST /api/issues/{id}/promote", user -> http.post(user, "/api/issues/" + meguroIssue() + "/promote",
                        "{\"councilId\":\"council-13110\"}").status(),
                        expect(403, 403, 200, 403, 403, 403, 403, 403, 403)),
                new AccessMatrix.Row("POST /api/issues/{id}/dismiss", user -> http.post(user, "/api/issues/" + meguroIssue() + "/dismiss",
                        "{\"reason\":\"個別の課題\"}").status(),
                        expect(403, 403, 200, 200, 403, 403, 403, 403, 403)),
                new AccessMatrix.Row("POST /api/councils", user -> http.post(user, "/api/councils",
                        "{\"councilId\":\"council-13110-wg-" + serial.incrementAndGet() + "\",\"level\":\"MUNICIPALITY\","
                                + "\"area\":\"13110\",\"name\":\"目黒区 部会\",\"secretariat\":\"meguro-health-centre\"}").status(),
                        expect(403, 403, 403, 403, 403, 403, 403, 403, 201)),
                new AccessMatrix.Row("POST /api/councils/{id}/members", user -> http.post(user, "/api/councils/council-13110/members",
                        "{\"organisation\":\"meguro-org-" + serial.incrementAndGet() + "\",\"stakeholderType\":\"PEER\","
                                + "\"tier\":\"PRACTITIONER\",\"role\":\"MEMBER\",\"since\":\"2024-04-01\"}").status(),
                        expect(403, 403, 201, 403, 403, 403, 403, 403, 403)),
                new AccessMatrix.Row("POST /api/councils/{id}/meetings", user -> http.post(user, "/api/councils/council-13110/meetings",
                        "{\"title\":\"第1回\",\"heldOn\":\"2024-07-10\",\"format\":\"ONLINE\"}").status(),
                        expect(403, 403, 201, 403, 403, 403, 403, 403, 403)),
                new AccessMatrix.Row("POST /api/meetings/{id}/hold", user -> http.post(user, "/api/meetings/" + meguroMeeting() + "/hold",
                        "{}").status(),
                        expect(403, 403, 200, 403, 403, 403, 403, 403, 403)),
                new AccessMatrix.Row("POST /api/admin/detection-rules", user -> http.post(user, "/api/admin/detection-rules",
                        "{\"councilId\":\"council-13421\",\"minSignals\":3,\"minDistinctCases\":3,\"windowDays\":90,\"areaLevel\":\"MUNICIPALITY\"}").status(),
                        expect(403, 403, 403, 403, 403, 403, 403, 403, 200)),
                new AccessMatrix.Row("GET /api/admin/detection-rules", user -> http.get(user, "/api/admin/detection-rules").status(),
                        expect(403, 403, 403, 403, 403, 403, 403, 403, 200)),
                new AccessMatrix.Row("POST /api/admin/detection-clock/tick", user -> http.post(user, "/api/admin/detection-clock/tick", "").status(),
                        expect(403, 403, 403, 403, 403, 403, 403, 403, 202)),
                new AccessMatrix.Row("GET /actuator/prometheus", user -> http.get(user, "/actuator/prometheus").status(),
                        expect(403, 403, 403, 403, 403, 403, 403, 403, 200)));
        MATRIX.check(rows);
    }
}
