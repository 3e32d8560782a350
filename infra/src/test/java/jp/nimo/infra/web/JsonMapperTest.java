package jp.nimo.infra.web;

import jp.nimo.infra.ReferenceDataAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON of request and answer bodies: Jackson 3 as the services configure it, written as Jackson 2 wrote it. */
class JsonMapperTest {

    private final WebApplicationContextRunner services = new WebApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(JacksonAutoConfiguration.class, ReferenceDataAutoConfiguration.class,
                    WebAutoConfiguration.class));

    record Count(int value) {
    }

    record Answer(String zone, LocalDate on, Instant at, String path, String absent) {
    }

    @Test
    void answersKeepTheirOrderTheirSlashesIsoDatesAndLeaveOutNulls() {
        services.run(context -> {
            JsonMapper json = context.getBean(JsonMapper.class);
            assertThat(json.writeValueAsString(new Answer("13110", LocalDate.parse("2024-06-03"),
                    Instant.parse("2024-06-03T01:02:03Z"), "/api/cases", null)))
                    .isEqualTo("{\"zone\":\"13110\",\"on\":\"2024-06-03\",\"at\":\"2024-06-03T01:02:03Z\",\"path\":\"/api/cases\"}");
        });
    }

    @Test
    void problemsAreWrittenFlatInTheirUsualOrder() {
        services.run(context -> {
            JsonMapper json = context.getBean(JsonMapper.class);
            String problem = json.writeValueAsString(Problems.invalidInput("municipality", "is required"));
            // each error is a Map.of, whose order Jackson keeps as the map gives it
            assertThat(problem).startsWith("{\"type\":\"https://nimo.jp/problems/invalid-input\",\"title\":\"Invalid input\","
                    + "\"status\":400,\"detail\":\"municipality is required\",\"errors\":[{");
            assertThat(json.readTree(problem).get("errors").get(0).get("field").asString()).isEqualTo("municipality");
        });
    }

    @Test
    void aNullForAPrimitiveReadsAsItsDefault() {
        services.run(context -> assertThat(context.getBean(JsonMapper.class)
                .readValue("{\"value\":null}", Count.class).value()).isZero());
    }

    @Test
    void requestBodiesMeetTheirLimitsAndMayHoldNaN() {
        services.run(context -> {
            JsonMapper json = context.getBean(JsonMapper.class);
            String nested = "[".repeat(WebAutoConfiguration.MAX_NESTING_DEPTH + 1)
                    + "]".repeat(WebAutoConfiguration.MAX_NESTING_DEPTH + 1);
            assertThatThrownBy(() -> json.readTree(nested)).isInstanceOf(StreamConstraintsException.class);
            assertThatThrownBy(() -> json.readTree("1" + "0".repeat(WebAutoConfiguration.MAX_NUMBER_LENGTH)))
                    .isInstanceOf(StreamConstraintsException.class);
            JsonNode nan = json.readTree("{\"value\":NaN}");
            assertThat(Double.isNaN(nan.get("value").doubleValue())).isTrue();
        });
    }
}
