package jp.nimo.projection.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.nimo.command.detection.DetectionConfiguration;
import jp.nimo.infra.backup.DatabaseBackup;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.TestDatabase;
import jp.nimo.infra.test.TestDatabaseInitializer;
import jp.nimo.projection.WriteSide;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static jp.nimo.infra.test.TestUsers.AUDITOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A realistic history recorded through the real write side, backed up, restored into an empty database
 * and served by a read side started on it: once every projection is rebuilt from the restored event
 * store, the board, every issue's timeline and the audit chain's head are those of the original.
 */
@NimoServiceTest
class BackupRestoreTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @TempDir
    Path directory;

    @Test
    void aRestoredDatabaseRebuildsToTheOriginalBoardTimelinesAndAuditHead() {
        RealisticHistory history = RealisticHistory.on(WriteSide.http());
        ReadSideTables tables = new ReadSideTables(jdbc);
        List<String> moving = new ArrayList<>(processing.eventProcessors().keySet());
        moving.addAll(DetectionConfiguration.PROCESSORS);
        tables.awaitQuiet(moving);
        Views original = Views.of(new Http(port), jdbc, history.issues);
        Map<String, List<String>> originalTables = tables.snapshot();
        long head = eventHead(jdbc);

        Path file = directory.resolve("nimo.backup");
        DatabaseBackup.Summary written = new DatabaseBackup(jdbc.getDataSource()).backup(file);
        // the views above are those of the backup's snapshot only if no event came in meanwhile
        assertThat(eventHead(jdbc)).isEqualTo(head);
        assertThat(written.rows()).isPositive();

        TestDatabase empty = TestDatabase.isolated();
        DatabaseBackup.Summary restored = DatabaseBackup.connectingTo(empty.url(), empty.user(), empty.password()).restore(file);
        // the schema version is the one the source was migrated to, whatever the newest migration is
        assertThat(written.schemaVersion()).isEqualTo(jdbc.queryForObject(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1", String.class));
        assertThat(restored).isEqualTo(new DatabaseBackup.Summary(written.tables(), written.rows(), written.bytes(),
                written.schemaVersion()));

        List<String> properties = new ArrayList<>(List.of("nimo.node-id=restored-node", "nimo.rebuild.poll-interval=200ms"));
        // a restarted processor claims its segments at once rather than after Axon's default 5 s
        for (String processor : List.of("analytics-signals", "case-timeline", "indicators", "issue-plane")) {
            properties.add("axon.eventhandling.processors." + processor + ".token-claim-interval=200");
            properties.add("axon.eventhandling.processors." + processor + ".token-claim-interval-time-unit=MILLISECONDS");
        }
        try (RunningService readSide = RunningService.readSide(TestDatabaseInitializer.on(empty), properties.toArray(String[]::new))) {
            Http read = readSide.http();
            JdbcTemplate restoredJdbc = readSide.bean(JdbcTemplate.class);
            assertThat(eventHead(restoredJdbc)).isEqualTo(head);
            List<String> rebuildable = RebuildRequests.rebuildable(read);
            assertThat(rebuildable).contains("case-timeline", "issue-plane");
            // wipe what came over with the backup, so that only the rebuild can bring the views back
            ReadSideTables restoredTables = new ReadSideTables(restoredJdbc);
            for (String table : restoredTables.names()) {
                restoredJdbc.update("DELETE FROM " + table);
            }
            // one rebuild per processor at a time, but the processors' rebuilds may run side by side
            rebuildable.forEach(processor -> RebuildRequests.request(read, processor));
            rebuildable.forEach(processor -> RebuildRequests.awaitDone(read, processor));
            restoredTables.awaitQuiet(new ArrayList<>(readSide.bean(EventProcessingConfiguration.class).eventProcessors().keySet()));

            Views rebuilt = Views.of(read, restoredJdbc, history.issues);
            assertThat(rebuilt.board()).isEqualTo(original.board());
            assertThat(rebuilt.timelines()).isEqualTo(original.timelines());
            assertThat(rebuilt.auditHead()).isEqualTo(original.auditHead());
            assertThat(restoredTables.snapshot()).isEqualTo(originalTables);
            // every event row came back byte for byte: the chain of hashes over them still holds
            Answer verified = read.get(AUDITOR, "/api/audit/verify");
            assertThat(verified.status()).as(verified.text()).isEqualTo(200);
            assertThat(verified.json().get("verified").asBoolean()).as(verified.text()).isTrue();
        }
    }

    /** What an operator checks after a restore: the board, each issue's timeline, the head of the audit chain. */
    private record Views(JsonNode board, Map<String, JsonNode> timelines, Map<String, Object> auditHead) {

        static Views of(Http read, JdbcTemplate jdbc, List<String> issues) {
            Answer board = read.get(AUDITOR, "/api/issues");
            assertThat(board.status()).as(board.text()).isEqualTo(200);
            List<String> onTheBoard = new ArrayList<>();
            board.json().get("items").forEach(item -> onTheBoard.add(item.get("issueId").asText()));
            // detection may have raised issues of its own beside the history's: every one is compared
            assertThat(onTheBoard).containsAll(issues);
            Map<String, JsonNode> timelines = new LinkedHashMap<>();
            for (String issue : onTheBoard) {
                Answer timeline = read.get(AUDITOR, "/api/issues/" + issue + "/timeline");
                assertThat(timeline.status()).as(timeline.text()).isEqualTo(200);
                assertThat(timeline.json().get("entries")).isNotEmpty();
                timelines.put(issue, withoutQueryTime(timeline.json()));
            }
            Map<String, Object> head = jdbc.queryForMap("SELECT global_index, chain_hash FROM audit_chain"
                    + " ORDER BY chain_position DESC LIMIT 1");
            return new Views(withoutQueryTime(board.json()), timelines, head);
        }

        /** The answer without the moment it was asked ("asOf" is now when none is given). */
        private static JsonNode withoutQueryTime(JsonNode answer) {
            ObjectNode copy = answer.deepCopy();
            copy.remove("asOf");
            return copy;
        }
    }

    private static long eventHead(JdbcTemplate jdbc) {
        Long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        return head == null ? 0 : head;
    }
}
