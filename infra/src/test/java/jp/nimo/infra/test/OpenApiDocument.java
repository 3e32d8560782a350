package jp.nimo.infra.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks both services' document tests make, and the copy they write out for the linter. */
public final class OpenApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OpenApiDocument() {
    }

    /**
     * The service's document, written out for the lint script and checked as every service's must be: the
     * basics, and every endpoint of {@code mapping} documented.
     */
    public static JsonNode writtenAndComplete(int port, String service, RequestMappingHandlerMapping mapping) {
        JsonNode document = fetch(port);
        write(document, service);
        assertBasics(document);
        assertEveryMappingDocumented(document, mapping);
        return document;
    }

    /** The document the service on this port serves, as the answers are checked against it. */
    public static JsonNode fetch(int port) {
        return OpenApiContract.of(port).document();
    }

    /** Writes the document to {@code target/openapi/<service>.json}, where the lint script reads it. */
    public static Path write(JsonNode document, String service) {
        Path file = Path.of("target", "openapi", service + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(document) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** OpenAPI 3.1, the three ways to authenticate applied to every operation, the health check open. */
    public static void assertBasics(JsonNode document) {
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("basicAuth").path("type").asText()).isEqualTo("http");
        assertThat(schemes.path("basicAuth").path("scheme").asText()).isEqualTo("basic");
        assertThat(schemes.path("bearerAuth").path("type").asText()).isEqualTo("http");
        assertThat(schemes.path("bearerAuth").path("scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.path("sessionCookie").path("type").asText()).isEqualTo("apiKey");
        assertThat(schemes.path("sessionCookie").path("in").asText()).isEqualTo("cookie");
        assertThat(schemes.path("sessionCookie").path("name").asText()).isEqualTo("NIMO_SESSION");
        List<String> global = new ArrayList<>();
        document.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(global::add));
        assertThat(global).containsExactlyInAnyOrder("basicAuth", "bearerAuth", "sessionCookie");
        JsonNode health = document.path("paths").path("/actuator/health").path("get");
        assertThat(health.path("security").isArray() && health.path("security").isEmpty())
                .as("the health check answers without credentials").isTrue();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String name = operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            assertThat(operation.getValue().path("summary").asText()).as(name + " has a summary").isNotBlank();
            assertThat(operation.getValue().path("description").asText()).as(name + " has a description").isNotBlank();
        }));
        // a member or body held as a JSON tree is any JSON, never the tree class's Java API
        List<String> schemas = new ArrayList<>();
        document.path("components").path("schemas").fieldNames().forEachRemaining(schemas::add);
        assertThat(schemas).as("schemas describing a JSON tree class").doesNotContain("JsonNode", "ObjectNode", "ArrayNode");
    }

    /**
     * Every handler method Spring MVC routes to is a documented path and method: an endpoint added
     * without documentation fails here. Springdoc's own endpoints and hidden handlers are left out.
     */
    public static void assertEveryMappingDocumented(JsonNode document, RequestMappingHandlerMapping mapping) {
        List<String> missing = new ArrayList<>();
        int seen = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (handler.getBeanType().getName().startsWith("org.springdoc.")
                    || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), Hidden.class)
                    || AnnotatedElementUtils.hasAnnotation(handler.getMethod(), Hidden.class)) {
                continue;
            }
            RequestMappingInfo info = entry.getKey();
            List<RequestMethod> methods = new ArrayList<>(info.getMethodsCondition().getMethods());
            assertThat(methods).as(handler + " names its HTTP method").isNotEmpty();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : methods) {
                    seen++;
                    if (document.path("paths").path(pattern).path(method.name().toLowerCase(Locale.ROOT)).isMissingNode()) {
                        missing.add(method + " " + pattern + " (" + handler + ")");
                    }
                }
            }
        }
        assertThat(seen).as("controller mappings found").isPositive();
        assertThat(missing).as("controller mappings missing from the OpenAPI document").isEmpty();
    }
}
