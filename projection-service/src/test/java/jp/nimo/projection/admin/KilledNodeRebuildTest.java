package jp.nimo.projection.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.command.detection.DetectionConfiguration;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.projection.WriteSide;
import jp.nimo.projection.admin.ProcessorTokens.Segment;
import jp.nimo.projection.admin.RebuildRequest.Phase;
import jp.nimo.projection.timeline.CaseTimelineProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static jp.nimo.projection.admin.RebuildRequests.projection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A read-side node that dies (SIGKILL, in a JVM of its own) in the middle of a rebuild: the node left
 * finishes the rebuild, takes over every segment once the dead node's claims time out, and the tables come
 * out as the live projection had them, row for row. The node that is killed replays at a pace
 * ({@link PacedReplay}) so that the kill lands while it still holds part of the replay.
 */
@NimoServiceTest
class KilledNodeRebuildTest {

    // node B's: its claims lapse in seconds, a free segment is claimed at once, and its replay stores its token
    // after every event. Node A is the tests' shared service as it runs (another context of the tests, with
    // settings of its own, would be a third node holding segments of the same processor on the same database).
    static final String CLAIM_TIMEOUT = "axon.eventhandling.tokenstore.claim-timeout=3s";
    static final String CLAIM_INTERVAL = "axon.eventhandling.processors.case-timeline.token-claim-interval=200";
    static final String CLAIM_INTERVAL_UNIT = "axon.eventhandling.processors.case-timeline.token-claim-interval-time-unit=MILLISECONDS";
    static final String BATCH = "axon.eventhandling.processors.case-timeline.batch-size=1";
    static final String POLL = "nimo.rebuild.poll-interval=200ms";

    private static final String PROCESSOR = CaseTimelineProjection.NAME;
    /** The processor that builds the next version while the live one keeps the tables readers see. */
    private static final String NEXT = VersionedProjection.named(PROCESSOR).orElseThrow().nextProcessor();
    private static final String NODE_B = "read-node-b";
    private static final int CASES = 8;
    private static final int EVENTS_PER_CASE = 6;

    private static ReadSideProcess nodeB;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReadSideNode nodeA;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProcessorTokens tokens;
    @Autowired
    ProjectionRebuilds rebuilds;

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
            nodeB = null;
        }
    }

    @Test
    void theNodeLeftFinishesARebuildWhoseOtherNodeWasKilledMidwayAndTheTablesEqualTheLiveOnes() throws InterruptedException {
        List<String> cases = recordHistory();
        nodeB = ReadSideProcess.start(CLAIM_TIMEOUT, CLAIM_INTERVAL, CLAIM_INTERVAL_UNIT, BATCH, POLL,
                "nimo.node-id=" + NODE_B, "spring.profiles.active=" + PacedReplay.PROFILE);
        Http readA = new Http(port);
        Http readB = nodeB.http();
        ReadSideTables tables = new ReadSideTables(jdbc);

        // the live processor's segments split between the nodes, and each keeps its own while nothing
        // happens for longer than the claim timeout: the claims are renewed in time
        awaitSegmentsOf(NODE_B);
        List<String> moving = new ArrayList<>(processing.eventProcessors().keySet());
        moving.addAll(DetectionConfiguration.PROCESSORS);
        tables.awaitQuiet(moving);
        Map<Integer, String> owners = owners();
        assertThat(owners).containsValues(nodeA.id(), NODE_B);
        assertThat(projection(readB, PROCESSOR).get("claimedHere").asInt()).isPositive();
        assertThat(projection(readA, PROCESSOR).get("claimedHere").asInt()).isPositive();
        await("each node to keep its segments").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .during(Duration.ofSeconds(8)).until(() -> owners().equals(owners));
        Map<String, List<String>> live = tables.snapshot();
        assertThat(live.get("case_timeline_entry")).filteredOn(row -> row.contains(cases.get(CASES - 1)))
                .hasSize(EVENTS_PER_CASE + 1);
        // damage the live table: only the rebuild puts it right again
        jdbc.update("DELETE FROM case_timeline_entry WHERE case_id = ?", cases.get(0));
        assertThat(tables.snapshot()).isNotEqualTo(live);

        long rebuildId = rebuildWithNodeBReplaying(readA);
        nodeB.kill();

        // what the dead node left behind: the rebuild still replaying, and a claim of its own behind the head
        RebuildRequest atKill = rebuilds.active(PROCESSOR).orElseThrow();
        assertThat(atKill.id()).isEqualTo(rebuildId);
        assertThat(atKill.phase()).isEqualTo(Phase.REPLAYING);
        assertThat(tokens.segments(NEXT)).as("segments of the next version at the kill")
                .anyMatch(s -> behindTheHead(s, NODE_B, atKill.headAtReset()));

        JsonNode done = RebuildRequests.awaitDone(readA, PROCESSOR);
        assertThat(done.get("rebuildId").asLong()).isEqualTo(rebuildId);
        assertThat(done.get("position").asLong()).isGreaterThanOrEqualTo(done.get("head").asLong());
        assertThat(done.get("head").asLong()).isEqualTo(atKill.headAtReset());
        // node A holds every segment, none is left to the dead node
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode onA = projection(readA, PROCESSOR);
            return onA.get("status").asText().equals("RUNNING") && onA.get("claimedHere").asInt() == onA.get("segments").asInt();
        });
        assertThat(tokens.segments(PROCESSOR)).hasSizeGreaterThan(1).allMatch(s -> nodeA.id().equals(s.owner()));

        tables.awaitQuiet(moving);
        Map<String, List<String>> rebuilt = tables.snapshot();
        assertThat(rebuilt.keySet()).containsExactlyElementsOf(live.keySet());
        for (String table : live.keySet()) {
            assertThat(rebuilt.get(table)).as(table).containsExactlyElementsOf(live.get(table));
        }
    }

    /** Cases in 目黒区 with enough recorded events that a paced replay of them takes some seconds. */
    private static List<String> recordHistory() {
        Http write = WriteSide.http();
        List<String> cases = new ArrayList<>();
        for (int c = 0; c < CASES; c++) {
            Answer opened = write.post(MEGURO_WORKER, "/api/cases",
                    "{\"municipality\":\"13110\",\"externalRef\":\"MG-KN-" + c + "\",\"ageBand\":\"40-49\"}");
            assertThat(opened.status()).as(opened.text()).isEqualTo(201);
            String caseId = opened.field("caseId");
            LocalDate day = LocalDate.of(2024, 4, 1);
            for (int e = 0; e < EVENTS_PER_CASE; e++) {
                Answer recorded = write.post(MEGURO_WORKER, "/api/cases/" + caseId + "/events",
                        "{\"kind\":\"FamilySupportProvided\",\"occurredOn\":\"" + day.plusWeeks(e)
                                + "\",\"format\":\"CONSULTATION\",\"unmetNeed\":" + (e % 2 == 0) + "}");
                assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
            }
            cases.add(caseId);
        }
        return cases;
    }

    /**
     * Asks for a rebuild and waits until node B holds a segment of the next version that it is still replaying.
     * Node A replays at full speed, so on a busy machine it can have replayed every segment before node B
     * claims one; such a rebuild is done whole (and repairs the table as well), and the next one is asked for.
     */
    private long rebuildWithNodeBReplaying(Http readA) {
        for (int attempt = 1; ; attempt++) {
            Answer accepted = RebuildRequests.request(readA, PROCESSOR);
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
            long rebuildId = accepted.json().get("rebuildId").asLong();
            await(NODE_B + " to hold a segment it still replays, or the rebuild to end")
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> holdsASegment(NODE_B, true) || rebuilds.active(PROCESSOR).isEmpty());
            if (rebuilds.active(PROCESSOR).map(r -> r.id() == rebuildId).orElse(false) && holdsASegment(NODE_B, true)) {
                return rebuildId;
            }
            assertThat(attempt).as("rebuilds that ended before " + NODE_B + " was caught replaying").isLessThan(5);
            RebuildRequests.awaitDone(readA, PROCESSOR);
        }
    }

    /** Waits until {@code node} holds a segment of the live processor. */
    private void awaitSegmentsOf(String node) {
        await(node + " to hold a segment").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> holdsASegment(node, false));
    }

    private boolean holdsASegment(String node, boolean duringTheRebuild) {
        String processor = duringTheRebuild ? NEXT : PROCESSOR;
        List<Segment> segments = tokens.segments(processor);
        boolean holds = duringTheRebuild
                ? rebuilds.active(PROCESSOR).filter(r -> r.phase() == Phase.REPLAYING)
                        .map(r -> segments.stream().anyMatch(s -> behindTheHead(s, node, r.headAtReset())))
                        .orElse(false)
                : segments.stream().anyMatch(s -> node.equals(s.owner()));
        if (!holds && segments.size() > 1 && segments.stream().allMatch(s -> nodeA.id().equals(s.owner()))) {
            StreamingEventProcessor onA = processing.eventProcessor(processor, StreamingEventProcessor.class).orElseThrow();
            onA.releaseSegment(segments.get(0).segment(), 3, TimeUnit.SECONDS);
            onA.releaseSegment(segments.get(1).segment(), 3, TimeUnit.SECONDS);
        }
        return holds;
    }

    private Map<Integer, String> owners() {
        Map<Integer, String> owners = new TreeMap<>();
        tokens.segments(PROCESSOR).forEach(s -> owners.put(s.segment(), String.valueOf(s.owner())));
        return owners;
    }

    private static boolean behindTheHead(Segment segment, String node, long head) {
        return node.equals(segment.owner()) && segment.replaying() && segment.position().orElse(-1) < head;
    }
}
