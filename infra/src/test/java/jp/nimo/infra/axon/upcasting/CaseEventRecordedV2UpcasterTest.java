package jp.nimo.infra.axon.upcasting;

import jp.nimo.cases.CaseEvent.CaseEventRecorded;
import jp.nimo.infra.axon.AxonStorageAutoConfiguration;
import org.axonframework.eventhandling.EventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The upcaster on payloads exactly as the event table holds them, read back with the stored serializer. */
class CaseEventRecordedV2UpcasterTest {

    private static final String CASE = "2f1d7c52-5a0e-4a8e-9a43-0b6a3c1e9d11";
    /** A DischargeDelayed as revision 1 stored it (payloadrevision NULL): one reason, a sealed note. */
    private static final String V1_DISCHARGE_DELAYED = """
            {"caseId":"%s","eventId":"7d0c4a3e-1f64-4c55-b5a0-3f6f0a2b9c10","sequence":2,"kind":"DischargeDelayed",\
            "occurredOn":"2024-05-10","recordedAt":"2024-05-12T01:02:03.456Z",\
            "recordedBy":{"user":"meguro-worker","organisation":"org-13110-health-centre","profession":"PUBLIC_HEALTH_NURSE"},\
            "municipality":"13110","fields":{"reason":"HOUSING_NOT_FOUND"},"personal":{"note":"v1:c2VhbGVk"},\
            "catalogueVersion":1}""".formatted(CASE);

    private final Serializer serializer = new AxonStorageAutoConfiguration().serializer();
    private final CaseEventRecordedV2Upcaster upcaster = new CaseEventRecordedV2Upcaster();

    @Test
    void aStoredDischargeDelayWithOneReasonIsReadWithAListOfReasonsAsRevisionTwo() {
        IntermediateEventRepresentation upcast = upcastOne(V1_DISCHARGE_DELAYED, null);

        assertThat(upcast.getType().getName()).isEqualTo(CaseEventRecorded.class.getName());
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        CaseEventRecorded event = serializer.deserialize(upcast.getData());
        assertThat(event.fields()).isEqualTo(Map.of("reasons", List.of("HOUSING_NOT_FOUND")));
        // the sealed note, the envelope and the catalogue version travel as stored
        assertThat(event.personal()).isEqualTo(Map.of("note", "v1:c2VhbGVk"));
        assertThat(event.caseId().value()).isEqualTo(CASE);
        assertThat(event.sequence()).isEqualTo(2);
        assertThat(event.catalogueVersion()).isEqualTo(1);
        assertThat(event.recordedAt()).isEqualTo(Instant.parse("2024-05-12T01:02:03.456Z"));
    }

    @Test
    void anotherKindStoredAsRevisionOneKeepsItsFieldsAndTakesTheNewRevision() {
        String rentalRefused = V1_DISCHARGE_DELAYED.replace("\"DischargeDelayed\"", "\"RentalRefused\"")
                .replace("{\"reason\":\"HOUSING_NOT_FOUND\"}", "{\"reason\":\"PREJUDICE\",\"refusingParty\":\"AGENT\"}");
        IntermediateEventRepresentation upcast = upcastOne(rentalRefused, null);

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        CaseEventRecorded event = serializer.deserialize(upcast.getData());
        assertThat(event.fields()).isEqualTo(Map.of("reason", "PREJUDICE", "refusingParty", "AGENT"));
    }

    @Test
    void anEventAlreadyAtRevisionTwoAndOtherEventTypesAreLeftAlone() {
        String v2 = V1_DISCHARGE_DELAYED.replace("{\"reason\":\"HOUSING_NOT_FOUND\"}", "{\"reasons\":[\"OTHER\"]}");
        IntermediateEventRepresentation current = upcastOne(v2, "2");
        assertThat(current.getType().getRevision()).isEqualTo("2");
        assertThat(new String(current.getData(byte[].class).getData(), StandardCharsets.UTF_8)).isEqualTo(v2);

        IntermediateEventRepresentation other = upcaster.upcast(java.util.stream.Stream.of(
                representation("{\"caseId\":\"" + CASE + "\"}", "jp.nimo.cases.CaseEvent$CaseOpened", null))).findFirst().orElseThrow();
        assertThat(other.getType().getRevision()).isNull();
    }

    private IntermediateEventRepresentation upcastOne(String payload, String revision) {
        List<IntermediateEventRepresentation> result = upcaster.upcast(java.util.stream.Stream.of(
                representation(payload, CaseEventRecorded.class.getName(), revision))).toList();
        assertThat(result).hasSize(1);
        return result.get(0);
    }

    private InitialEventRepresentation representation(String payload, String type, String revision) {
        EventData<byte[]> row = new GenericDomainEventEntry<>("SupportCase", CASE, 2, "7d0c4a3e-1f64-4c55-b5a0-3f6f0a2b9c10",
                Instant.parse("2024-05-12T01:02:03.456Z"), type, revision, payload.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        return new InitialEventRepresentation(row, serializer);
    }
}
