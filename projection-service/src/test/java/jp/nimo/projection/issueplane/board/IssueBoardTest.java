package jp.nimo.projection.issueplane.board;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.projection.issueplane.issue.Secretariat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static jp.nimo.infra.test.TestUsers.SEINAMBU_SECRETARIAT;
import static jp.nimo.projection.issueplane.issue.Secretariat.meeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The issue board over real HTTP, with issues taken through the lifecycle on the real write side. An
 * issue goes stale here after a second without a decision, so that time can pass within a test; the
 * context is closed afterwards so that its processors do not hold segments for the other tests.
 */
@NimoServiceTest
@TestPropertySource(properties = "nimo.stale-after=PT1S")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class IssueBoardTest {

    private static final String MEGURO = "\"municipality\":\"13110\"";
    private static final String SETAGAYA = "\"municipality\":\"13112\"";
    private static final String SEINAMBU = "\"region\":\"13-ku-seinambu\"";

    @LocalServerPort
    int port;

    private Http read;
    private final Secretariat meguro = new Secretariat(MEGURO_SECRETARIAT);
    private final Secretariat seinambu = new Secretariat(SEINAMBU_SECRETARIAT);

    @BeforeEach
    void setUp() {
        read = new Http(port);
    }

    /** The board as an auditor sees it: every area, no suppression. */
    private JsonNode board(String query) {
        Answer answer = read.get(TestUsers.AUDITOR, "/api/issues" + query);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    /** Waits until the board answers what the condition expects: the read side catches up on its own. */
    private JsonNode boardOnceItShows(String query, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> board(query), condition);
    }

    private static JsonNode item(JsonNode board, String issueId) {
        for (JsonNode item : board.get("items")) {
            if (item.get("issueId").asText().equals(issueId)) {
                return item;
            }
        }
        return null;
    }

    private static boolean shows(JsonNode board, String issueId, String state) {
        JsonNode item = item(board, issueId);
        return item != null && item.get("state").asText().equals(state);
    }

    /** The given issues in the order the board lists them, leaving out the other tests' issues. */
    private static List<String> orderOf(JsonNode board, Set<String> mine) {
        List<String> order = new ArrayList<>();
        board.get("items").forEach(item -> {
            if (mine.contains(item.get("issueId").asText())) {
                order.add(item.get("issueId").asText());
            }
        });
        return order;
    }

    private static List<String> ids(JsonNode board) {
        List<String> ids = new ArrayList<>();
        board.get("items").forEach(item -> ids.add(item.get("issueId").asText()));
        return ids;
    }

    @Test
    void aNewCandidateComesBeforeAStaleIssueBeforeAPlainOneAndClosedIssuesComeLast() {
        String stale = meguro.raise("長期入院者の地域移行が進まない", "C12", MEGURO);
        meguro.act(stale, "promote", "{\"councilId\":\"council-13110\"," + meeting("令和6年度 第1回 目黒区協議の場", "2024-07-10") + "}");
        // time passes: once more than a second has gone by without a decision, the board says so
        JsonNode staleNow = boardOnceItShows("?municipality=13110",
                b -> item(b, stale) != null && item(b, stale).path("attention").path("reason").asText().equals("STALE"));
        assertThat(item(staleNow, stale).get("attention").get("since").asText())
                .isEqualTo(java.time.Instant.parse(item(staleNow, stale).get("lastDecisionAt").asText())
                        .plusSeconds(1).toString());

        String closed = meguro.raise("個別の相談として対応済みの事例", "C04", MEGURO);
        meguro.act(closed, "dismiss", "{\"reason\":\"個別の課題として対応\"}");
        String candidate = meguro.raise("精神障害のある人の住まいの確保", "C04", MEGURO);
        String plain = meguro.raise("退院後支援の空白", "C07", MEGURO);
        meguro.act(plain, "promote", "{\"councilId\":\"council-13110\"}");
        JsonNode now = boardOnceItShows("?municipality=13110",
                b -> shows(b, plain, "PROMOTED") && shows(b, candidate, "CANDIDATE") && shows(b, closed, "DISMISSED"));
        Set<String> mine = Set.of(stale, closed, candidate, plain);
        // whether or not the plain issue has gone stale by now, it has been so for less long
        assertThat(orderOf(now, mine)).containsExactly(candidate, stale, plain, closed);

        // as of the moment the plain issue was promoted, it had just been decided on
        String promotedAt = item(now, plain).get("lastDecisionAt").asText();
        JsonNode then = board("?municipality=13110&asOf=" + promotedAt);
        assertThat(then.get("asOf").asText()).isEqualTo(promotedAt);
        assertThat(orderOf(then, mine)).containsExactly(candidate, stale, plain, closed);
        assertThat(item(then, candidate).get("attention").get("reason").asText()).isEqualTo("NEW_CANDIDATE");
        assertThat(item(then, candidate).get("attention").get("since").asText())
                .isEqualTo(item(then, candidate).get("updatedAt").asText());
        assertThat(item(then, stale).get("attention").get("reason").asText()).isEqualTo("STALE");
        assertThat(item(then, plain).get("attention").get("reason").asText()).isEqualTo("NONE");
        assertThat(item(then, plain).get("attention").has("since")).isFalse();
        assertThat(item(then, closed).get("attention").get("reason").asText()).isEqualTo("NONE");
    }

    @Test
    void anItemHasTheShapeOfTheContract() {
        String issue = meguro.raise("精神障害のある人の住まいの確保", "C04", MEGURO);
        meguro.act(issue, "promote", "{\"councilId\":\"council-13110\"}");
        JsonNode item = item(boardOnceItShows("", b -> shows(b, issue, "PROMOTED")), issue);
        assertThat(item.get("title").asText()).isEqualTo("精神障害のある人の住まいの確保");
        assertThat(item.get("category").asText()).isEqualTo("C04");
        assertThat(item.get("municipality").asText()).isEqualTo("13110");
        assertThat(item.get("region").asText()).isEqualTo("13-ku-seinambu");
        assertThat(item.has("prefecture")).isFalse();
        assertThat(item.get("councilId").asText()).isEqualTo("council-13110");
        assertThat(item.get("origin").asText()).isEqualTo("PRACTITIONER_REPORT");
        assertThat(item.get("evidence").get("signals").asInt()).isZero();
        assertThat(item.get("evidence").get("distinctCases").asInt()).isZero();
        assertThat(item.get("evidence").get("suppressed").asBoolean()).isFalse();
        assertThat(item.get("updatedAt").asText()).isEqualTo(item.get("lastDecisionAt").asText());
        assertThat(item.get("attention").get("reason").asText()).isIn("NONE", "STALE");
    }

    @Test
    void filtersNarrowTheBoardByStateCategoryAreaAndCouncil() {
        String meguroHousing = meguro.raise("精神障害のある人の住まいの確保", "C04", MEGURO);
        String setagayaHousing = seinambu.raise("グループホームの空きがない", "C04", SETAGAYA);
        seinambu.act(setagayaHousing, "promote", "{\"councilId\":\"council-13-ku-seinambu\"}");
        String regionOutreach = seinambu.raise("未治療・治療中断者へのアウトリーチ", "C06", SEINAMBU);
        boardOnceItShows("", b -> shows(b, meguroHousing, "CANDIDATE") && shows(b, setagayaHousing, "PROMOTED")
                && shows(b, regionOutreach, "CANDIDATE"));
        Set<String> mine = Set.of(meguroHousing, setagayaHousing, regionOutreach);

        assertThat(orderOf(board("?state=CANDIDATE"), mine)).containsExactlyInAnyOrder(meguroHousing, regionOutreach);
        assertThat(orderOf(board("?state=CANDIDATE,PROMOTED"), mine)).hasSize(3);
        assertThat(orderOf(board("?state=VERIFIED"), mine)).isEmpty();
        assertThat(orderOf(board("?category=C06"), mine)).containsExactly(regionOutreach);
        assertThat(orderOf(board("?municipality=13112"), mine)).containsExactly(setagayaHousing);
        assertThat(orderOf(board("?category=C04&municipality=13110"), mine)).containsExactly(meguroHousing);

        // a region's board has the region's own issues and those of its municipalities, and no other region's
        JsonNode region = board("?region=13-ku-seinambu");
        assertThat(orderOf(region, mine)).containsExactlyInAnyOrder(meguroHousing, setagayaHousing, regionOutreach);
        assertThat(orderOf(board("?region=13-ku-chuobu"), mine)).isEmpty();
        assertThat(item(region, regionOutreach).has("municipality")).isFalse();
        assertThat(item(region, regionOutreach).get("region").asText()).isEqualTo("13-ku-seinambu");
        assertThat(item(region, setagayaHousing).get("region").asText()).isEqualTo("13-ku-seinambu");

        // a council's board: what is on its agenda, and the candidates in its area nobody has promoted yet
        assertThat(orderOf(board("?councilId=council-13-ku-seinambu"), mine))
                .containsExactlyInAnyOrder(meguroHousing, setagayaHousing, regionOutreach);
        assertThat(orderOf(board("?councilId=council-13110"), mine)).containsExactly(meguroHousing);
        assertThat(orderOf(board("?councilId=council-13101"), mine)).isEmpty();
        assertThat(ids(board("?councilId=council-13110&state=PROMOTED"))).doesNotContain(setagayaHousing);
    }

    @Test
    void aBadFilterIsA400NamingTheParameterAndCredentialsAreRequired() {
        assertBadParameter("?state=OPENED", "state");
        assertBadParameter("?state=CANDIDATE,NOPE", "state");
        assertBadParameter("?category=C77", "category");
        assertBadParameter("?municipality=99999", "municipality");
        assertBadParameter("?region=13-nowhere", "region");
        assertBadParameter("?councilId=council-nowhere", "councilId");
        assertBadParameter("?asOf=yesterday", "asOf");
        assertBadParameter("?asOf=2024-07-10T09:00:00", "asOf");
        assertThat(read.get(null, "/api/issues").status()).isEqualTo(401);
        for (String user : List.of(TestUsers.OBSERVER, TestUsers.ANALYST, TestUsers.AUDITOR, TestUsers.COUNCIL_MEMBER)) {
            assertThat(read.get(user, "/api/issues?asOf=2024-07-10").status()).as(user).isEqualTo(200);
        }
        // support workers and administrators do not read issue material
        for (String user : List.of(TestUsers.MEGURO_WORKER, TestUsers.ADMIN)) {
            assertThat(read.get(user, "/api/issues").status()).as(user).isEqualTo(403);
        }
    }

    private void assertBadParameter(String query, String parameter) {
        Answer answer = read.get(MEGURO_SECRETARIAT, "/api/issues" + query);
        assertThat(answer.status()).as(query).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo(parameter);
    }
}
