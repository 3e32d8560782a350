package jp.nimo.command.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.OpenApiDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** The write side's OpenAPI document: written out for the linter, and covering every endpoint. */
@NimoServiceTest
class WriteSideOpenApiTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void theDocumentDescribesEveryEndpoint() {
        JsonNode document = OpenApiDocument.fetch(port);
        OpenApiDocument.write(document, "command-service");
        OpenApiDocument.assertBasics(document);
        OpenApiDocument.assertEveryMappingDocumented(document, mapping);
    }
}
