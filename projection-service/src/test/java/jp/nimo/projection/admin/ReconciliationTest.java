package jp.nimo.projection.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.command.detection.DetectionConfiguration;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static jp.nimo.infra.test.TestUsers.ADMIN;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciliation of the read side with the event store over a realistic history recorded through the
 * real write side: consistent once caught up, behind (not inconsistent) while a processor lags, a dead
 * letter accounted for, and damage done to the projections' tables in SQL named exactly until a rebuild
 * repairs it. On a database of its own: the test damages tables and blocks a projection.
 */
class ReconciliationTest {

    private static final List<String> READ_SIDE = List.of("analytics-signals", "audit-chain", "case-timeline",
            "indicators", "issue-plane");

    private static IsolatedServices services;
    private static JdbcTemplate jdbc;
    private static Http read;
    private static ReadSideTables tables;
    private static RealisticHistory history;

    @BeforeAll
    static void servicesOnADatabaseOfTheirOwn() {
        services = IsolatedServices.start("nimo.node-id=reconciliation-read-node",
                "nimo.rebuild.poll-interval=200ms");
        jdbc = services.jdbc();
        read = services.readSide().http();
        tables = new ReadSideTables(jdbc);
        history = RealisticHistory.on(services.writeSide().http());
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void aCaughtUpReadSideIsConsistentDamageIsNamedExactlyAndARebuildRepairsIt() {
        awaitQuiet();
        JsonNode clean = reconcile();
        assertThat(clean.get("consistent").asBoolean()).as(clean.toPrettyString()).isTrue();
        assertThat(clean.get("checkedAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z");
        long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        assertThat(clean.get("head").asLong()).isEqualTo(head);
        List<String> names = new ArrayList<>();
        clean.get("projections").forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).containsAll(READ_SIDE);
        for (String name : READ_SIDE) {
            JsonNode projection = projection(clean, name);
            assertThat(projection.get("state").asText()).as(name).isEqualTo("CAUGHT_UP");
            assertThat(projection.get("lowestPosition").asLong()).as(name).isEqualTo(head);
            assertThat(projection.get("highestPosition").asLong()).as(name).isEqualTo(head);
            assertThat(projection.get("behind").asLong()).as(name).isZero();
            assertThat(projection.get("deadLetters").asLong()).as(name).isZero();
            assertThat(projection.get("checks")).as(name).isNotEmpty();
        }
        // every event of its kind was compared, counted here from the store itself
        assertThat(check(clean, "case-timeline", "timeline-entries").get("compared").asLong())
                .isEqualTo(count("SELECT count(*) FROM domainevententry WHERE type = 'SupportCase'"));
        assertThat(check(clean, "issue-plane", "timeline-entries").get("compared").asLong())
                .isEqualTo(count("SELECT count(*) FROM domainevententry WHERE type = 'RegionalIssue'"));
        assertThat(check(clean, "issue-plane", "board-versions").get("compared").asLong())
                .isEqualTo(count("SELECT count(*) FROM domainevententry WHERE type = 'RegionalIssue'"));
        assertThat(check(clean, "audit-chain", "chained-events").get("compared").asLong())
                .isEqualTo(count("SELECT count(*) FROM domainevententry"));
        assertThat(check(clean, "case-timeline", "case-organisations").get("compared").asLong())
                .isEqualTo(count("SELECT count(*) FROM domainevententry"
                        + " WHERE payloadtype = 'jp.nimo.cases.CaseEvent$CaseOpened'"))
                .isEqualTo(history.cases.size());
        assertThat(check(clean, "indicators", "admissions").get("compared").asLong()).isEqualTo(1);
        assertThat(check(clean, "indicators", "discharges").get("compared").asLong()).isEqualTo(1);
        assertThat(check(clean, "indicators", "fact-days").get("compared").asLong()).isPositive();

        assertThat(check(clean, "analytics-signals", "signal-events").get("compared").asLong())
                .isEqualTo(count("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE 'jp.nimo.detection.SignalEvent$%'"))
                .isPositive();

        // damage: an entry of one case's timeline goes, a stray row joins one issue's timeline, a signal the log
        // never recorded appears and a recorded one goes
        String damagedCase = history.cases.get(1);
        String damagedIssue = history.issues.get(2);
        long caseEvents = count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = '" + damagedCase + "'");
        long issueEvents = count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = '" + damagedIssue + "'");
        assertThat(jdbc.update("DELETE FROM case_timeline_entry WHERE case_id = ? AND sequence = 1", damagedCase)).isEqualTo(1);
        assertThat(jdbc.update("INSERT INTO issue_timeline_entry (issue_id, sequence, type, at, recorded_at, decided_at,"
                + " actor_user, state, details) VALUES (?, 99, 'IssueResolved', DATE '2024-09-01', now(), now(),"
                + " 'someone', 'RESOLVED', '{}'::jsonb)", damagedIssue)).isEqualTo(1);
        String strangerSignal = "00000000-0000-4000-8000-0000000051a1";
        assertThat(jdbc.update("INSERT INTO analytics_signal (log_index, signal_id, signal_code, category, kind,"
                + " case_id, occurred_on, municipality) SELECT log_index, ?, signal_code, category, kind, case_id, occurred_on,"
                + " municipality FROM analytics_signal LIMIT 1", strangerSignal)).isEqualTo(1);
        String lostSignal = jdbc.queryForObject("SELECT signal_id FROM analytics_signal WHERE signal_id <> ?"
                + " ORDER BY signal_id LIMIT 1", String.class, strangerSignal);
        assertThat(jdbc.update("DELETE FROM analytics_signal WHERE signal_id = ?", lostSignal)).isEqualTo(1);

        JsonNode damaged = reconcile();
        assertThat(damaged.get("consistent").asBoolean()).isFalse();
        assertThat(projection(damaged, "case-timeline").get("consistent").asBoolean()).isFalse();
        assertThat(projection(damaged, "issue-plane").get("consistent").asBoolean()).isFalse();
        assertThat(differences(damaged)).containsExactlyInAnyOrder(
                "case-timeline/timeline-entries " + damagedCase + " expected " + caseEvents + " found " + (caseEvents - 1)
                        + " missing 1 unexpected 0",
                "issue-plane/timeline-entries " + damagedIssue + " expected " + issueEvents + " found " + (issueEvents + 1)
                        + " missing 0 unexpected 1",
                "analytics-signals/signal-events " + strangerSignal + " expected 0 found 1 missing 0 unexpected 1",
                "analytics-signals/signal-events " + lostSignal + " expected 1 found 0 missing 1 unexpected 0");
        for (String name : List.of("indicators", "audit-chain")) {
            assertThat(projection(damaged, name).get("consistent").asBoolean()).as(name).isTrue();
        }

        rebuild("case-timeline");
        rebuild("issue-plane");
        rebuild("analytics-signals");
        awaitQuiet();
        JsonNode repaired = reconcile();
        assertThat(repaired.get("consistent").asBoolean()).as(repaired.toPrettyString()).isTrue();
        assertThat(differences(repaired)).isEmpty();
    }

    @Test
    void aProcessorThatIsBehindIsBehindNotInconsistentAndADeadLetterIsAccountedFor() {
        awaitQuiet();
        EventProcessingConfiguration processing = services.readSide().bean(EventProcessingConfiguration.class);
        StreamingEventProcessor timeline = processing.eventProcessor("case-timeline", StreamingEventProcessor.class)
                .orElseThrow();
        String caseId = history.cases.get(0);
        timeline.shutDown();
        try {
            recordRefusal(caseId);
            JsonNode behind = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(ReconciliationTest::reconcile,
                            r -> projection(r, "audit-chain").get("behind").asLong() == 0
                                    && projection(r, "case-timeline").get("behind").asLong() > 0);
            assertThat(projection(behind, "case-timeline").get("state").asText()).isEqualTo("BEHIND");
            assertThat(projection(behind, "case-timeline").get("consistent").asBoolean()).isTrue();
            assertThat(behind.get("consistent").asBoolean()).as(behind.toPrettyString()).isTrue();
        } finally {
            timeline.start();
        }
        awaitQuiet();

        // the case timeline cannot take this case's next event: it parks it, and the events behind it
        jdbc.execute("ALTER TABLE case_timeline_entry ADD CONSTRAINT reconciliation_poison"
                + " CHECK (case_id <> '" + caseId + "') NOT VALID");
        try {
            recordRefusal(caseId);
            awaitQuiet();
            JsonNode parked = reconcile();
            JsonNode projection = projection(parked, "case-timeline");
            assertThat(projection.get("deadLetters").asLong()).isEqualTo(1);
            assertThat(check(parked, "case-timeline", "timeline-entries").get("deadLettered").asLong()).isEqualTo(1);
            assertThat(projection.get("consistent").asBoolean()).as(parked.toPrettyString()).isTrue();
            assertThat(parked.get("consistent").asBoolean()).isTrue();
        } finally {
            jdbc.execute("ALTER TABLE case_timeline_entry DROP CONSTRAINT IF EXISTS reconciliation_poison");
        }
        Answer retried = read.post(ADMIN, "/api/admin/dead-letters/case-timeline/retry", "");
        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        JsonNode retriedAll = reconcile();
        assertThat(projection(retriedAll, "case-timeline").get("deadLetters").asLong()).isZero();
        assertThat(check(retriedAll, "case-timeline", "timeline-entries").get("deadLettered").asLong()).isZero();
        assertThat(retriedAll.get("consistent").asBoolean()).as(retriedAll.toPrettyString()).isTrue();
    }

    private static void recordRefusal(String caseId) {
        Answer recorded = services.writeSide().http().post(MEGURO_WORKER, "/api/cases/" + caseId + "/events",
                "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-08-01\",\"reason\":\"UNKNOWN\"}");
        assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
    }

    private static void rebuild(String processor) {
        RebuildRequests.request(read, processor);
        RebuildRequests.awaitDone(read, processor);
    }

    private static JsonNode reconcile() {
        Answer answer = read.get(ADMIN, "/api/admin/reconciliation");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode projection(JsonNode report, String name) {
        for (JsonNode projection : report.get("projections")) {
            if (projection.get("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError(name + " is not reconciled: " + report);
    }

    private static JsonNode check(JsonNode report, String processor, String name) {
        for (JsonNode check : projection(report, processor).get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError(processor + " has no check " + name + ": " + report);
    }

    /** Every difference of every check, as one line each. */
    private static List<String> differences(JsonNode report) {
        List<String> lines = new ArrayList<>();
        for (JsonNode projection : report.get("projections")) {
            for (JsonNode check : projection.get("checks")) {
                assertThat(check.get("differenceCount").asLong()).isEqualTo(check.get("differences").size());
                for (JsonNode d : check.get("differences")) {
                    lines.add(projection.get("name").asText() + "/" + check.get("name").asText() + " "
                            + d.get("aggregateId").asText() + " expected " + d.get("expected").asLong()
                            + " found " + d.get("found").asLong() + " missing " + d.get("missing").asLong()
                            + " unexpected " + d.get("unexpected").asLong());
                }
            }
        }
        return lines;
    }

    private static long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    private static void awaitQuiet() {
        List<String> moving = new ArrayList<>(services.readSide().bean(EventProcessingConfiguration.class).eventProcessors().keySet());
        moving.addAll(DetectionConfiguration.PROCESSORS);
        tables.awaitQuiet(moving);
    }
}
