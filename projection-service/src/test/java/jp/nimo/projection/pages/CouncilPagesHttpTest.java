package jp.nimo.projection.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.projection.SessionClient;
import jp.nimo.projection.WriteSide;
import jp.nimo.projection.issueplane.issue.Secretariat;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The council and meeting pages over HTTP: the region's secretariat gets its forms and its writes, posted
 * through the write proxy, show on the page it comes back to; a member reads the same pages without forms;
 * a council outside one's own is not found, and a support worker is refused.
 */
@NimoServiceTest
class CouncilPagesHttpTest {

    private static final String COUNCIL = "council-13-ku-seinambu";
    private static final String COUNCIL_NAME = "区西南部圏域 保健・医療・福祉関係者による協議の場";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void writeSide(DynamicPropertyRegistry registry) {
        registry.add("nimo.write-url", () -> "http://127.0.0.1:" + WriteSide.port());
    }

    private SessionClient as(String user) {
        SessionClient client = new SessionClient(port);
        client.login(user, TestUsers.PASSWORD);
        return client;
    }

    private static HttpResponse<String> page(SessionClient client, String path) {
        return client.get(path, "text/html");
    }

    private static HttpResponse<String> ok(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return answer;
    }

    @Test
    void theSecretariatRunsItsCouncilFromThePagesAndAMemberReadsThemWithoutForms() {
        WriteSide.readSideAt(port);
        SessionClient secretariat = as(TestUsers.SEINAMBU_SECRETARIAT);
        // the write side designates the reference councils when it starts; the read side then lists them
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> page(secretariat, "/councils").body().contains(COUNCIL_NAME));

        HttpResponse<String> list = ok(page(secretariat, "/councils"), 200);
        assertThat(list.body()).contains("<h1>協議の場</h1>", "href=\"/councils/" + COUNCIL + "\"", "圏域",
                "区西南部", "相談支援事業所（世田谷区・区西南部圏域 協議の場 事務局）");
        assertThat(list.body()).contains("href=\"/councils\"").as("the navigation names the councils");

        // a member organisation added through the proxy shows on the page the form returns to
        String organisation = "seinambu-http-clinic-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> added = ok(secretariat.postJson("/write/api/councils/" + COUNCIL + "/members", """
                {"organisation":"%s","stakeholderType":"MEDICAL","tier":"PRACTITIONER","role":"MEMBER","since":"2024-04-01"}"""
                .formatted(organisation), secretariat.csrf()), 201);
        assertThat(added.body()).contains(organisation);
        HttpResponse<String> council = ok(page(secretariat, "/councils/" + COUNCIL + "?recorded=member"), 200);
        assertThat(council.body()).contains("記録しました。", "data-organisation=\"" + organisation + "\"", "医療", "実務者",
                "2024年4月1日", "id=\"schedule-meeting\"", "id=\"add-member\"", "data-kind=\"WRITTEN\"");

        // a bad field comes back as the API's problem, naming it; nothing is added
        HttpResponse<String> refused = ok(secretariat.postJson("/write/api/councils/" + COUNCIL + "/members",
                "{\"organisation\":\"Not An Id\",\"stakeholderType\":\"MEDICAL\",\"tier\":\"PRACTITIONER\","
                        + "\"role\":\"MEMBER\",\"since\":\"2024-04-01\"}", secretariat.csrf()), 400);
        assertThat(refused.body()).contains("\"field\":\"organisation\"");

        // a meeting scheduled with an issue of the region on its agenda, attended and held
        String issue = new Secretariat(TestUsers.SEINAMBU_SECRETARIAT).raise("夜間の相談窓口の不足（ページ）", "C04",
                "\"region\":\"13-ku-seinambu\"");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        HttpResponse<String> scheduled = ok(secretariat.postJson("/write/api/councils/" + COUNCIL + "/meetings", """
                {"title":"令和7年度 第1回 圏域協議の場（ページ）","heldOn":"%s","format":"IN_PERSON",
                 "agenda":[{"issueId":"%s","ask":"PROMOTE"}]}""".formatted(today, issue), secretariat.csrf()), 201);
        String meeting = scheduled.body().replaceAll(".*\"meetingId\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> scheduledPage = ok(page(secretariat, "/meetings/" + meeting + "?recorded=scheduled"), 200);
        assertThat(scheduledPage.body()).contains("令和7年度 第1回 圏域協議の場（ページ）", "予定", "対面",
                "href=\"/issues/" + issue + "\"", "夜間の相談窓口の不足（ページ）", "協議の場で取り上げるか",
                "id=\"record-attendance\"", "id=\"hold-meeting\"", "id=\"cancel-meeting\"", "id=\"issue-pack\"",
                "value=\"" + organisation + "\"");
        ok(secretariat.postJson("/write/api/meetings/" + meeting + "/record-attendance",
                "{\"attendees\":[{\"organisation\":\"" + organisation + "\",\"count\":3}]}", secretariat.csrf()), 200);
        ok(secretariat.postJson("/write/api/meetings/" + meeting + "/hold", "{}", secretariat.csrf()), 200);
        HttpResponse<String> held = ok(page(secretariat, "/meetings/" + meeting + "?recorded=held"), 200);
        assertThat(held.body()).contains("開催済み", "合計 3人", "id=\"record-minutes\"")
                .doesNotContain("id=\"hold-meeting\"");
        // the council's calendar lists it under the fiscal year's Japanese name
        assertThat(ok(page(secretariat, "/councils/" + COUNCIL), 200).body())
                .contains("href=\"/meetings/" + meeting + "\"", "これまでの会議",
                        jp.nimo.reference.FiscalYear.containing(today).label());

        // the issue's decision forms offer the meeting; a decision naming it links the issue to the meeting
        String issuePage = ok(page(secretariat, "/issues/" + issue), 200).body();
        assertThat(issuePage).contains("name=\"meetingId\"", "value=\"" + meeting + "\"", "data-kind=\"listed\"");
        ok(secretariat.postJson("/write/api/issues/" + issue + "/promote", """
                {"councilId":"%s","meetingId":"%s","reason":"圏域の協議の場で取り上げる"}""".formatted(COUNCIL, meeting),
                secretariat.csrf()), 200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> page(secretariat, "/issues/" + issue).body().contains("id=\"issue-meetings\""));
        assertThat(page(secretariat, "/issues/" + issue).body()).contains("href=\"/meetings/" + meeting + "\"");
        assertThat(ok(page(secretariat, "/meetings/" + meeting), 200).body()).contains("id=\"decision-table\"",
                "協議の場で取り上げ", "圏域の協議の場で取り上げる");

        // a member reads the same pages, without a form
        SessionClient member = as(TestUsers.COUNCIL_MEMBER);
        String memberCouncil = ok(page(member, "/councils/" + COUNCIL), 200).body();
        assertThat(memberCouncil).contains(COUNCIL_NAME, organisation, "href=\"/meetings/" + meeting + "\"")
                .doesNotContain("data-json-form").doesNotContain("/write/api/");
        String memberMeeting = ok(page(member, "/meetings/" + meeting), 200).body();
        assertThat(memberMeeting).contains("令和7年度 第1回 圏域協議の場（ページ）", "開催済み", "夜間の相談窓口の不足（ページ）")
                .doesNotContain("data-json-form").doesNotContain("/write/api/");

        SessionClient observer = as(TestUsers.OBSERVER);
        assertThat(ok(page(observer, "/meetings/" + meeting), 200).body()).contains("開催済み", "合計 3人")
                .doesNotContain("data-json-form");
        // the English switch, with the words of the bundles and the council's English name
        String english = ok(page(member, "/councils/" + COUNCIL + "?lang=en"), 200).body();
        assertThat(english).contains("Ku-seinambu (south-west wards) regional council", "Member organisations",
                "Past meetings", "Medical", "Practitioner", "Held", "FY" + jp.nimo.reference.FiscalYear.containing(today).startYear());

        // another council's secretariat finds neither page; an unknown one is not found either
        SessionClient meguro = as(TestUsers.MEGURO_SECRETARIAT);
        assertThat(page(meguro, "/councils/" + COUNCIL).statusCode()).isEqualTo(404);
        assertThat(page(meguro, "/meetings/" + meeting).statusCode()).isEqualTo(404);
        assertThat(page(meguro, "/councils").body()).doesNotContain("href=\"/councils/" + COUNCIL + "\"");
        assertThat(page(secretariat, "/councils/council-no-such").statusCode()).isEqualTo(404);
        assertThat(page(secretariat, "/meetings/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(page(secretariat, "/meetings/not-a-meeting").statusCode()).isEqualTo(404);

        // a support worker reads no council
        SessionClient worker = as(TestUsers.MEGURO_WORKER);
        assertThat(page(worker, "/councils").statusCode()).isEqualTo(403);
        assertThat(page(worker, "/councils/" + COUNCIL).statusCode()).isEqualTo(403);
        assertThat(page(worker, "/meetings/" + meeting).statusCode()).isEqualTo(403);
        assertThat(page(worker, "/account").body()).doesNotContain("href=\"/councils\"");
    }
}
