package jp.nimo.infra.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.nimo.issues.Actor;
import jp.nimo.issues.Decision;
import jp.nimo.issues.IssueEvent.IssueEscalated;
import jp.nimo.issues.IssueId;
import jp.nimo.issues.IssueState;
import jp.nimo.issues.Population;
import jp.nimo.issues.Scope;
import jp.nimo.reference.Area;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An IssueEscalated stored before it carried the handover still reads, with the handover empty. */
class EscalationRecordedBeforeTheHandoverTest {

    private final Serializer serializer = new AxonStorageAutoConfiguration().serializer();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anEscalationWithoutTitleDescriptionAndScopeReadsWithThemNull() throws Exception {
        IssueEscalated now = new IssueEscalated(IssueId.random(), "council-13110", "council-13-ku-seinambu",
                IssueId.random(), "精神障害のある人の住まいの確保", "入居を断られる事例が散見される",
                new Scope("C04", Area.municipality("13110"), Population.MENTAL_DISABILITY),
                new Decision(Actor.SYSTEM, Instant.parse("2024-07-10T01:00:00Z"), null, "圏域で検討が必要"),
                IssueState.ESCALATED);
        SerializedObject<byte[]> stored = serializer.serialize(now, byte[].class);
        ObjectNode before = (ObjectNode) json.readTree(stored.getData());
        assertThat(before.has("title")).isTrue();
        before.remove(List.of("title", "description", "scope"));

        IssueEscalated read = serializer.deserialize(new SimpleSerializedObject<>(json.writeValueAsBytes(before),
                byte[].class, stored.getType()));

        assertThat(read.title()).isNull();
        assertThat(read.description()).isNull();
        assertThat(read.scope()).isNull();
        assertThat(read.linkedIssueId()).isEqualTo(now.linkedIssueId());
        assertThat(read.toCouncilId()).isEqualTo("council-13-ku-seinambu");
        assertThat(read.state()).isEqualTo(IssueState.ESCALATED);
    }
}
