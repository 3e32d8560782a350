package jp.nimo.infra.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A service's OpenAPI document as the tests hold every answer against it: the path and method must be
 * documented, the status documented for that operation, the content type one it documents, and a JSON
 * body valid against its schema (JSON Schema 2020-12 with the OpenAPI 3.1 vocabulary). The document is
 * fetched from {@code /v3/api-docs} once per port, and each schema compiled once.
 * <p>
 * An undocumented path or method passes only when the answer says so (404, 405), or when the request was
 * refused before routing (the firewall, authentication, the request guard), with a problem body; the document
 * itself, Swagger UI and the HTML login pages are not checked.
 */
public final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Map<Integer, OpenApiContract> BY_PORT = new ConcurrentHashMap<>();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** The pages a browser signs in and out on: HTML, no part of the API. */
    private static final Set<String> HTML_PAGES = Set.of("/login", "/logout");
    private static final String PROBLEM_SCHEMA = "/components/schemas/Problem";
    /**
     * What the server answers before it routes a request, so for any path: the firewall's or Tomcat's
     * refusal (400), authentication (401, 429), the request guard (413, 415), an Expect header Tomcat does
     * not meet (417) and an oversized header block (431).
     */
    private static final Set<Integer> REFUSED_BEFORE_ROUTING = Set.of(400, 401, 413, 415, 417, 429, 431);

    /** What the checks cost this JVM, written out when it ends: answers checked, time checking, time fetching. */
    private static final java.util.concurrent.atomic.LongAdder CHECKED = new java.util.concurrent.atomic.LongAdder();
    private static final java.util.concurrent.atomic.LongAdder CHECK_NANOS = new java.util.concurrent.atomic.LongAdder();
    private static final java.util.concurrent.atomic.LongAdder FETCH_NANOS = new java.util.concurrent.atomic.LongAdder();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.printf(
                "OpenAPI contract: %d answers checked in %d ms, %d documents fetched and read in %d ms%n",
                CHECKED.sum(), CHECK_NANOS.sum() / 1_000_000, BY_PORT.size(), FETCH_NANOS.sum() / 1_000_000),
                "openapi-contract-cost"));
    }

    private final JsonNode document;
    private final String uri;
    private final SchemaRegistry registry;
    private final List<Template> templates = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private record Template(String path, Pattern pattern, int literals) {
    }

    private OpenApiContract(JsonNode document, String uri) {
        this.document = document;
        this.uri = uri;
        String text = document.toString();
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(uri, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        for (Iterator<String> paths = document.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            StringBuilder regex = new StringBuilder();
            int literals = 0;
            for (String part : path.split("(?=\\{)|(?<=\\})")) {
                if (part.startsWith("{") && part.endsWith("}")) {
                    regex.append("[^/]+");
                } else {
                    regex.append(Pattern.quote(part));
                    literals += part.length();
                }
            }
            templates.add(new Template(path, Pattern.compile(regex.toString()), literals));
        }
        // the most literal template first: /api/admin/projections before /api/admin/{anything}
        templates.sort(Comparator.comparingInt(Template::literals).reversed());
    }

    /** The contract of the service on this port, fetched on first use. */
    public static OpenApiContract of(int port) {
        OpenApiContract known = BY_PORT.get(port);
        if (known != null) {
            return known;
        }
        long start = System.nanoTime();
        OpenApiContract fetched = BY_PORT.computeIfAbsent(port, OpenApiContract::fetch);
        FETCH_NANOS.add(System.nanoTime() - start);
        return fetched;
    }

    /** A contract from a document in hand, e.g. a copy with a schema changed. */
    public static OpenApiContract of(JsonNode document) {
        return new OpenApiContract(document, "https://nimo.jp/openapi/" + System.identityHashCode(document) + ".json");
    }

    public JsonNode document() {
        return document;
    }

    private static OpenApiContract fetch(int port) {
        // any authenticated caller may read it; another user if a test has locked one out
        List<String> tried = new ArrayList<>();
        for (String user : List.of(TestUsers.AUDITOR, TestUsers.ADMIN, TestUsers.ANALYST)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .GET().build();
            try {
                HttpResponse<String> answer = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (answer.statusCode() == 200) {
                    return new OpenApiContract(JSON.readTree(answer.body()), "https://nimo.jp/openapi/port-" + port + ".json");
                }
                tried.add(user + ": " + answer.statusCode());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the OpenAPI document of port " + port + " could not be fetched: " + tried);
    }

    /** Fails with an AssertionError naming the request, the status and every violation. */
    public void check(String method, String target, int status, String contentType, String body) {
        long start = System.nanoTime();
        List<String> violations = violations(method, target, status, contentType, body);
        CHECK_NANOS.add(System.nanoTime() - start);
        CHECKED.increment();
        if (!violations.isEmpty()) {
            throw new AssertionError("answer outside the OpenAPI contract: " + method + " " + target + " -> " + status
                    + " " + contentType + "\n  " + String.join("\n  ", violations) + "\n  body: " + abbreviated(body));
        }
    }

    /** What is wrong with this answer, by the document; empty when it keeps to it. */
    public List<String> violations(String method, String target, int status, String contentType, String body) {
        String path = target.split("[?#]", 2)[0];
        String verb = method.toLowerCase(Locale.ROOT);
        if (path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui")) {
            return List.of();
        }
        if (HTML_PAGES.contains(path) && (status / 100 == 3 || mediaType(contentType).equals("text/html"))) {
            return List.of();
        }
        String template = template(path);
        JsonNode operation = template == null ? null : document.path("paths").path(template).path(verb);
        if (operation == null || operation.isMissingNode()) {
            return undocumented(template, method, path, status, contentType, body);
        }
        String pointer = "/paths/" + escape(template) + "/" + verb + "/responses";
        JsonNode responses = operation.path("responses");
        String code = Integer.toString(status);
        String key = responses.has(code) ? code : responses.has(code.charAt(0) + "XX") ? code.charAt(0) + "XX"
                : responses.has("default") ? "default" : null;
        if (key == null) {
            List<String> documented = new ArrayList<>();
            responses.fieldNames().forEachRemaining(documented::add);
            return List.of("status " + status + " is not documented for " + verb.toUpperCase(Locale.ROOT) + " " + template
                    + " (documented: " + documented + ")");
        }
        pointer = pointer + "/" + escape(key);
        JsonNode response = responses.path(key);
        while (response.has("$ref")) {
            pointer = response.path("$ref").asText().substring(1);
            response = document.at(pointer);
        }
        return body(pointer, response, contentType, body);
    }

    private List<String> undocumented(String template, String method, String path, int status, String contentType,
                                      String body) {
        boolean saysSo = status == 404 || (template != null && status == 405);
        boolean refused = REFUSED_BEFORE_ROUTING.contains(status) && mediaType(contentType).equals("application/problem+json");
        if (!saysSo && !refused) {
            return List.of(template == null ? "the path " + path + " is not documented"
                    : method + " is not documented for " + template);
        }
        if (mediaType(contentType).equals("application/problem+json")) {
            return validate(PROBLEM_SCHEMA, body);
        }
        return List.of();
    }

    private List<String> body(String pointer, JsonNode response, String contentType, String body) {
        boolean empty = body == null || body.isEmpty();
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return empty ? List.of() : List.of("no body is documented, but one came (" + contentType + ")");
        }
        if (empty) {
            return List.of("a body is documented (" + fieldNames(content) + "), but none came");
        }
        String type = mediaType(contentType);
        String documented = null;
        for (Iterator<String> names = content.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (matches(mediaType(name), type)) {
                documented = name;
                break;
            }
        }
        if (documented == null) {
            return List.of("content type " + contentType + " is not documented (documented: " + fieldNames(content) + ")");
        }
        if (!type.endsWith("json") || !content.path(documented).has("schema")) {
            return List.of();
        }
        return validate(pointer + "/content/" + escape(documented) + "/schema", body);
    }

    private List<String> validate(String pointer, String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            return List.of("the body is not JSON: " + e.getMessage());
        }
        Schema schema = schemas.computeIfAbsent(pointer,
                p -> registry.getSchema(SchemaLocation.of(uri + "#" + p)));
        List<String> violations = new ArrayList<>();
        for (Error error : schema.validate(json)) {
            violations.add(error.toString());
        }
        return violations;
    }

    private String template(String path) {
        for (Template template : templates) {
            if (template.pattern().matcher(path).matches()) {
                return template.path();
            }
        }
        return null;
    }

    private static boolean matches(String documented, String actual) {
        if (documented.equals(actual) || documented.equals("*/*")) {
            return true;
        }
        return documented.endsWith("/*") && actual.startsWith(documented.substring(0, documented.length() - 1));
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String abbreviated(String body) {
        if (body == null) {
            return "";
        }
        return body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
    }
}
