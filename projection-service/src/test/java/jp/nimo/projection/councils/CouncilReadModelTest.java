package jp.nimo.projection.councils;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.councils.Attendee;
import jp.nimo.councils.MeetingId;
import jp.nimo.councils.Membership.StakeholderType;
import jp.nimo.councils.Membership.Tier;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.issues.Meeting.Format;
import jp.nimo.projection.InPlaceRebuild;
import jp.nimo.projection.WriteSide;
import jp.nimo.projection.issueplane.issue.Secretariat;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static jp.nimo.infra.test.TestUsers.MEGURO_SECRETARIAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Councils, their meetings and the meeting indicators over real HTTP, from council and meeting facts
 * appended to the real event store; and the projection rebuilt from that store equals the live one.
 */
@NimoServiceTest
class CouncilReadModelTest {

    private static final List<String> TABLES = List.of("council", "council_member", "council_working_group", "meeting",
            "meeting_agenda_item", "meeting_attendance", "meeting_opinion", "meeting_minutes", "meeting_pack",
            "meeting_decision");

    @LocalServerPort
    int port;
    @Autowired
    EventStore store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    private Http read;
    private MeetingLog log;

    @BeforeEach
    void setUp() {
        read = new Http(port);
        WriteSide.http();
        log = new MeetingLog(store);
        log.meguroDesignated();
    }

    private JsonNode meetingsHeld(String asOf) {
        Answer answer = read.get(TestUsers.ANALYST, "/api/indicators?indicator=COUNCIL_MEETINGS_HELD&municipality=13110"
                + "&fiscalYear=2024" + (asOf == null ? "" : "&asOf=" + URLEncoder.encode(asOf, StandardCharsets.UTF_8)));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode figures = answer.json().get("indicators").get(0);
        assertThat(figures.get("code").asText()).isEqualTo("COUNCIL_MEETINGS_HELD");
        return figures.get("values").get(0);
    }

    private JsonNode meetingOf(String meetingId) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> read.get(MEGURO_SECRETARIAT, "/api/meetings/" + meetingId), a -> a.status() == 200).json();
    }

    @Test
    void meetingsHeldAreCountedPerCouncilAndFiscalYearAsKnownAtATime() {
        long before = meetingsHeld(null).get("value").asLong();
        log.joined("meguro-peer-support-group", StakeholderType.PEER, Tier.PRACTITIONER);
        MeetingId july = log.scheduled("令和6年度 第2回", LocalDate.of(2024, 7, 24), Format.ONLINE, null, List.of());
        MeetingId march = log.scheduled("令和6年度 第3回", LocalDate.of(2025, 3, 27), Format.IN_PERSON, null, List.of());
        MeetingId april = log.scheduled("令和7年度 第1回", LocalDate.of(2025, 4, 10), Format.IN_PERSON, null, List.of());
        log.attended(july, new Attendee("meguro-peer-support-group", 2), new Attendee("a-guest-organisation", 1));
        meetingOf(july.value());
        Instant scheduledOnly = Instant.now().truncatedTo(ChronoUnit.MICROS);
        await().pollInterval(Duration.ofMillis(5)).until(() -> Instant.now().isAfter(scheduledOnly.plusMillis(2)));
        log.held(july);
        log.held(march);
        log.held(april);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> meetingOf(april.value()).get("state").asText().equals("HELD"));

        // FY2024 runs April 2024 to March 2025: the April 2025 meeting is the next year's
        assertThat(meetingsHeld(null).get("value").asLong()).isEqualTo(before + 2);
        assertThat(meetingsHeld(scheduledOnly.toString()).get("value").asLong()).isEqualTo(before);
        assertThat(meetingsHeld(null).get("area").get("code").asText()).isEqualTo("13110");

        Answer participants = read.get(TestUsers.ANALYST,
                "/api/indicators?indicator=COUNCIL_MEETING_PARTICIPANTS&municipality=13110&fiscalYear=2024");
        JsonNode cells = participants.json().get("indicators").get(0).get("values").get(0).get("breakdowns").get(0)
                .get("cells");
        Map<String, Long> byType = new java.util.HashMap<>();
        cells.forEach(c -> byType.put(c.get("code").asText(), c.get("value").asLong()));
        assertThat(byType.get("PEER")).isGreaterThanOrEqualTo(2);
        assertThat(byType.get("OTHER")).isGreaterThanOrEqualTo(1);

        Answer list = read.get(MEGURO_SECRETARIAT, "/api/councils/council-13110/meetings?from=2024-07-24&to=2025-03-31");
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.json().get("meetings").forEach(m -> ids.add(m.get("meetingId").asText()));
        assertThat(ids).contains(july.value(), march.value()).doesNotContain(april.value());
    }

    @Test
    void aWrittenMeetingIsDecidedOnItsDeadlineAndShowsTheOpinionsReceived() {
        MeetingId written = log.scheduled("令和6年度 第4回（書面開催）", LocalDate.of(2025, 2, 20), Format.WRITTEN,
                LocalDate.of(2025, 2, 14), List.of());
        log.opinion(written, "meguro-central-hospital", "退院後支援の対象を広げることに賛成します", LocalDate.of(2025, 2, 10));
        JsonNode meeting = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> meetingOf(written.value()), m -> m.get("opinions").size() == 1);
        assertThat(meeting.get("format").asText()).isEqualTo("WRITTEN");
        assertThat(meeting.get("decidedOn").asText()).isEqualTo("2025-02-14");
        assertThat(meeting.get("opinions").get(0).get("organisation").asText()).isEqualTo("meguro-central-hospital");
        assertThat(meeting.get("opinions").get(0).get("receivedOn").asText()).isEqualTo("2025-02-10");

        // a decision taken by it is dated at the deadline, and the issue's timeline shows the opinions received
        Secretariat meguro = new Secretariat(MEGURO_SECRETARIAT);
        String issue = meguro.raise("退院後支援の対象の拡大（書面開催）", "C07", "\"municipality\":\"13110\"");
        meguro.act(issue, "promote", "{\"councilId\":\"council-13110\"}");
        log.verificationStartedAt(issue, written, "令和6年度 第4回（書面開催）", LocalDate.of(2025, 2, 14), Format.WRITTEN);
        JsonNode timeline = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> read.get(MEGURO_SECRETARIAT, "/api/issues/" + issue + "/timeline"),
                        a -> a.status() == 200 && a.json().get("entries").size() == 3).json();
        JsonNode decided = timeline.get("entries").get(2);
        assertThat(decided.get("at").asText()).isEqualTo("2025-02-14");
        assertThat(decided.get("opinions").get(0).get("organisation").asText()).isEqualTo("meguro-central-hospital");
        assertThat(decided.get("opinions").get(0).get("opinion").asText()).isEqualTo("退院後支援の対象を広げることに賛成します");
        assertThat(timeline.get("entries").get(1).has("opinions")).isFalse();
        assertThat(await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> meetingOf(written.value()), m -> m.get("decisions").size() == 1)
                .get("decisions").get(0).get("decidedOn").asText()).isEqualTo("2025-02-14");
    }

    @Test
    void councilsWithTheirMembersForTheReadersOfTheirArea() {
        log.joined("meguro-housing-council", StakeholderType.HOUSING, Tier.REPRESENTATIVE);
        JsonNode meguro = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Answer answer = read.get(MEGURO_SECRETARIAT, "/api/councils");
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            for (JsonNode council : answer.json().get("councils")) {
                if (council.get("councilId").asText().equals("council-13110")) {
                    return council;
                }
            }
            return null;
        }, council -> council != null && council.get("members").toString().contains("meguro-housing-council"));
        assertThat(meguro.get("level").asText()).isEqualTo("MUNICIPALITY");
        assertThat(meguro.get("area").asText()).isEqualTo("13110");
        assertThat(meguro.get("secretariat").asText()).isNotBlank();
        JsonNode member = null;
        for (JsonNode m : meguro.get("members")) {
            if (m.get("organisation").asText().equals("meguro-housing-council")) {
                member = m;
            }
        }
        assertThat(member.get("stakeholderType").asText()).isEqualTo("HOUSING");
        assertThat(member.get("tier").asText()).isEqualTo("REPRESENTATIVE");
        assertThat(member.get("role").asText()).isEqualTo("MEMBER");
        assertThat(member.get("since").asText()).isEqualTo("2024-04-01");

        // the region's member reads the councils of its municipalities; a support worker reads none
        assertThat(read.get(TestUsers.COUNCIL_MEMBER, "/api/councils").text()).contains("council-13110");
        assertThat(read.get(TestUsers.MEGURO_WORKER, "/api/councils").status()).isEqualTo(403);
        assertThat(read.get(TestUsers.AUDITOR, "/api/councils").text()).contains("council-13110");
    }

    @Test
    void theProjectionRebuiltFromTheEventStoreEqualsTheLiveOne() {
        MeetingId meeting = log.scheduled("令和6年度 臨時会", LocalDate.of(2024, 10, 1), Format.IN_PERSON, null, List.of());
        log.attended(meeting, new Attendee("meguro-central-hospital", 1));
        log.held(meeting);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> meetingOf(meeting.value()).get("state").asText().equals("HELD"));
        Map<String, List<String>> live = InPlaceRebuild.rowsAsText(jdbc, TABLES);
        InPlaceRebuild.rebuildsTo(live, () -> InPlaceRebuild.rowsAsText(jdbc, TABLES), processing, CouncilProjection.NAME,
                () -> assertThat(jdbc.queryForObject("SELECT count(*) FROM meeting", Long.class)).isZero(),
                Duration.ofSeconds(60));
    }
}
