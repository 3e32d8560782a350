package jp.nimo.infra.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A small real-HTTP client for the tests: Basic credentials, JSON in, JSON out. Every answer is held
 * against the service's OpenAPI document ({@link OpenApiContract}): one outside it fails the test.
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final int port;

    public Http(int port) {
        this.base = "http://localhost:" + port;
        this.port = port;
    }

    /** An answer: status, content type and the body parsed as JSON (null when empty or not JSON). */
    public record Answer(int status, String contentType, String text, JsonNode json) {

        public String field(String name) {
            return json == null || json.get(name) == null ? null : json.get(name).asText();
        }
    }

    public Answer get(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET(), null);
    }

    public Answer post(String user, String path, String body) {
        return post(user, path, body, null);
    }

    public Answer post(String user, String path, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return send(user, request, idempotencyKey);
    }

    /** A POST of a body of another type than JSON (an NDJSON or CSV import). */
    public Answer postTyped(String user, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return send(user, request, null);
    }

    /** A POST with a bearer token instead of Basic credentials. */
    public Answer postWithToken(String token, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return send(null, request, null);
    }

    /**
     * A POST with a bearer token whose answer is neither parsed nor held against the contract: the status only.
     * For load generators, whose own work must not take the machine from the service they measure.
     */
    public int postWithTokenForStatus(String token, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET with a bearer token instead of Basic credentials. */
    public Answer getWithToken(String token, String path) {
        return send(null, HttpRequest.newBuilder(URI.create(base + path)).GET()
                .header("Authorization", "Bearer " + token), null);
    }

    public Answer delete(String user, String path) {
        return send(user, HttpRequest.newBuilder(URI.create(base + path)).DELETE(), null);
    }

    /** A DELETE with a bearer token instead of Basic credentials. */
    public Answer deleteWithToken(String token, String path) {
        return send(null, HttpRequest.newBuilder(URI.create(base + path)).DELETE()
                .header("Authorization", "Bearer " + token), null);
    }

    /** A GET with a user and a password of the caller's choosing, e.g. a wrong one. */
    public Answer getWithPassword(String user, String password, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET()
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return send(null, request, null);
    }

    private Answer send(String user, HttpRequest.Builder request, String idempotencyKey) {
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpRequest built = request.build();
            HttpResponse<String> response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = response.headers().firstValue("Content-Type").orElse("");
            String target = built.uri().getRawPath() + (built.uri().getRawQuery() == null ? "" : "?" + built.uri().getRawQuery());
            OpenApiContract.of(port).check(built.method(), target, response.statusCode(), type, response.body());
            JsonNode json = null;
            if (type.contains("json") && !response.body().isEmpty()) {
                json = JSON.readTree(response.body());
            }
            return new Answer(response.statusCode(), type, response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
