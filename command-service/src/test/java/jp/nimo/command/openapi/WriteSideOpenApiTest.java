package jp.nimo.command.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.infra.test.OpenApiContract;
import jp.nimo.infra.test.OpenApiDocument;
import jp.nimo.infra.test.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write side's OpenAPI document: written out for the linter, covering every endpoint, holding real
 * answers to it; and Swagger UI for the roles that may use it.
 */
@NimoServiceTest
class WriteSideOpenApiTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void theDocumentDescribesEveryEndpoint() {
        OpenApiDocument.writtenAndComplete(port, "command-service", mapping);
    }

    @Test
    void theCaseEventBodyIsOneKindOfTheCatalogueByItsKind() {
        JsonNode schemas = OpenApiDocument.fetch(port).path("components").path("schemas");
        JsonNode event = schemas.path("CaseEvent");
        assertThat(event.path("discriminator").path("propertyName").asText()).isEqualTo("kind");
        assertThat(event.path("oneOf").size()).isEqualTo(event.path("discriminator").path("mapping").size()).isPositive();
        JsonNode refused = schemas.path("CaseEvent.RentalRefused");
        assertThat(refused.path("properties").path("kind").path("const").asText()).isEqualTo("RentalRefused");
        assertThat(refused.path("required").toString()).contains("\"kind\"", "\"occurredOn\"", "\"reason\"");
        assertThat(refused.path("additionalProperties").asBoolean(true)).isFalse();
        String reasons = refused.path("properties").path("reason").path("$ref").asText();
        assertThat(schemas.path(reasons.substring(reasons.lastIndexOf('/') + 1)).path("enum").toString())
                .contains("PREJUDICE");
    }

    @Test
    void aRealAnswerOfAnotherShapeThanDocumentedIsRefused() {
        Http.Answer opened = new Http(port).post(TestUsers.MEGURO_WORKER, "/api/cases", "{\"municipality\":\"13110\"}");
        assertThat(opened.status()).isEqualTo(201);
        // the same answer against a copy of the document that wants a field the service does not send
        ObjectNode changed = OpenApiDocument.fetch(port).deepCopy();
        ObjectNode caseOpened = (ObjectNode) changed.path("components").path("schemas").path("CaseOpened");
        ((ArrayNode) caseOpened.withArray("required")).add("caseNumber");
        List<String> violations = OpenApiContract.of(changed)
                .violations("POST", "/api/cases", opened.status(), opened.contentType(), opened.text());
        assertThat(violations).singleElement().asString().contains("caseNumber");
    }

    @Test
    void swaggerUiIsForAdministratorsAndAnalysts() throws Exception {
        assertThat(get(TestUsers.ANALYST, "/swagger-ui.html").statusCode()).isEqualTo(302);
        assertThat(get(TestUsers.ADMIN, "/swagger-ui/index.html").statusCode()).isEqualTo(200);
        assertThat(get(TestUsers.MEGURO_WORKER, "/swagger-ui/index.html").statusCode()).isEqualTo(403);
        assertThat(get(null, "/swagger-ui/index.html").statusCode()).isEqualTo(401);
        // the document itself is for any authenticated caller
        assertThat(get(TestUsers.MEGURO_WORKER, "/v3/api-docs").statusCode()).isEqualTo(200);
        assertThat(get(null, "/v3/api-docs").statusCode()).isEqualTo(401);
    }

    /** The page loads only files of its own origin, each with its own type, so a strict CSP and nosniff allow it. */
    @Test
    void swaggerUiLoadsItsOwnAssetsUnderTheServicesHeaders() throws Exception {
        HttpResponse<String> page = get(TestUsers.ANALYST, "/swagger-ui/index.html");
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>\\s*\\S");
        page.headers().firstValue("Content-Security-Policy").ifPresent(policy -> {
            assertThat(directive(policy, "script-src")).as("scripts of the page's own origin").contains("'self'");
            assertThat(directive(policy, "style-src")).as("styles of the page's own origin").contains("'self'");
        });
        List<String> assets = new ArrayList<>();
        Matcher link = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        while (link.find()) {
            assets.add(link.group(1));
        }
        assertThat(assets).contains("./swagger-ui-bundle.js", "./swagger-initializer.js", "./swagger-ui.css");
        for (String asset : assets) {
            assertThat(asset).as("an asset of the same origin").doesNotContain("//");
            HttpResponse<String> answer = get(TestUsers.ANALYST, "/swagger-ui/" + asset.replaceFirst("^\\./", ""));
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            String type = answer.headers().firstValue("Content-Type").orElse("");
            String expected = asset.endsWith(".js") ? "javascript" : asset.endsWith(".css") ? "text/css" : "image/png";
            assertThat(type).as(asset).contains(expected);
        }
        HttpResponse<String> config = get(TestUsers.ANALYST, "/v3/api-docs/swagger-config");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("\"/v3/api-docs\"");
    }

    private static String directive(String policy, String name) {
        for (String part : policy.split(";")) {
            String trimmed = part.trim();
            if (trimmed.startsWith(name + " ")) {
                return trimmed;
            }
        }
        return directive(policy, "default-src", name);
    }

    private static String directive(String policy, String fallback, String name) {
        for (String part : policy.split(";")) {
            if (part.trim().startsWith(fallback + " ")) {
                return part.trim();
            }
        }
        return "'self' (no " + name + " or default-src)";
    }

    private HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
