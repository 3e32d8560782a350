package jp.nimo.projection.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.TestUsers;
import jp.nimo.projection.InPlaceRebuild;
import jp.nimo.projection.indicators.AnalyticsWorld;
import jp.nimo.projection.indicators.IndicatorProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static jp.nimo.projection.indicators.AnalyticsWorld.openCase;
import static jp.nimo.projection.indicators.AnalyticsWorld.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What-if: detection replayed over 2019's refused tenancies in 区西北部 with the live rule and with a
 * lower one. The live rule gives back the candidate live detection raised, under the same id; the lower
 * one raises more; nothing is stored either way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = AnalyticsWorld.ReadSide.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatIfResourceTest {

    private static final String ITABASHI = "13119";
    private static final String NERIMA = "13120";
    private static final String LIVE_RULE = "{\"category\":\"C04\",\"minSignals\":3,\"minDistinctCases\":3,\"windowDays\":90,"
            + "\"areaLevel\":\"MUNICIPALITY\"}";
    private static final String LOWER_RULE = "{\"category\":\"C04\",\"minSignals\":2,\"minDistinctCases\":2,\"windowDays\":90,"
            + "\"areaLevel\":\"MUNICIPALITY\"}";
    private static final String YEAR_2019 = "\"from\":\"2019-01-01\",\"to\":\"2019-12-31\"";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    private Http read;
    private final List<String> caseIds = new ArrayList<>();

    @BeforeAll
    void refusedTenancies() {
        read = new Http(port);
        // 練馬区: two persons refused twice each within 90 days (4 signals, 2 cases: below the live rule)
        String a = openCase(NERIMA);
        String b = openCase(NERIMA);
        record(a, "RentalRefused", LocalDate.parse("2019-02-01"), "reason", "PREJUDICE");
        record(b, "RentalRefused", LocalDate.parse("2019-02-15"), "reason", "INCOME");
        record(a, "RentalRefused", LocalDate.parse("2019-03-01"), "reason", "PREJUDICE");
        record(b, "RentalRefused", LocalDate.parse("2019-04-01"), "reason", "PREJUDICE");
        // 板橋区: three persons refused within a month (the live rule's 3 signals from 3 cases)
        List<String> itabashi = List.of(openCase(ITABASHI), openCase(ITABASHI), openCase(ITABASHI));
        record(itabashi.get(0), "RentalRefused", LocalDate.parse("2019-05-01"), "reason", "PREJUDICE");
        record(itabashi.get(1), "RentalRefused", LocalDate.parse("2019-05-10"), "reason", "UNKNOWN");
        record(itabashi.get(2), "RentalRefused", LocalDate.parse("2019-06-01"), "reason", "PREJUDICE");
        caseIds.addAll(List.of(a, b));
        caseIds.addAll(itabashi);
        awaitLiveCandidates(1);
    }

    /** Live detection (write side) raised its candidates, and the board and the signal projection have everything. */
    private List<String> awaitLiveCandidates(int expected) {
        List<String> live = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            live.clear();
            for (String municipality : List.of(ITABASHI, NERIMA)) {
                JsonNode board = read.get(TestUsers.AUDITOR, "/api/issues?category=C04&municipality=" + municipality).json();
                board.get("items").forEach(item -> {
                    if (item.get("origin").asText().equals("CASE_CLUSTER")) {
                        live.add(item.get("issueId").asText());
                    }
                });
            }
            return live.size() == expected;
        });
        AnalyticsWorld.awaitQuiet(jdbc, List.of(SignalProjection.NAME, IndicatorProjection.NAME, "issue-plane"));
        return live;
    }

    private Answer whatIf(String user, String body) {
        return read.post(user, "/api/analytics/what-if", body);
    }

    @Test
    void theLiveRuleRaisesWhatLiveDetectionRaisedAndALowerThresholdRaisesMoreWithoutStoringAnything() {
        List<String> live = awaitLiveCandidates(1);
        Map<String, Long> rowsBefore = rowsOfEveryTable();

        Answer asLive = whatIf(TestUsers.SEINAMBU_SECRETARIAT, "{\"rule\":" + LIVE_RULE + "," + YEAR_2019 + "}");
        Answer lower = whatIf(TestUsers.SEINAMBU_SECRETARIAT, "{\"rule\":" + LOWER_RULE + "," + YEAR_2019 + "}");

        assertThat(asLive.status()).as(asLive.text()).isEqualTo(200);
        assertThat(lower.status()).as(lower.text()).isEqualTo(200);
        JsonNode liveCandidates = asLive.json().get("candidates");
        assertThat(liveCandidates).hasSize(live.size());
        assertThat(liveCandidates.get(0).get("candidateId").asText()).isEqualTo(live.get(0));
        assertThat(lower.json().get("candidateCount").asInt()).isGreaterThan(liveCandidates.size()).isEqualTo(2);
        assertThat(rowsOfEveryTable()).as("rows of every table after the what-ifs").isEqualTo(rowsBefore);

        // 板橋区's candidate with its de-identified evidence: counts by kind and month, dates, never a case id
        JsonNode itabashi = liveCandidates.get(0);
        assertThat(itabashi.get("area").get("code").asText()).isEqualTo(ITABASHI);
        assertThat(itabashi.get("signals").asInt()).isEqualTo(3);
        assertThat(itabashi.get("distinctCases").asInt()).isEqualTo(3);
        assertThat(itabashi.get("firstOn").asText()).isEqualTo("2019-05-01");
        assertThat(itabashi.get("lastOn").asText()).isEqualTo("2019-06-01");
        assertThat(itabashi.get("raisedOn").asText()).isEqualTo("2019-06-01");
        assertThat(itabashi.get("evidence").findValuesAsText("month")).containsExactly("2019-05", "2019-06");
        assertThat(itabashi.get("evidence").get(0).get("kind").asText()).isEqualTo("RentalRefused");
        assertThat(itabashi.get("evidence").get(0).get("signals").asInt()).isEqualTo(2);
        JsonNode nerima = lower.json().get("candidates").findParents("area").stream()
                .filter(c -> c.get("area").get("code").asText().equals(NERIMA)).findFirst().orElseThrow();
        assertThat(nerima.get("signals").asInt()).isEqualTo(4);
        assertThat(nerima.get("distinctCases").asInt()).isEqualTo(2);
        for (String caseId : caseIds) {
            assertThat(asLive.text()).doesNotContain(caseId);
            assertThat(lower.text()).doesNotContain(caseId);
        }
    }

    @Test
    void aRegionRuleGathersTheMunicipalitiesOfTheRegionIntoOneCandidate() {
        Answer region = whatIf(TestUsers.AUDITOR, "{\"rule\":{\"category\":\"C04\",\"minSignals\":3,\"minDistinctCases\":3,"
                + "\"windowDays\":120,\"areaLevel\":\"REGION\"}," + YEAR_2019 + "}");

        assertThat(region.status()).as(region.text()).isEqualTo(200);
        JsonNode candidates = region.json().get("candidates");
        assertThat(candidates).hasSize(1);
        assertThat(candidates.get(0).get("area").get("code").asText()).isEqualTo("13-ku-seihokubu");
        assertThat(candidates.get(0).get("signals").asInt()).isEqualTo(7);
        assertThat(candidates.get(0).get("evidence").findValuesAsText("municipality")).contains(ITABASHI, NERIMA);
    }

    @Test
    void anAnalystSeesTheCandidatesWithSmallEvidenceCountsHidden() {
        Answer answer = whatIf(TestUsers.ANALYST, "{\"rule\":" + LOWER_RULE + "," + YEAR_2019 + "}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("candidateCount").asInt()).isEqualTo(2);
        for (JsonNode candidate : answer.json().get("candidates")) {
            assertThat(candidate.get("signals").isNull()).isTrue();
            assertThat(candidate.get("suppressed").asBoolean()).isTrue();
            candidate.get("evidence").forEach(cell -> assertThat(cell.get("signals").isNull()).isTrue());
        }
    }

    @Test
    void theCandidatesDownloadAsCsv() {
        Answer csv = read.post(TestUsers.AUDITOR, "/api/analytics/what-if?format=csv", "{\"rule\":" + LOWER_RULE + ","
                + YEAR_2019 + "}");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text()).startsWith("\uFEFFcandidate_id,area_level,area_code");
        assertThat(csv.text()).contains(",MUNICIPALITY,13120,練馬区,C04,");
    }

    @Test
    void aBadRequestNamesEveryFieldAtFaultAndOnlyReadersOfAggregatesMayAsk() {
        Answer bad = whatIf(TestUsers.ANALYST, "{\"rule\":{\"category\":\"C77\",\"minSignals\":0,\"minDistinctCases\":1,"
                + "\"windowDays\":9999,\"areaLevel\":\"PREFECTURE\"},\"from\":\"2019-12-31\",\"to\":\"2019-01-01\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).contains("application/problem+json");
        assertThat(bad.json().get("errors").findValuesAsText("field")).contains("rule.category", "rule.minSignals",
                "rule.windowDays", "rule.areaLevel", "to");
        Answer missing = whatIf(TestUsers.ANALYST, "{\"from\":\"2019-01-01\"}");
        assertThat(missing.json().get("errors").findValuesAsText("field")).contains("rule", "to");
        Answer tooMany = whatIf(TestUsers.ANALYST, "{\"rule\":{\"category\":\"C04\",\"minSignals\":2,\"minDistinctCases\":3,"
                + "\"windowDays\":90,\"areaLevel\":\"MUNICIPALITY\"},\"from\":\"2019-01-01\",\"to\":\"2019-13-01\"}");
        assertThat(tooMany.json().get("errors").findValuesAsText("field")).contains("rule.minDistinctCases", "to");

        String body = "{\"rule\":" + LIVE_RULE + "," + YEAR_2019 + "}";
        assertThat(whatIf(TestUsers.MEGURO_WORKER, body).status()).isEqualTo(403);
        assertThat(whatIf(TestUsers.ADMIN, body).status()).isEqualTo(403);
        assertThat(whatIf(null, body).status()).isEqualTo(401);
        assertThat(whatIf(TestUsers.COUNCIL_MEMBER, body).status()).isEqualTo(200);
    }

    @Test
    void aRebuildOfTheSignalsFromTheEventStoreEqualsTheLiveProjection() {
        AnalyticsWorld.awaitQuiet(jdbc, List.of(SignalProjection.NAME));
        Map<String, List<String>> live = signalTables();
        assertThat(live.get("analytics_signal")).isNotEmpty();

        InPlaceRebuild.rebuildsTo(live, this::signalTables, processing, SignalProjection.NAME,
                () -> assertThat(jdbc.queryForObject("SELECT count(*) FROM analytics_signal", Long.class)).isZero(),
                Duration.ofSeconds(60));
    }

    private Map<String, List<String>> signalTables() {
        return InPlaceRebuild.rowsAsText(jdbc, List.of("analytics_signal"));
    }

    private Map<String, Long> rowsOfEveryTable() {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name", String.class)) {
            rows.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
        }
        return rows;
    }
}
