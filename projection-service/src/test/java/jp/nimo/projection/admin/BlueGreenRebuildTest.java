package jp.nimo.projection.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.command.detection.DetectionConfiguration;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.projection.WriteSide;
import jp.nimo.projection.timeline.CaseTimelineProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static jp.nimo.infra.test.TestUsers.ADMIN;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static jp.nimo.projection.admin.RebuildRequests.projection;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild builds the next version of a projection beside the live one: readers get the live version in
 * full while the next one replays, then the next one in its place, with the same answer, and the old
 * version gone. The replay is held at a gate ({@link HeldReplay}) so that the test looks in its middle.
 */
@NimoServiceTest
class BlueGreenRebuildTest {

    private static final String PROJECTION = CaseTimelineProjection.NAME;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void theLiveVersionAnswersInFullWhileTheNextOneReplaysAndAfterTheSwitchTheAnswerIsTheSame() throws InterruptedException {
        String caseId = aCaseInMeguro();
        Http read = new Http(port);
        ReadSideTables tables = new ReadSideTables(jdbc);
        List<String> moving = new ArrayList<>(processing.eventProcessors().keySet());
        moving.addAll(DetectionConfiguration.PROCESSORS);
        tables.awaitQuiet(moving);
        String timeline = "/api/cases/" + caseId + "/timeline";
        String before = read.get(MEGURO_WORKER, timeline).text();
        assertThat(before).contains("FamilySupportProvided");
        Map<String, List<String>> live = tables.snapshot();
        List<String> indexes = liveIndexes();
        int liveVersion = projection(read, PROJECTION).get("liveVersion").asInt();
        String next = "proj_case_timeline_v" + (liveVersion + 1);

        HeldReplay.close();
        try {
            RebuildRequests.request(read, PROJECTION);
            assertThat(HeldReplay.awaitHeld(Duration.ofSeconds(30))).as("the replay reached the gate").isTrue();

            JsonNode status = projection(read, PROJECTION);
            assertThat(status.get("status").asText()).isEqualTo("REBUILDING");
            assertThat(status.get("liveVersion").asInt()).isEqualTo(liveVersion);
            assertThat(status.get("buildingVersion").asInt()).isEqualTo(liveVersion + 1);
            Answer progress = read.get(ADMIN, "/api/admin/projections/" + PROJECTION + "/rebuild");
            assertThat(progress.field("phase")).isEqualTo("REPLAYING");
            assertThat(progress.json().get("buildingVersion").asInt()).isEqualTo(liveVersion + 1);
            // readers get the live version whole, not tables emptied for the replay
            assertThat(read.get(MEGURO_WORKER, timeline).text()).isEqualTo(before);
            assertThat(tables.snapshot()).isEqualTo(live);
            assertThat(jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
                    String.class, next)).containsExactlyInAnyOrder("case_file", "case_organisation", "case_timeline_entry");
        } finally {
            HeldReplay.open();
        }

        JsonNode done = RebuildRequests.awaitDone(read, PROJECTION);
        assertThat(done.get("liveVersion").asInt()).isEqualTo(liveVersion + 1);
        tables.awaitQuiet(moving);
        assertThat(read.get(MEGURO_WORKER, timeline).text()).isEqualTo(before);
        assertThat(tables.snapshot()).isEqualTo(live);
        // the old version is gone, and the new tables took its names, indexes and keys included
        assertThat(jdbc.queryForList("SELECT nspname FROM pg_namespace WHERE nspname = ?", String.class, next)).isEmpty();
        assertThat(liveIndexes()).isEqualTo(indexes);
    }

    @Test
    void aSecondRequestWhileOneRunsIsRefusedWithTheRunningOne() throws InterruptedException {
        aCaseInMeguro();
        Http read = new Http(port);
        HeldReplay.close();
        try {
            Answer accepted = RebuildRequests.request(read, PROJECTION);
            assertThat(HeldReplay.awaitHeld(Duration.ofSeconds(30))).as("the replay reached the gate").isTrue();
            Answer second = read.post(ADMIN, "/api/admin/projections/" + PROJECTION + "/rebuild", "");
            assertThat(second.status()).as(second.text()).isEqualTo(409);
            assertThat(second.json().get("rebuildId").asLong()).isEqualTo(accepted.json().get("rebuildId").asLong());
        } finally {
            HeldReplay.open();
        }
        RebuildRequests.awaitDone(read, PROJECTION);
    }

    @Test
    void everyTableTheProjectionsWriteExistsInVersions() {
        Set<String> versioned = VersionedProjection.ALL.stream().flatMap(p -> p.tables().stream()).collect(Collectors.toSet());
        // a table left out would be written in the live version by the replay of the next one
        assertThat(versioned).containsAll(new ReadSideTables(jdbc).names().stream()
                .filter(table -> !table.startsWith("import_")).toList());
    }

    private List<String> liveIndexes() {
        return jdbc.queryForList("SELECT tablename || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'"
                + " AND tablename IN ('case_file', 'case_organisation', 'case_timeline_entry') ORDER BY 1", String.class);
    }

    private static String aCaseInMeguro() {
        Http write = WriteSide.http();
        Answer opened = write.post(MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\",\"ageBand\":\"40-49\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        String caseId = opened.field("caseId");
        for (int week = 0; week < 3; week++) {
            Answer recorded = write.post(MEGURO_WORKER, "/api/cases/" + caseId + "/events",
                    "{\"kind\":\"FamilySupportProvided\",\"occurredOn\":\"" + LocalDate.of(2024, 4, 1).plusWeeks(week)
                            + "\",\"format\":\"CONSULTATION\",\"unmetNeed\":false}");
            assertThat(recorded.status()).as(recorded.text()).isEqualTo(201);
        }
        return caseId;
    }
}
