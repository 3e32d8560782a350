package jp.nimo.command.cases;

import jp.nimo.cases.SupportCase;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.NimoServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/** A long case is snapshotted, and the rules still see everything that came before the snapshot. */
@NimoServiceTest
class SupportCaseSnapshotTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aLongCaseIsSnapshottedAndKeepsItsConsentsAndStays() {
        Http http = new Http(port);
        String caseId = http.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\"}").field("caseId");
        String events = "/api/cases/" + caseId + "/events";
        assertThat(http.post(MEGURO_WORKER, events,
                "{\"kind\":\"ConsentGranted\",\"occurredOn\":\"2023-04-01\",\"purpose\":\"VISIT\",\"grantedBy\":\"PERSON\"}").status()).isEqualTo(201);
        assertThat(http.post(MEGURO_WORKER, events,
                "{\"kind\":\"Admitted\",\"occurredOn\":\"2023-04-02\",\"admissionType\":\"MEDICAL_PROTECTION\"}").status()).isEqualTo(201);
        for (int i = 0; i < SupportCase.SNAPSHOT_EVERY; i++) {
            assertThat(http.post(MEGURO_WORKER, events, """
                    {"kind":"OutreachVisitConducted","occurredOn":"2023-05-01","visitorProfessions":["PUBLIC_HEALTH_NURSE"],"contactMade":false}""")
                    .status()).isEqualTo(201);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?",
                Long.class, caseId)).isPositive();

        // loaded from the snapshot: the consent and the open stay are still known
        assertThat(http.post(MEGURO_WORKER, events, """
                {"kind":"InpatientVisitedByCommunitySupporter","occurredOn":"2023-06-01","visitorRoles":["PUBLIC_HEALTH_NURSE"],"metPerson":true}""")
                .status()).isEqualTo(201);
        assertThat(http.post(MEGURO_WORKER, events,
                "{\"kind\":\"Discharged\",\"occurredOn\":\"2023-07-01\",\"destination\":\"HOME\"}").json().get("sequence").asLong())
                .isEqualTo(SupportCase.SNAPSHOT_EVERY + 4);
        assertThat(http.post(MEGURO_WORKER, events,
                "{\"kind\":\"Discharged\",\"occurredOn\":\"2023-07-02\",\"destination\":\"HOME\"}").status()).isEqualTo(422);
    }
}
