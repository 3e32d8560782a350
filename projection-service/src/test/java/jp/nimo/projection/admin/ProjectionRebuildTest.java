package jp.nimo.projection.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.command.detection.DetectionConfiguration;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.TestDatabaseInitializer;
import jp.nimo.projection.WriteSide;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static jp.nimo.infra.test.TestUsers.ADMIN;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static jp.nimo.projection.admin.RebuildRequests.projection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilds over REST with two read-side nodes sharing the segments of every processor: the one Spring's
 * test support starts (node A) and a second one started here on the same database (node B).
 */
@NimoServiceTest
class ProjectionRebuildTest {

    private static final String NODE_B = "read-node-b";
    private static RunningService nodeB;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReadSideNode nodeA;
    @Autowired
    EventProcessingConfiguration processing;

    private Http readA;
    private Http readB;
    private ReadSideTables tables;

    @BeforeEach
    void twoNodes() {
        readA = new Http(port);
        tables = new ReadSideTables(jdbc);
        if (nodeB == null) {
            // started once node A runs, so that node A holds the segments and has to give some up
            nodeB = RunningService.readSide(new TestDatabaseInitializer(),
                    "nimo.node-id=" + NODE_B, "nimo.rebuild.poll-interval=200ms", "nimo.rebuild.release-timeout=5s",
                    "axon.eventhandling.processors.case-timeline.token-claim-interval=200",
                    "axon.eventhandling.processors.case-timeline.token-claim-interval-time-unit=MILLISECONDS",
                    "axon.eventhandling.processors.issue-plane.token-claim-interval=200",
                    "axon.eventhandling.processors.issue-plane.token-claim-interval-time-unit=MILLISECONDS");
        }
        readB = nodeB.http();
    }

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
            nodeB = null;
        }
    }

    @Test
    void aRebuildWhileTwoNodesShareTheSegmentsEqualsTheLiveProjectionsRowForRow() {
        RealisticHistory history = RealisticHistory.on(WriteSide.http());
        List<String> rebuildable = rebuildable();
        assertThat(rebuildable).contains("case-timeline", "issue-plane").doesNotContain("audit-chain");
        for (String processor : rebuildable) {
            splitBetweenTheNodes(processor);
        }
        List<String> moving = new ArrayList<>(processing.eventProcessors().keySet());
        moving.addAll(DetectionConfiguration.PROCESSORS);
        tables.awaitQuiet(moving);
        Map<String, List<String>> live = tables.snapshot();
        assertThat(live).containsKeys("case_file", "case_timeline_entry", "issue_board_version", "issue_timeline_entry");
        assertThat(live.get("case_file")).anyMatch(row -> row.contains(history.cases.get(2)));
        assertThat(live.get("issue_timeline_entry")).anyMatch(row -> row.contains(history.issues.get(0)));
        // damage the live tables: only a rebuild from the events puts them right again
        jdbc.update("UPDATE case_file SET closed = NOT closed WHERE case_id = ?", history.cases.get(2));
        jdbc.update("DELETE FROM issue_timeline_entry WHERE issue_id = ?", history.issues.get(0));
        assertThat(tables.snapshot()).isNotEqualTo(live);

        for (String processor : rebuildable) {
            int liveBefore = projection(readA, processor).get("liveVersion").asInt();
            Answer accepted = RebuildRequests.request(readA, processor);
            assertThat(accepted.field("status")).isEqualTo("REBUILDING");
            assertThat(accepted.field("requestedBy")).isEqualTo(ADMIN);

            // node B follows the same rebuild: the request lives in the shared database
            JsonNode done = RebuildRequests.awaitDone(readB, processor);
            assertThat(done.get("done").asBoolean()).isTrue();
            assertThat(done.get("rebuildId").asLong()).isEqualTo(accepted.json().get("rebuildId").asLong());
            assertThat(done.get("resetNode").asText()).isIn(nodeA.id(), NODE_B);
            assertThat(done.get("position").asLong()).isGreaterThanOrEqualTo(done.get("head").asLong());
            assertThat(done.get("head").asLong()).isPositive();
            assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
            // the version built is the one readers see now, on both nodes, and the one it replaced is gone
            assertThat(done.get("buildingVersion").asInt()).isEqualTo(liveBefore + 1);
            assertThat(done.get("liveVersion").asInt()).isEqualTo(liveBefore + 1);
            assertThat(projection(readB, processor).get("liveVersion").asInt()).isEqualTo(liveBefore + 1);
            assertThat(projection(readB, processor).has("buildingVersion")).isFalse();
            assertThat(jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'proj\\_%'", String.class))
                    .isEmpty();

            // both nodes run the processor again and hold its segments between them
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonNode onA = projection(readA, processor);
                JsonNode onB = projection(readB, processor);
                return onA.get("status").asText().equals("RUNNING") && onB.get("status").asText().equals("RUNNING")
                        && onA.get("claimedHere").asInt() + onB.get("claimedHere").asInt() == onA.get("segments").asInt();
            });
        }

        tables.awaitQuiet(moving);
        Map<String, List<String>> rebuilt = tables.snapshot();
        assertThat(rebuilt.keySet()).containsExactlyElementsOf(live.keySet());
        for (String table : live.keySet()) {
            assertThat(rebuilt.get(table)).as(table).containsExactlyElementsOf(live.get(table));
        }
    }

    @Test
    void aNodeThatKeepsItsSegmentsFailsTheRebuildAtTheDeadlineAndEveryNodeRunsAgain() {
        Http write = WriteSide.http();
        Answer opened = write.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\",\"externalRef\":\"MG-301\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        assertThat(write.post(MEGURO_WORKER, "/api/cases/" + opened.field("caseId") + "/events",
                "{\"kind\":\"RentalRefused\",\"occurredOn\":\"2024-05-01\",\"reason\":\"PREJUDICE\"}").status()).isEqualTo(201);
        splitBetweenTheNodes("case-timeline");
        List<String> quiet = new ArrayList<>(List.of("case-timeline", "issue-plane"));
        quiet.addAll(DetectionConfiguration.PROCESSORS);
        tables.awaitQuiet(quiet);
        Map<String, List<String>> before = tables.snapshot();
        // a node that does not watch the rebuild requests (an older version, say) and renews its claim on a
        // segment of the processor that builds the next version
        jdbc.update("UPDATE tokenentry SET owner = 'retired-node', timestamp = '2999-01-01T00:00:00Z'"
                + " WHERE processorname = 'case-timeline~next' AND segment = 0");
        try {
            Answer accepted = RebuildRequests.request(readB, "case-timeline");
            assertThat(accepted.field("phase")).isEqualTo("RELEASING");

            Answer second = readA.post(ADMIN, "/api/admin/projections/case-timeline/rebuild", "");
            assertThat(second.status()).as(second.text()).isEqualTo(409);
            assertThat(second.contentType()).startsWith("application/problem+json");
            assertThat(second.json().get("rebuildId").asLong()).isEqualTo(accepted.json().get("rebuildId").asLong());
            assertThat(projection(readA, "case-timeline").get("status").asText()).isEqualTo("REBUILDING");
            assertThat(projection(readA, "issue-plane").get("status").asText()).isEqualTo("RUNNING");

            JsonNode failed = RebuildRequests.settled(readA, "case-timeline", Duration.ofSeconds(30));
            assertThat(failed.get("status").asText()).isEqualTo("FAILED");
            assertThat(failed.get("done").asBoolean()).isFalse();
            assertThat(failed.get("detail").asText()).contains("retired-node", "[0]", "nothing was reset");
            assertThat(failed.has("resetAt")).isFalse();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    projection(readA, "case-timeline").get("status").asText().equals("RUNNING")
                            && projection(readB, "case-timeline").get("status").asText().equals("RUNNING"));
            assertThat(tables.snapshot()).isEqualTo(before);
        } finally {
            jdbc.update("UPDATE tokenentry SET owner = NULL WHERE owner = 'retired-node'");
        }
        // the next rebuild may go ahead
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode onA = projection(readA, "case-timeline");
            return onA.get("claimedHere").asInt() + projection(readB, "case-timeline").get("claimedHere").asInt()
                    == onA.get("segments").asInt();
        });
    }

    private List<String> rebuildable() {
        return RebuildRequests.rebuildable(readA);
    }

    /**
     * Makes each node hold some of the processor's segments: the node holding all gives two up for a moment.
     * A processor of one segment (one that must see the log in order) runs on one node at a time anyway.
     */
    private void splitBetweenTheNodes(String processor) {
        if (projection(readA, processor).get("segments").asInt() < 2) {
            return;
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            int onA = projection(readA, processor).get("claimedHere").asInt();
            int onB = projection(readB, processor).get("claimedHere").asInt();
            if (onA > 0 && onB > 0) {
                return true;
            }
            EventProcessingConfiguration holder = onA >= onB ? processing : nodeB.bean(EventProcessingConfiguration.class);
            StreamingEventProcessor giving = holder.eventProcessor(processor, StreamingEventProcessor.class).orElseThrow();
            giving.releaseSegment(0, 3, TimeUnit.SECONDS);
            giving.releaseSegment(1, 3, TimeUnit.SECONDS);
            return false;
        });
    }
}
