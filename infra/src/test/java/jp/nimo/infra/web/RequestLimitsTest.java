package jp.nimo.infra.web;

import jp.nimo.infra.ReferenceDataAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** Which limit a body gets, which Content-Types are readable at all, and which Idempotency-Keys pass. */
class RequestLimitsTest {

    @Test
    void importBodiesGetTheImportLimitAndEverythingElseTheJsonLimit() {
        RequestLimits limits = new RequestLimits();
        assertThat(limits.limitFor("application/json")).isEqualTo(1024 * 1024);
        assertThat(limits.limitFor(null)).isEqualTo(1024 * 1024);
        assertThat(limits.limitFor("application/x-ndjson")).isEqualTo(64L * 1024 * 1024);
        assertThat(limits.limitFor("Text/CSV; charset=UTF-8")).isEqualTo(64L * 1024 * 1024);
        limits.setMaxJsonBody(DataSize.ofKilobytes(2));
        assertThat(limits.limitFor("application/problem+json")).isEqualTo(2048);
    }

    @Test
    void theLimitsComeFromTheirEnvironmentVariablesWithDefaults() {
        WebApplicationContextRunner services = new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                JacksonAutoConfiguration.class, ReferenceDataAutoConfiguration.class, WebAutoConfiguration.class));
        services.run(context -> {
            assertThat(context.getBean(RequestLimits.class).limitFor("application/json")).isEqualTo(1024 * 1024);
            assertThat(context.getBean(RequestLimits.class).limitFor("text/csv")).isEqualTo(64L * 1024 * 1024);
        });
        services.withPropertyValues("NIMO_MAX_JSON_BODY=2KB", "NIMO_MAX_IMPORT_BODY=3MB").run(context -> {
            assertThat(context.getBean(RequestLimits.class).limitFor("application/json")).isEqualTo(2048);
            assertThat(context.getBean(RequestLimits.class).limitFor("application/x-ndjson")).isEqualTo(3L * 1024 * 1024);
        });
    }

    @Test
    void aContentTypeIsReadableWhenItNamesOneTypeInAKnownCharset() {
        assertThat(RequestGuardFilter.readable(null)).isTrue();
        assertThat(RequestGuardFilter.readable("application/json; charset=UTF-8")).isTrue();
        assertThat(RequestGuardFilter.readable("text/plain")).isTrue();
        assertThat(RequestGuardFilter.readable("*/*")).isFalse();
        assertThat(RequestGuardFilter.readable("application/*")).isFalse();
        assertThat(RequestGuardFilter.readable("application/json; charset=nonsense")).isFalse();
        assertThat(RequestGuardFilter.readable("garbage")).isFalse();
    }

    @Test
    void anIdempotencyKeyIsOneTo200PrintableAsciiCharacters() {
        assertThat(IdempotencyKey.isValid("visit-refused-1")).isTrue();
        assertThat(IdempotencyKey.isValid("k".repeat(200))).isTrue();
        assertThat(IdempotencyKey.isValid("a key with spaces")).isTrue();
        assertThat(IdempotencyKey.isValid("")).isFalse();
        assertThat(IdempotencyKey.isValid("   ")).isFalse();
        assertThat(IdempotencyKey.isValid("k".repeat(201))).isFalse();
        assertThat(IdempotencyKey.isValid("キー")).isFalse();
        assertThat(IdempotencyKey.isValid("tab\tkey")).isFalse();
        assertThat(IdempotencyKey.isValid("del\u007fkey")).isFalse();
    }
}
