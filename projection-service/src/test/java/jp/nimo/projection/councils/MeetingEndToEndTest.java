package jp.nimo.projection.councils;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.projection.WriteSide;
import jp.nimo.projection.issueplane.issue.Secretariat;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Meguro's council from end to end over REST: members seated, a meeting scheduled with an issue on its agenda,
 * attended, deciding the issue by naming the meeting, held; its pack issued on the write side, which asks
 * the read side for the pack's hash with the secretariat's own credentials; then every read of it.
 */
@NimoServiceTest
class MeetingEndToEndTest {

    private static final String COUNCIL = "council-13110";

    @LocalServerPort
    int port;

    private Answer ok(Answer answer, int status) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        return answer;
    }

    private void seat(Http write, String organisation, String type, String tier) {
        Answer seated = write.post(MEGURO_SECRETARIAT, "/api/councils/" + COUNCIL + "/members", """
                {"organisation":"%s","stakeholderType":"%s","tier":"%s","role":"MEMBER","since":"2024-04-01"}"""
                .formatted(organisation, type, tier));
        // seated by an earlier run of this class on the same database
        assertThat(seated.status()).as(seated.text()).isIn(201, 422);
    }

    @Test
    void aMeetingDecidesItsIssueAndIsSentItsPackThroughTheWriteSide() {
        Http write = WriteSide.http();
        WriteSide.readSideAt(port);
        Http read = new Http(port);
        seat(write, "meguro-e2e-hospital", "MEDICAL", "REPRESENTATIVE");
        seat(write, "meguro-e2e-housing", "HOUSING", "PRACTITIONER");

        String issue = new Secretariat(MEGURO_SECRETARIAT).raise("単身者の入居支援（協議の場で決定）", "C04",
                "\"municipality\":\"13110\"");
        String meeting = ok(write.post(MEGURO_SECRETARIAT, "/api/councils/" + COUNCIL + "/meetings", """
                {"title":"令和6年度 第2回 目黒区協議の場","heldOn":"2024-09-12","format":"IN_PERSON",
                 "agenda":[{"issueId":"%s","ask":"PROMOTE"}]}""".formatted(issue)), 201).field("meetingId");
        ok(write.post(MEGURO_SECRETARIAT, "/api/meetings/" + meeting + "/record-attendance", """
                {"attendees":[{"organisation":"meguro-e2e-hospital","count":2},{"organisation":"meguro-e2e-housing","count":3}]}"""),
                200);
        ok(write.post(MEGURO_SECRETARIAT, "/api/issues/" + issue + "/promote", """
                {"councilId":"%s","meetingId":"%s","reason":"協議の場で取り上げることを決定"}""".formatted(COUNCIL, meeting)), 200);
        ok(write.post(MEGURO_SECRETARIAT, "/api/meetings/" + meeting + "/hold", "{}"), 200);

        JsonNode seen = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> read.get(MEGURO_SECRETARIAT, "/api/meetings/" + meeting),
                        a -> a.status() == 200 && a.json().get("state").asText().equals("HELD")
                                && a.json().get("decisions").size() == 1
                                // the issue plane, another processor, names the issues
                                && a.json().get("agenda").get(0).has("title")
                                && a.json().get("decisions").get(0).has("title")).json();
        assertThat(seen.get("decisions").get(0).get("decidedOn").asText()).isEqualTo("2024-09-12");
        assertThat(seen.get("decisions").get(0).get("state").asText()).isEqualTo("PROMOTED");
        assertThat(seen.get("agenda").get(0).get("title").asText()).isEqualTo("単身者の入居支援（協議の場で決定）");
        assertThat(seen.get("attendance").toString()).contains("MEDICAL", "HOUSING");

        Instant cutOff = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Answer issued = ok(write.post(MEGURO_SECRETARIAT, "/api/meetings/" + meeting + "/issue-pack",
                "{\"cutOff\":\"" + cutOff + "\"}"), 200);
        String hash = issued.field("contentHash");
        assertThat(hash).matches("sha256:[0-9a-f]{64}");

        // the pack issued is the one the read side gives for the cut-off, again and without naming it
        Answer last = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> read.get(MEGURO_SECRETARIAT, "/api/meetings/" + meeting + "/pack?format=json"),
                        a -> a.status() == 200);
        assertThat(last.field("contentHash")).isEqualTo(hash);
        assertThat(Instant.parse(last.field("cutOff"))).isEqualTo(cutOff);
        assertThat(read.get(TestUsers.COUNCIL_MEMBER, "/api/meetings/" + meeting + "/pack?format=json")
                .field("contentHash")).isEqualTo(hash);
        JsonNode packs = read.get(MEGURO_SECRETARIAT, "/api/meetings/" + meeting).json().get("packs");
        assertThat(packs.get(0).get("contentHash").asText()).isEqualTo(hash);

        Answer meetings = read.get(MEGURO_SECRETARIAT, "/api/councils/" + COUNCIL + "/meetings?from=2024-04-01&to=2025-03-31");
        assertThat(meetings.text()).contains(meeting);
        Answer held = read.get(TestUsers.ANALYST, "/api/indicators?indicator=COUNCIL_MEETINGS_HELD&municipality=13110"
                + "&fiscalYear=2024");
        assertThat(held.json().get("indicators").get(0).get("values").get(0).get("value").asInt()).isPositive();
    }
}
