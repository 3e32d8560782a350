package jp.nimo.projection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person's browser, reduced to what the tests need: it keeps the session cookie, logs in through the
 * form with the form's CSRF token, and follows no redirects, so that each answer can be looked at.
 */
public final class SessionClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;
    private String session;

    public SessionClient(int port) {
        this.port = port;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public String session() {
        return session;
    }

    /** The session's id in the store: the cookie carries it Base64-encoded. */
    public String sessionId() {
        return new String(Base64.getDecoder().decode(session), StandardCharsets.US_ASCII);
    }

    public void session(String session) {
        this.session = session;
    }

    public HttpResponse<String> get(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
    }

    public HttpResponse<String> postForm(String path, String form) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    public HttpResponse<String> postJson(String path, String json, String csrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (csrf != null) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        return send(request);
    }

    /** The CSRF token of the current session, as the form carries it. */
    public String csrf() {
        Matcher found = CSRF.matcher(get("/login", "text/html").body());
        if (!found.find()) {
            throw new IllegalStateException("the log-in form carries no CSRF token");
        }
        return found.group(1);
    }

    public HttpResponse<String> login(String user, String password) {
        return postForm("/login", "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf(), StandardCharsets.UTF_8));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        if (session != null) {
            request.header("Cookie", "NIMO_SESSION=" + session);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                if (cookie.startsWith("NIMO_SESSION=")) {
                    String value = cookie.substring("NIMO_SESSION=".length(), cookie.indexOf(';'));
                    session = value.isEmpty() ? null : value;
                }
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
