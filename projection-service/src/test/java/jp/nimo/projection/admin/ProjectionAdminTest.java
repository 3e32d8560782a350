package jp.nimo.projection.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.Map;

import static jp.nimo.infra.test.TestUsers.ADMIN;
import static jp.nimo.infra.test.TestUsers.AUDITOR;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/** The projection and dead-letter administration: its shape, who may use it, and its refusals. */
@NimoServiceTest
class ProjectionAdminTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReadSideNode node;

    private Http read;

    @BeforeEach
    void setUp() {
        read = new Http(port);
    }

    @Test
    void theOperatorSeesEveryProcessorOfTheReadSideWithItsPositionAndSegments() {
        Answer answer = read.get(ADMIN, "/api/admin/projections");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        Map<String, JsonNode> byName = new HashMap<>();
        answer.json().get("projections").forEach(p -> byName.put(p.get("name").asText(), p));
        assertThat(byName).containsKeys("case-timeline", "issue-plane", "audit-chain");

        JsonNode timeline = byName.get("case-timeline");
        assertThat(timeline.get("status").asText()).isIn("RUNNING", "REBUILDING");
        assertThat(timeline.get("segments").asInt()).isEqualTo(4);
        assertThat(timeline.get("claimedHere").asInt()).isBetween(0, 4);
        assertThat(timeline.get("position").asLong()).isLessThanOrEqualTo(timeline.get("head").asLong());
        assertThat(timeline.get("deadLetters").asLong()).isEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM deadletterentry WHERE processinggroup = 'case-timeline'", Long.class));
        assertThat(timeline.get("rebuildable").asBoolean()).isTrue();
        Long claimed = jdbc.queryForObject("SELECT count(*) FROM tokenentry WHERE processorname = 'case-timeline' AND owner = ?",
                Long.class, node.id());
        assertThat(timeline.get("claimedHere").asLong()).isEqualTo(claimed);

        JsonNode chain = byName.get("audit-chain");
        assertThat(chain.get("segments").asInt()).isEqualTo(1);
        assertThat(chain.get("rebuildable").asBoolean()).isFalse();
    }

    @Test
    void onlyTheOperatorMayLookOrRebuildAndNothingIsRequestedOnARefusal() {
        long requests = requests();
        assertThat(read.get(null, "/api/admin/projections").status()).isEqualTo(401);
        Answer auditor = read.get(AUDITOR, "/api/admin/projections");
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(auditor.contentType()).startsWith("application/problem+json");
        assertThat(read.get(MEGURO_WORKER, "/api/admin/projections").status()).isEqualTo(403);
        assertThat(read.post(AUDITOR, "/api/admin/projections/case-timeline/rebuild", "").status()).isEqualTo(403);
        assertThat(read.post(null, "/api/admin/projections/case-timeline/rebuild", "").status()).isEqualTo(401);
        assertThat(read.get(AUDITOR, "/api/admin/projections/case-timeline/rebuild").status()).isEqualTo(403);
        assertThat(read.get(AUDITOR, "/api/admin/dead-letters").status()).isEqualTo(403);
        assertThat(read.get(null, "/api/admin/dead-letters").status()).isEqualTo(401);
        assertThat(read.post(MEGURO_WORKER, "/api/admin/dead-letters/case-timeline/retry", "").status()).isEqualTo(403);
        assertThat(requests()).isEqualTo(requests);
    }

    @Test
    void anUnknownProjectionIsA404AndTheAuditChainIsNeverRebuilt() {
        long requests = requests();
        Answer unknown = read.post(ADMIN, "/api/admin/projections/no-such-projection/rebuild", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(read.get(ADMIN, "/api/admin/projections/no-such-projection/rebuild").status()).isEqualTo(404);

        Answer chain = read.post(ADMIN, "/api/admin/projections/audit-chain/rebuild", "");
        assertThat(chain.status()).as(chain.text()).isEqualTo(422);
        assertThat(chain.field("rule")).isEqualTo("projection-not-rebuildable");
        // never asked for: there is no progress to show
        assertThat(read.get(ADMIN, "/api/admin/projections/audit-chain/rebuild").status()).isEqualTo(404);
        assertThat(requests()).isEqualTo(requests);
    }

    @Test
    void deadLettersOfAnUnknownProcessorOrOneWithoutAQueueAre404AndABadLimitIs400() {
        assertThat(read.get(ADMIN, "/api/admin/dead-letters?processor=no-such-projection").status()).isEqualTo(404);
        assertThat(read.post(ADMIN, "/api/admin/dead-letters/no-such-projection/retry", "").status()).isEqualTo(404);
        // the audit chain stops on a failing event rather than passing it by: it has no queue
        assertThat(read.post(ADMIN, "/api/admin/dead-letters/audit-chain/retry", "").status()).isEqualTo(404);
        Answer limit = read.get(ADMIN, "/api/admin/dead-letters?limit=0");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.json().get("errors").get(0).get("field").asText()).isEqualTo("limit");
        Answer all = read.get(ADMIN, "/api/admin/dead-letters");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("total").asLong()).isEqualTo(all.json().get("deadLetters").size());
    }

    private long requests() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM projection_rebuild", Long.class);
        return count == null ? 0 : count;
    }
}
