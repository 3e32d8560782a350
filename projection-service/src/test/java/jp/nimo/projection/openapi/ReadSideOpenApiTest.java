package jp.nimo.projection.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.OpenApiDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/** The read side's OpenAPI document: written out for the linter, and covering every endpoint. */
@NimoServiceTest
class ReadSideOpenApiTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void theDocumentDescribesEveryEndpoint() {
        OpenApiDocument.writtenAndComplete(port, "projection-service", mapping);
    }

    @Test
    void answersGeneratedFromRecordsAreNamedByTheirClass() {
        JsonNode schemas = OpenApiDocument.fetch(port).path("components").path("schemas");
        // two records named Cell, and the audit's Problem beside the problem+json one
        assertThat(schemas.has("IssueDetail.Cell")).isTrue();
        assertThat(schemas.has("IndicatorValue.Cell")).isTrue();
        assertThat(schemas.has("AuditVerification.Problem")).isTrue();
        assertThat(schemas.path("Problem").path("required").toString()).contains("type", "title", "status");
    }
}
