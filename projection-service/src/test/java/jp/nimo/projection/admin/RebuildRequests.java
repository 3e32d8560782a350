package jp.nimo.projection.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static jp.nimo.infra.test.TestUsers.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Rebuilds asked for as the operator asks for them, through the read side's admin API. */
final class RebuildRequests {

    private RebuildRequests() {
    }

    /** The projections a read side says it can rebuild. */
    static List<String> rebuildable(Http read) {
        Answer answer = read.get(ADMIN, "/api/admin/projections");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        answer.json().get("projections").forEach(p -> {
            if (p.get("rebuildable").asBoolean()) {
                names.add(p.get("name").asText());
            }
        });
        return names;
    }

    /** The projection as {@code read} lists it: status, segments and how many of them this node holds. */
    static JsonNode projection(Http read, String name) {
        Answer answer = read.get(ADMIN, "/api/admin/projections");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        for (JsonNode projection : answer.json().get("projections")) {
            if (projection.get("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError(name + " is not listed: " + answer.text());
    }

    /** Asks for a rebuild of the processor's projection, which the read side must accept. */
    static Answer request(Http read, String processor) {
        Answer accepted = read.post(ADMIN, "/api/admin/projections/" + processor + "/rebuild", "");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        return accepted;
    }

    /** The rebuild's progress as {@code read} shows it once it is no longer running, done or failed. */
    static JsonNode settled(Http read, String processor, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> read.get(ADMIN, "/api/admin/projections/" + processor + "/rebuild"),
                        a -> a.status() == 200 && !a.field("status").equals("REBUILDING"))
                .json();
    }

    /** Waits for the rebuild to finish, which it must do without failing. */
    static JsonNode awaitDone(Http read, String processor) {
        JsonNode done = settled(read, processor, Duration.ofSeconds(90));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
        return done;
    }
}
