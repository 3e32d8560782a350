package jp.nimo.projection.issueplane.issue;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.NimoServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static jp.nimo.cases.RecordingWindow.JAPAN;
import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.projection.issueplane.issue.Secretariat.meeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * As of a time T, board, issue and timeline show what was recorded by T and nothing after, whatever
 * day the later decisions were taken on: exactly what a council could have seen at its meeting.
 */
@NimoServiceTest
class IssueAsOfTest {

    private static final String MEETING_DAY = "2024-07-10";
    private static final String MEETING = meeting("令和6年度 第1回 目黒区協議の場", MEETING_DAY);

    @LocalServerPort
    int port;

    private Http read;
    private final Secretariat meguro = new Secretariat(MEGURO_SECRETARIAT);

    @BeforeEach
    void setUp() {
        read = new Http(port);
    }

    private JsonNode get(String path) {
        Answer answer = read.get(MEGURO_SECRETARIAT, path);
        assertThat(answer.status()).as(path + ": " + answer.text()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode item(JsonNode board, String issueId) {
        for (JsonNode item : board.get("items")) {
            if (item.get("issueId").asText().equals(issueId)) {
                return item;
            }
        }
        return null;
    }

    @Test
    void asOfATimeBetweenTwoDecisionsBoardIssueAndTimelineShowTheEarlierStateOnly() {
        String issue = meguro.raise("精神障害のある人の住まいの確保", "C04", "\"municipality\":\"13110\"");
        meguro.act(issue, "promote", "{\"councilId\":\"council-13110\"," + MEETING + "}");
        JsonNode promoted = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> read.get(MEGURO_SECRETARIAT, "/api/issues/" + issue + "/timeline"),
                        a -> a.status() == 200 && a.json().get("entries").size() == 2).json();
        Instant promotedAt = Instant.parse(promoted.get("entries").get(1).get("recordedAt").asText());
        // the verification was decided at the same meeting but recorded only afterwards (and after T)
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(promotedAt));
        meguro.act(issue, "start-verification", "{\"reason\":\"事例の整理\"," + MEETING + "}");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> get("/api/issues/" + issue + "/timeline").get("entries").size() == 3);

        String t = "?asOf=" + promotedAt;
        assertThat(get("/api/issues/" + issue).get("state").asText()).isEqualTo("UNDER_VERIFICATION");
        JsonNode then = get("/api/issues/" + issue + t);
        assertThat(then.get("state").asText()).isEqualTo("PROMOTED");
        assertThat(then.get("asOf").asText()).isEqualTo(promotedAt.toString());
        assertThat(then.get("lastDecisionAt").asText()).isEqualTo(promotedAt.toString());

        JsonNode timelineThen = get("/api/issues/" + issue + "/timeline" + t);
        assertThat(timelineThen.get("asOf").asText()).isEqualTo(promotedAt.toString());
        assertThat(timelineThen.get("entries").findValuesAsText("type")).containsExactly("IssueRaised", "IssuePromoted");
        assertThat(get("/api/issues/" + issue + "/timeline").get("entries").findValuesAsText("type"))
                .containsExactly("IssueRaised", "IssuePromoted", "VerificationStarted");

        assertThat(item(get("/api/issues?municipality=13110" + t.replace('?', '&')), issue).get("state").asText())
                .isEqualTo("PROMOTED");
        assertThat(item(get("/api/issues?municipality=13110"), issue).get("state").asText())
                .isEqualTo("UNDER_VERIFICATION");
        assertThat(item(get("/api/issues?state=UNDER_VERIFICATION&asOf=" + promotedAt), issue)).isNull();
        assertThat(item(get("/api/issues?state=PROMOTED&asOf=" + promotedAt), issue)).isNotNull();

        // an instant with an offset is the same instant
        String inJapan = promotedAt.atZone(JAPAN).toOffsetDateTime().toString().replace("+", "%2B");
        assertThat(get("/api/issues/" + issue + "?asOf=" + inJapan).get("state").asText()).isEqualTo("PROMOTED");
    }

    @Test
    void asOfTheMeetingDayAnIssueRecordedOnlyLaterWasNotKnown() {
        String issue = meguro.raise("精神障害のある人の住まいの確保", "C04", "\"municipality\":\"13110\"");
        meguro.act(issue, "promote", "{\"councilId\":\"council-13110\"," + MEETING + "}");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> read.get(MEGURO_SECRETARIAT, "/api/issues/" + issue),
                        a -> a.status() == 200 && a.json().get("state").asText().equals("PROMOTED"));

        // a date is the end of that day in Japan
        assertThat(read.get(MEGURO_SECRETARIAT, "/api/issues/" + issue + "?asOf=" + MEETING_DAY).status()).isEqualTo(404);
        assertThat(read.get(MEGURO_SECRETARIAT, "/api/issues/" + issue + "/timeline?asOf=" + MEETING_DAY).status())
                .isEqualTo(404);
        assertThat(item(get("/api/issues?asOf=" + MEETING_DAY), issue)).isNull();
        String today = LocalDate.now(JAPAN).toString();
        JsonNode endOfToday = get("/api/issues/" + issue + "?asOf=" + today);
        assertThat(endOfToday.get("state").asText()).isEqualTo("PROMOTED");
        assertThat(endOfToday.get("asOf").asText())
                .isEqualTo(LocalDate.now(JAPAN).plusDays(1).atStartOfDay(JAPAN).toInstant().minus(1, ChronoUnit.MICROS).toString());

        // a microsecond before it was raised, the issue was not known
        Instant raisedAt = Instant.parse(get("/api/issues/" + issue).get("raisedAt").asText());
        assertThat(read.get(MEGURO_SECRETARIAT, "/api/issues/" + issue + "?asOf=" + raisedAt.minus(1, ChronoUnit.MICROS))
                .status()).isEqualTo(404);
        assertThat(get("/api/issues/" + issue + "?asOf=" + raisedAt).get("state").asText()).isEqualTo("CANDIDATE");
    }

    @Test
    void aMalformedAsOfIsA400NamingIt() {
        String issue = meguro.raise("精神障害のある人の住まいの確保", "C04", "\"municipality\":\"13110\"");
        for (String path : List.of("/api/issues", "/api/issues/" + issue, "/api/issues/" + issue + "/timeline")) {
            for (String bad : List.of("yesterday", "2024-13-01", "2024-07-10T09:00")) {
                Answer answer = read.get(MEGURO_SECRETARIAT, path + "?asOf=" + bad);
                assertThat(answer.status()).as(path + " " + bad).isEqualTo(400);
                assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("asOf");
            }
        }
    }
}
