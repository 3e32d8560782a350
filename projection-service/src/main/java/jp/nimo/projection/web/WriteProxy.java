package jp.nimo.projection.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import jp.nimo.infra.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The pages' one crossing to the write side: {@code /write/api/...} on this origin is passed through to
 * {@code /api/...} of command-service, so that the browser talks to one origin. Only the session cookie and
 * the CSRF token go along, and the write side checks both itself against the shared session store: this
 * side handles no command and vouches for nobody.
 */
@RestController
@Hidden // a route for the pages; the write side's own document describes what lies behind it
public class WriteProxy {

    static final String PREFIX = "/write";

    /** What a page's request brings that the write side reads; nothing else (no Authorization, no X-Forwarded-*). */
    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Accept", "Accept-Language",
            "Idempotency-Key", "X-CSRF-TOKEN");
    private static final Set<String> ANSWER_HEADERS = Set.of("content-type", "location", "retry-after");

    private final HttpClient client;
    private final URI writeSide;
    private final String sessionCookie;
    private final Duration timeout;

    public WriteProxy(@Value("${nimo.write-url}") URI writeSide,
                      @Value("${server.servlet.session.cookie.name:NIMO_SESSION}") String sessionCookie,
                      @Value("${nimo.write-proxy.timeout:60s}") Duration timeout) {
        this.writeSide = writeSide;
        this.sessionCookie = sessionCookie;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    @RequestMapping(path = PREFIX + "/api/**", method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.DELETE})
    public ResponseEntity<ProblemDetail> pass(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(PREFIX.length());
        String query = request.getQueryString();
        URI target = writeSide.resolve(path + (query == null ? "" : "?" + query));
        HttpRequest.Builder forward = HttpRequest.newBuilder(target).timeout(timeout);
        for (String header : REQUEST_HEADERS) {
            String value = request.getHeader(header);
            if (value != null) {
                forward.header(header, value);
            }
        }
        String session = sessionCookie(request);
        if (session != null) {
            forward.header("Cookie", sessionCookie + "=" + session);
        }
        HttpRequest.BodyPublisher body = "GET".equals(request.getMethod()) || "DELETE".equals(request.getMethod())
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofInputStream(() -> input(request));
        forward.method(request.getMethod(), body);
        HttpResponse<InputStream> answer;
        try {
            answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            return unavailable(HttpStatus.GATEWAY_TIMEOUT, "write-side-timeout", "Write side did not answer in time",
                    "the change may or may not have been recorded; sending it again with the same Idempotency-Key applies it once");
        } catch (ConnectException e) {
            return notReached();
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                return notReached();
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notReached();
        }
        response.setStatus(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            if (ANSWER_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        try (InputStream in = answer.body()) {
            in.transferTo(response.getOutputStream());
        }
        return null;
    }

    private String sessionCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (sessionCookie.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private static InputStream input(HttpServletRequest request) {
        try {
            return request.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseEntity<ProblemDetail> notReached() {
        return unavailable(HttpStatus.SERVICE_UNAVAILABLE, "write-side-unavailable", "Write side unavailable",
                "the service that records changes could not be reached; nothing was recorded by this request");
    }

    private static ResponseEntity<ProblemDetail> unavailable(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = Problems.problem(status, type, title, detail);
        return ResponseEntity.status(status).header("Retry-After", Problems.RETRY_AFTER_SECONDS)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
