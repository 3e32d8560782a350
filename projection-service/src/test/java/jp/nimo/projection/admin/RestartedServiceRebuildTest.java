package jp.nimo.projection.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.command.detection.DetectionConfiguration;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.TestDatabaseInitializer;
import jp.nimo.projection.WriteSide;
import jp.nimo.projection.admin.ProcessorTokens.Segment;
import jp.nimo.projection.admin.RebuildRequest.Phase;
import jp.nimo.projection.timeline.CaseTimelineProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static jp.nimo.projection.admin.RebuildRequests.projection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read side stopped in the middle of a rebuild and started again: the rebuild is where the database
 * says, and the service resumes it from the next version's stored tokens and finishes it. The tests' shared
 * service leaves the projection to the restarted one meanwhile (its watcher and processors stopped), so that
 * the restarted service is, for this projection, the whole read side; its replay is paced
 * ({@link PacedReplay}) so that the stop lands in the middle of it.
 */
@NimoServiceTest
class RestartedServiceRebuildTest {

    private static final String PROJECTION = CaseTimelineProjection.NAME;
    private static final String NEXT = VersionedProjection.named(PROJECTION).orElseThrow().nextProcessor();
    private static final String[] SERVICE = {"nimo.node-id=read-node-restarted", "nimo.rebuild.poll-interval=200ms",
            "spring.profiles.active=" + PacedReplay.PROFILE, "axon.eventhandling.processors.case-timeline.batch-size=1"};

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProjectionRebuilds rebuilds;
    @Autowired
    ProcessorTokens tokens;

    @Test
    void aRebuildUnderWayWhenTheServiceStopsIsResumedWhenItStartsAgainAndFinishes() {
        recordEvents(16);
        ReadSideTables tables = new ReadSideTables(jdbc);
        List<String> moving = new ArrayList<>(processing.eventProcessors().keySet());
        moving.addAll(DetectionConfiguration.PROCESSORS);
        tables.awaitQuiet(moving);
        Map<String, List<String>> live = tables.snapshot();

        StreamingEventProcessor liveHere = processing.eventProcessor(PROJECTION, StreamingEventProcessor.class).orElseThrow();
        StreamingEventProcessor nextHere = processing.eventProcessor(NEXT, StreamingEventProcessor.class).orElseThrow();
        rebuilds.stop();
        liveHere.shutDown();
        nextHere.shutDown();
        RunningService service = RunningService.readSide(new TestDatabaseInitializer(), SERVICE);
        try {
            Http read = service.http();
            int liveVersion = projection(read, PROJECTION).get("liveVersion").asInt();
            long rebuildId = RebuildRequests.request(read, PROJECTION).json().get("rebuildId").asLong();
            await("the replay to be under way").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .failFast("the rebuild ended before the service was stopped", () -> rebuilds.active(PROJECTION).isEmpty())
                    .until(() -> replayingHalfway(rebuildId));
            service.close();

            RebuildRequest stopped = rebuilds.active(PROJECTION).orElseThrow();
            assertThat(stopped.id()).isEqualTo(rebuildId);
            assertThat(stopped.phase()).isEqualTo(Phase.REPLAYING);
            assertThat(ProcessorTokens.position(tokens.segments(NEXT)).orElse(0)).isLessThan(stopped.headAtReset());
            // the live version kept its rows while nothing ran
            assertThat(tables.snapshot()).isEqualTo(live);

            service = RunningService.readSide(new TestDatabaseInitializer(), SERVICE);
            JsonNode done = RebuildRequests.awaitDone(service.http(), PROJECTION);
            assertThat(done.get("rebuildId").asLong()).isEqualTo(rebuildId);
            assertThat(done.get("liveVersion").asInt()).isEqualTo(liveVersion + 1);
            assertThat(done.get("resetNode").asText()).isEqualTo("read-node-restarted");
        } finally {
            service.close();
            liveHere.start();
            nextHere.start();
            rebuilds.start();
        }
        tables.awaitQuiet(moving);
        assertThat(tables.snapshot()).isEqualTo(live);
        assertThat(jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'proj\\_%'", String.class))
                .isEmpty();
    }

    /** The next version has read part of the log and not all of it. */
    private boolean replayingHalfway(long rebuildId) {
        return rebuilds.active(PROJECTION).filter(r -> r.id() == rebuildId && r.phase() == Phase.REPLAYING)
                .map(r -> {
                    List<Segment> segments = tokens.segments(NEXT);
                    long lowest = ProcessorTokens.position(segments).orElse(0);
                    long highest = segments.stream().mapToLong(s -> s.position().orElse(0)).max().orElse(0);
                    return highest > 0 && lowest < r.headAtReset();
                })
                .orElse(false);
    }

    private static void recordEvents(int count) {
        Http write = WriteSide.http();
        Answer opened = write.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\",\"ageBand\":\"50-59\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        String caseId = opened.field("caseId");
        for (int week = 0; week < count; week++) {
            Answer recorded = write.post(MEGURO_WORKER, "/api/cases/" + caseId + "/events",
                    "{\"kind\":\"FamilySupportProvided\",\"occurredOn\":\"" + LocalDate.of(2024, 4, 1).plusWeeks(week)
                            + "\",\"format\":\"CONSULTATION\",\"unmetNeed\":false}");
            assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
        }
    }
}
