package jp.nimo.command.councils;

import jp.nimo.infra.test.EventStoreRows;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.time.ZoneId;

import static jp.nimo.infra.test.TestUsers.ADMIN;
import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.OTA_SECRETARIAT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Councils and their meetings over REST and the real event store: an ADMIN designates a council for 大田区
 * (council-13111-chiiki); its secretariat seats a hospital and the welfare office, schedules a meeting on
 * two of the area's issues, records who came, holds it and takes decisions at it; a 書面開催 takes written
 * opinions by its deadline. Every refusal names its field and stores nothing.
 */
@NimoServiceTest
class CouncilResourceTest {

    static final String OTA = "council-13111-chiiki";
    private static final String TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        designated();
    }

    /** The council, designated once for the whole class; later tests find it there. */
    private void designated() {
        if (jdbc.queryForObject("SELECT count(*) FROM designated_council WHERE council_id = ?", Long.class, OTA) == 0) {
            Answer designated = http.post(ADMIN, "/api/councils", """
                    {"councilId":"council-13111-chiiki","level":"MUNICIPALITY","area":"13111",
                     "name":"大田区精神保健福祉地域移行推進協議会","nameEn":"Ota community transition council",
                     "secretariat":"ota-health-centre"}""");
            assertThat(designated.status()).isEqualTo(201);
            assertThat(designated.field("councilId")).isEqualTo(OTA);
            seat("ota-hospital", "MEDICAL", "REPRESENTATIVE", "OBSERVER");
            seat("ota-welfare-office", "WELFARE", "PRACTITIONER", "MEMBER");
            seat("ota-housing-support", "HOUSING", "PRACTITIONER", "MEMBER");
        }
    }

    private void seat(String organisation, String type, String tier, String role) {
        Answer seated = http.post(OTA_SECRETARIAT, "/api/councils/" + OTA + "/members", """
                {"organisation":"%s","stakeholderType":"%s","tier":"%s","role":"%s","since":"2024-04-01"}"""
                .formatted(organisation, type, tier, role));
        assertThat(seated.status()).as(seated.text()).isEqualTo(201);
    }

    private String raise(String title) {
        Answer raised = http.post(OTA_SECRETARIAT, "/api/issues", """
                {"title":"%s","category":"C04","municipality":"13111","origin":"PRACTITIONER_REPORT"}"""
                .formatted(title));
        assertThat(raised.status()).as(raised.text()).isEqualTo(201);
        return raised.field("issueId");
    }

    private String schedule(String body) {
        Answer scheduled = http.post(OTA_SECRETARIAT, "/api/councils/" + OTA + "/meetings", body);
        assertThat(scheduled.status()).as(scheduled.text()).isEqualTo(201);
        assertThat(scheduled.field("state")).isEqualTo("SCHEDULED");
        return scheduled.field("meetingId");
    }

    @Test
    void theCouncilsOfTheReferenceDataAreDesignatedAtStart() {
        String type = jdbc.queryForObject("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ?"
                + " AND sequencenumber = 0", String.class, "council-13110");
        assertThat(type).isEqualTo("jp.nimo.councils.CouncilEvent$CouncilDesignated");
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT aggregateidentifier) FROM domainevententry"
                + " WHERE type = 'Council' AND aggregateidentifier NOT IN (SELECT council_id FROM designated_council)",
                Long.class)).isEqualTo(76);
    }

    @Test
    void aCouncilIsDesignatedOnceByAnAdminForAKnownArea() {
        long before = EventStoreRows.count(jdbc);
        Answer again = http.post(ADMIN, "/api/councils", """
                {"councilId":"council-13111-chiiki","level":"MUNICIPALITY","area":"13111","name":"大田区","secretariat":"ota-health-centre"}""");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.field("rule")).isEqualTo("council-already-designated");
        Answer unknownArea = http.post(ADMIN, "/api/councils", """
                {"councilId":"council-99999-x","level":"MUNICIPALITY","area":"99999","name":"どこか","secretariat":"somewhere"}""");
        assertThat(unknownArea.status()).isEqualTo(400);
        assertThat(unknownArea.text()).contains("\"area\"");
        Answer badId = http.post(ADMIN, "/api/councils", """
                {"councilId":"Council 13111","level":"REGION","area":"13-ku-nambu","name":"区南部","secretariat":"x"}""");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.text()).contains("\"councilId\"");
        Answer bySecretariat = http.post(OTA_SECRETARIAT, "/api/councils", """
                {"councilId":"council-13-ku-nambu-wg","level":"REGION","area":"13-ku-nambu","name":"区南部","secretariat":"x"}""");
        assertThat(bySecretariat.status()).isEqualTo(403);
        assertThat(EventStoreRows.count(jdbc)).isEqualTo(before);
    }

    @Test
    void anObserverBecomesAMemberOnADateAndOnlyTheCouncilsSecretariatChangesItsMembers() {
        Answer becameMember = http.post(OTA_SECRETARIAT, "/api/councils/" + OTA + "/members/ota-hospital/change-role",
                """
                {"role":"MEMBER","on":"2024-10-01"}""");
        if (becameMember.status() == 422) {
            assertThat(becameMember.field("rule")).isEqualTo("role-unchanged");
        } else {
            assertThat(becameMember.status()).as(becameMember.text()).isEqualTo(200);
            assertThat(becameMember.field("role")).isEqualTo("MEMBER");
        }
        long before = EventStoreRows.countFor(jdbc, OTA);
        assertThat(http.post(MEGURO_SECRETARIAT, "/api/councils/" + OTA + "/members", """
                {"organisation":"meguro-hospital","stakeholderType":"MEDICAL","tier":"REPRESENTATIVE","role":"MEMBER","since":"2024-04-01"}""")
                .status()).isEqualTo(403);
        Answer twice = http.post(OTA_SECRETARIAT, "/api/councils/" + OTA + "/members", """
                {"organisation":"ota-welfare-office","stakeholderType":"WELFARE","tier":"PRACTITIONER","role":"MEMBER","since":"2024-05-01"}""");
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.field("rule")).isEqualTo("already-a-member");
        Answer badType = http.post(OTA_SECRETARIAT, "/api/councils/" + OTA + "/members", """
                {"organisation":"ota-police","stakeholderType":"ARMY","tier":"PRACTITIONER","role":"MEMBER","since":"2024-05-01"}""");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.text()).contains("\"stakeholderType\"");
        assertThat(http.post(OTA_SECRETARIAT, "/api/councils/council-nowhere/members", """
                {"organisation":"ota-police","stakeholderType":"POLICE","tier":"PRACTITIONER","role":"MEMBER","since":"2024-05-01"}""")
                .status()).isEqualTo(404);
        assertThat(EventStoreRows.countFor(jdbc, OTA)).isEqualTo(before);
    }

    @Test
    void aMeetingOnTwoIssuesIsAttendedHeldAndTakesTheirDecisions() {
        String housing = raise("大田区で精神障害を理由とした入居拒否が続いている");
        String discharge = raise("大田区で退院後の支援につながらない事例がある");
        String meeting = schedule("""
                {"title":"令和6年度 第1回","heldOn":"%s","format":"IN_PERSON",
                 "agenda":[{"issueId":"%s","ask":"PROMOTE"},{"issueId":"%s","ask":"PROMOTE"}]}"""
                .formatted(TODAY, housing, discharge));

        Answer notAMember = http.post(OTA_SECRETARIAT, "/api/meetings/" + meeting + "/record-attendance", """
                {"attendees":[{"organisation":"meguro-hospital","count":1}]}""");
        assertThat(notAMember.status()).isEqualTo(400);
        assertThat(notAMember.text()).contains("attendees[0].organisation");
        Answer attended = http.post(OTA_SECRETARIAT, "/api/meetings/" + meeting + "/record-attendance", """
                {"attendees":[{"organisation":"ota-hospital","count":2},{"organisation":"ota-welfare-office","count":1}]}""");
        assertThat(attended.status()).as(attended.text()).isEqualTo(200);
        Answer early = http.post(OTA_SECRETARIAT, "/api/meetings/" + meeting + "/record-minutes", """
                {"summary":"住まいと退院後支援の二つの課題を取り上げた"}""");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.field("currentState")).isEqualTo("SCHEDULED");
        Answer held = http.post(OTA_SECRETARIAT, "/api/meetings/" + meeting + "/hold", "{}");
        assertThat(held.status()).as(held.text()).isEqualTo(200);
        assertThat(held.field("state")).isEqualTo("HELD");
        assertThat(http.post(OTA_SECRETARIAT, "/api/meetings/" + meeting + "/record-minutes", """
                {"summary":"住まいと退院後支援の二つの課題を取り上げた"}""").status()).isEqualTo(200);

        for (String issue : new String[] {housing, discharge}) {
            Answer promoted = http.post(OTA_SECRETARIAT, "/api/issues/" + issue + "/promote", """
                    {"councilId":"%s","meetingId":"%s","reason":"協議の場で取り上げることに合意"}""".formatted(OTA, meeting));
            assertThat(promoted.status()).as(promoted.text()).isEqualTo(200);
            assertThat(promoted.field("state")).isEqualTo("PROMOTED");
        }
        String decision = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND payloadtype LIKE '%IssuePromoted'", String.class, housing);
        assertThat(decision).contains("\"meetingId\":\"" + meeting + "\"", "\"councilId\":\"" + OTA + "\"",
                "\"heldOn\":\"" + TODAY + "\"", "\"title\":\"令和6年度 第1回\"");

        Answer cancelHeld = http.post(OTA_SECRETARIAT, "/api/meetings/" + meeting + "/cancel", """
                {"reason":"台風"}""");
        assertThat(cancelHeld.status()).isEqualTo(409);
    }

    @Test
    void aDecisionNamesAMeetingOfItsOwnCouncilThatWasNotCancelled() {
        String issue = raise("大田区で地域移行支援の利用が少ない");
        String cancelled = schedule("""
                {"title":"令和6年度 臨時","heldOn":"%s","format":"ONLINE","agenda":[]}""".formatted(TODAY));
        assertThat(http.post(OTA_SECRETARIAT, "/api/meetings/" + cancelled + "/cancel", """
                {"reason":"定足数に満たないため延期"}""").status()).isEqualTo(200);
        long before = EventStoreRows.countFor(jdbc, issue);
        Answer atCancelled = http.post(OTA_SECRETARIAT, "/api/issues/" + issue + "/promote", """
                {"councilId":"%s","meetingId":"%s"}""".formatted(OTA, cancelled));
        assertThat(atCancelled.status()).isEqualTo(400);
        assertThat(atCancelled.text()).contains("\"meetingId\"", "cancelled");
        Answer unknown = http.post(OTA_SECRETARIAT, "/api/issues/" + issue + "/promote", """
                {"councilId":"%s","meetingId":"00000000-0000-4000-8000-000000000000"}""".formatted(OTA));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text()).contains("is not a known meeting");
        Answer both = http.post(OTA_SECRETARIAT, "/api/issues/" + issue + "/promote", """
                {"councilId":"%s","meetingId":"%s","meeting":{"title":"x","heldOn":"2024-07-10","format":"ONLINE"}}"""
                .formatted(OTA, cancelled));
        assertThat(both.status()).isEqualTo(400);
        String later = schedule("""
                {"title":"令和9年度 第1回","heldOn":"2099-07-10","format":"IN_PERSON","agenda":[]}""");
        Answer future = http.post(OTA_SECRETARIAT, "/api/issues/" + issue + "/promote", """
                {"councilId":"%s","meetingId":"%s"}""".formatted(OTA, later));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.text()).contains("a decision is recorded after its meeting");
        assertThat(EventStoreRows.countFor(jdbc, issue)).isEqualTo(before);
    }

    @Test
    void anAgendaHoldsOnlyTheCouncilsIssuesAndOnlyItsSecretariatRunsIt() {
        Answer meguros = http.post(MEGURO_SECRETARIAT, "/api/issues", """
                {"title":"目黒区の住まい","category":"C04","municipality":"13110","origin":"PRACTITIONER_REPORT"}""");
        Answer scheduled = http.post(OTA_SECRETARIAT, "/api/councils/" + OTA + "/meetings", """
                {"title":"第2回","heldOn":"2024-09-10","format":"IN_PERSON","agenda":[{"issueId":"%s","ask":"PROMOTE"}]}"""
                .formatted(meguros.field("issueId")));
        assertThat(scheduled.status()).isEqualTo(400);
        assertThat(scheduled.text()).contains("agenda[0].issueId");
        String meeting = schedule("""
                {"title":"第2回","heldOn":"2024-09-10","format":"IN_PERSON","agenda":[]}""");
        assertThat(http.post(MEGURO_SECRETARIAT, "/api/meetings/" + meeting + "/hold", "{}").status()).isEqualTo(403);
        assertThat(http.post(MEGURO_SECRETARIAT, "/api/councils/" + OTA + "/meetings", """
                {"title":"第3回","heldOn":"2024-09-10","format":"IN_PERSON"}""").status()).isEqualTo(403);
        assertThat(http.post(OTA_SECRETARIAT, "/api/meetings/" + meeting + "/adjourn", "{}").status()).isEqualTo(404);
        Answer futureCutOff = http.post(OTA_SECRETARIAT, "/api/meetings/" + meeting + "/issue-pack", """
                {"cutOff":"2099-01-01T00:00:00+09:00"}""");
        assertThat(futureCutOff.status()).isEqualTo(400);
        assertThat(futureCutOff.text()).contains("\"cutOff\"");
    }

    @Test
    void aWrittenProcedureTakesOpinionsByItsDeadlineAndNoAttendance() {
        Answer noDeadline = http.post(OTA_SECRETARIAT, "/api/councils/" + OTA + "/meetings", """
                {"title":"書面開催","heldOn":"2024-07-10","format":"WRITTEN"}""");
        assertThat(noDeadline.status()).isEqualTo(422);
        assertThat(noDeadline.field("field")).isEqualTo("opinionsDue");
        String written = schedule("""
                {"title":"令和6年度 書面開催","heldOn":"2024-07-10","format":"WRITTEN","opinionsDue":"2024-07-05"}""");
        Answer opinion = http.post(OTA_SECRETARIAT, "/api/meetings/" + written + "/record-opinion", """
                {"organisation":"ota-welfare-office","opinion":"議案のとおり進めることに異議ありません。","receivedOn":"2024-07-04"}""");
        assertThat(opinion.status()).as(opinion.text()).isEqualTo(200);
        Answer late = http.post(OTA_SECRETARIAT, "/api/meetings/" + written + "/record-opinion", """
                {"organisation":"ota-housing-support","opinion":"賛成します。","receivedOn":"2024-07-06"}""");
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.field("rule")).isEqualTo("opinion-after-deadline");
        Answer attendance = http.post(OTA_SECRETARIAT, "/api/meetings/" + written + "/record-attendance", """
                {"attendees":[{"organisation":"ota-hospital","count":1}]}""");
        assertThat(attendance.status()).isEqualTo(422);
        assertThat(attendance.field("rule")).isEqualTo("written-meeting-has-no-attendance");
        String issue = raise("大田区で家族の相談先が分からない事例がある");
        Answer decided = http.post(OTA_SECRETARIAT, "/api/issues/" + issue + "/promote", """
                {"councilId":"%s","meetingId":"%s"}""".formatted(OTA, written));
        assertThat(decided.status()).as(decided.text()).isEqualTo(200);
        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry"
                + " WHERE aggregateidentifier = ? AND payloadtype LIKE '%IssuePromoted'", String.class, issue);
        assertThat(payload).contains("\"heldOn\":\"2024-07-05\"", "\"format\":\"WRITTEN\"");
    }
}
