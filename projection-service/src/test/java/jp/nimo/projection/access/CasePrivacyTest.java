package jp.nimo.projection.access;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.crypto.CaseKeys;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.projection.WriteSide;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static jp.nimo.infra.test.TestUsers.AUDITOR;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static jp.nimo.infra.test.TestUsers.SETAGAYA_WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Personal data of cases: encrypted per case, shredded on erasure, readable only by the organisations
 * involved (or on the audit and break-glass paths), and every read written to the access log.
 */
@NimoServiceTest
class CasePrivacyTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CaseKeys caseKeys;

    private Http read;
    private Http write;

    @BeforeEach
    void setUp() {
        read = new Http(port);
        write = WriteSide.http();
    }

    private String openCaseWithNote(String note) {
        String caseId = write.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\",\"externalRef\":\"MG-SECRET-7\"}")
                .field("caseId");
        assertThat(write.post(MEGURO_WORKER, "/api/cases/" + caseId + "/events",
                "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"PREJUDICE\",\"note\":\"" + note + "\"}")
                .status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM case_timeline_entry WHERE case_id = ? AND kind = 'RentalRefused'", Long.class, caseId) == 1);
        return caseId;
    }

    @Test
    void notesAreEncryptedInTheEventLogAndInTheProjection() {
        String caseId = openCaseWithNote("碑文谷の家主に断られた");
        List<String> payloads = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ?", String.class, caseId);
        assertThat(payloads).hasSize(2).noneMatch(p -> p.contains("碑文谷") || p.contains("MG-SECRET-7"));
        assertThat(jdbc.queryForList("SELECT personal::text FROM case_timeline_entry WHERE case_id = ?", String.class, caseId))
                .noneMatch(p -> p.contains("碑文谷") || p.contains("MG-SECRET-7"));
        JsonNode timeline = read.get(MEGURO_WORKER, "/api/cases/" + caseId + "/timeline").json();
        assertThat(timeline.toString()).contains("碑文谷の家主に断られた", "MG-SECRET-7");
    }

    @Test
    void anErasedCasesNotesCannotBeReadFromTheApiNorWithTheRemainingKeysWhileCountsStay() throws Exception {
        String caseId = openCaseWithNote("目黒区の不動産業者");
        // the note is sealed in the log, and the case's own key opens it: so a failure to open below means the key is gone
        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND payloadtype LIKE '%CaseEventRecorded'", String.class, caseId);
        Matcher sealed = Pattern.compile("\"note\":\"v1:([^\"]+)\"").matcher(payload);
        assertThat(sealed.find()).as(payload).isTrue();
        byte[] bytes = Base64.getDecoder().decode(sealed.group(1));
        assertThat(opens(caseKeys.key(caseId).orElseThrow(), caseId, bytes)).as("the case's own key").isTrue();
        long signals = jdbc.queryForObject("SELECT count(*) FROM case_timeline_entry WHERE case_id = ?", Long.class, caseId);
        Answer erased = write.post(MEGURO_WORKER, "/api/cases/" + caseId + "/erasure", "{\"reason\":\"本人からの削除請求\"}");
        assertThat(erased.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT erased FROM case_file WHERE case_id = ?", Boolean.class, caseId));

        JsonNode timeline = read.get(MEGURO_WORKER, "/api/cases/" + caseId + "/timeline").json();
        assertThat(timeline.get("erased").asBoolean()).isTrue();
        assertThat(timeline.toString()).doesNotContain("目黒区の不動産業者").doesNotContain("MG-SECRET-7");
        assertThat(timeline.get("entries").findValuesAsText("kind")).contains("RentalRefused", "CaseErased");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM case_timeline_entry WHERE case_id = ? AND kind <> 'CaseErased'",
                Long.class, caseId)).isEqualTo(signals);

        // the sealed note is still in the log, and no key left in the database opens it
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND payloadtype LIKE '%CaseEventRecorded'", String.class, caseId))
                .isEqualTo(payload);
        assertThat(caseKeys.key(caseId)).isEmpty();
        List<String> others = jdbc.queryForList("SELECT case_id FROM case_key WHERE wrapped_key IS NOT NULL", String.class);
        assertThat(others).isNotEmpty();
        for (String other : others) {
            SecretKey key = caseKeys.key(other).orElseThrow();
            assertThat(opens(key, caseId, bytes)).as("key of " + other).isFalse();
        }
        // and the case takes nothing more
        assertThat(write.post(MEGURO_WORKER, "/api/cases/" + caseId + "/events",
                "{\"kind\":\"SupportRefused\",\"occurredOn\":\"2024-05-02\",\"refusedService\":\"VISIT\"}").status()).isEqualTo(422);
    }

    private static boolean opens(SecretKey key, String caseId, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
            cipher.updateAAD((caseId + "/note").getBytes(StandardCharsets.UTF_8));
            cipher.doFinal(sealed, 12, sealed.length - 12);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void everyCaseReadIsInTheAccessLogWithItsBasis() {
        String caseId = openCaseWithNote("アクセス記録");
        read.get(MEGURO_WORKER, "/api/cases/" + caseId + "/timeline");
        read.get(AUDITOR, "/api/cases/" + caseId + "/timeline");
        assertThat(read.get(SETAGAYA_WORKER, "/api/cases/" + caseId + "/timeline").status()).isEqualTo(404);

        JsonNode log = read.get(AUDITOR, "/api/audit/access-log?caseId=" + caseId).json().get("entries");
        assertThat(log.findValuesAsText("username")).contains(MEGURO_WORKER, AUDITOR, SETAGAYA_WORKER);
        assertThat(log.findValuesAsText("basis")).contains("ORGANISATION_INVOLVED", "AUDIT", "DENIED");
        assertThat(read.get(MEGURO_WORKER, "/api/audit/access-log").status()).isEqualTo(403);
    }

    @Test
    void breakGlassGivesAWorkerOutsideTheCaseTimeLimitedFlaggedAccess() {
        String caseId = openCaseWithNote("緊急時");
        assertThat(read.get(SETAGAYA_WORKER, "/api/cases/" + caseId + "/timeline").status()).isEqualTo(404);
        assertThat(read.post(SETAGAYA_WORKER, "/api/cases/" + caseId + "/break-glass", "{}").status()).isEqualTo(400);
        Answer granted = read.post(SETAGAYA_WORKER, "/api/cases/" + caseId + "/break-glass",
                "{\"reason\":\"夜間の救急搬送で既往歴の確認が必要\"}");
        assertThat(granted.status()).isEqualTo(201);
        assertThat(granted.field("expiresAt")).isNotBlank();
        assertThat(read.get(SETAGAYA_WORKER, "/api/cases/" + caseId + "/timeline").status()).isEqualTo(200);

        JsonNode flagged = read.get(AUDITOR, "/api/audit/access-log?flagged=true&caseId=" + caseId).json().get("entries");
        assertThat(flagged.findValuesAsText("basis")).contains("BREAK_GLASS");
        assertThat(flagged.findValuesAsText("reason")).contains("夜間の救急搬送で既往歴の確認が必要");
    }

    @Test
    void anInvolvedOrganisationSeesAndWritesTheCaseOnceThePersonConsented() {
        String caseId = openCaseWithNote("関係機関");
        Answer refused = write.post(MEGURO_WORKER, "/api/cases/" + caseId + "/involvements",
                "{\"organisation\":\"setagaya-support-office\"}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.field("missingConsent")).isEqualTo("INTER_AGENCY_REFERRAL");
        assertThat(write.post(SETAGAYA_WORKER, "/api/cases/" + caseId + "/events",
                "{\"kind\":\"HousingSearchStarted\",\"occurredOn\":\"2024-05-03\",\"targetType\":\"GROUP_HOME\"}").status())
                .isEqualTo(404);

        write.post(MEGURO_WORKER, "/api/cases/" + caseId + "/events",
                "{\"kind\":\"ConsentGranted\",\"occurredOn\":\"2024-05-02\",\"purpose\":\"INTER_AGENCY_REFERRAL\",\"grantedBy\":\"PERSON\"}");
        assertThat(write.post(MEGURO_WORKER, "/api/cases/" + caseId + "/involvements",
                "{\"organisation\":\"setagaya-support-office\"}").status()).isEqualTo(201);
        assertThat(write.post(SETAGAYA_WORKER, "/api/cases/" + caseId + "/events",
                "{\"kind\":\"HousingSearchStarted\",\"occurredOn\":\"2024-05-03\",\"targetType\":\"GROUP_HOME\"}").status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> read.get(SETAGAYA_WORKER, "/api/cases/" + caseId + "/timeline").status() == 200);
    }
}
