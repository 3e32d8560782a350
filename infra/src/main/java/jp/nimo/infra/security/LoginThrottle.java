package jp.nimo.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.nimo.infra.web.Problems;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@code maxFailures} failed logins for a user name within
 * {@code window}, further attempts for it are answered 429 until the window has passed. Kept per node.
 */
public class LoginThrottle extends OncePerRequestFilter {

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final ObjectMapper json;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int maxFailures, Duration window, Clock clock, ObjectMapper json) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
        this.json = json;
    }

    @EventListener
    public void failed(AuthenticationFailureBadCredentialsEvent event) {
        String user = String.valueOf(event.getAuthentication().getName());
        Deque<Instant> times = failures.computeIfAbsent(user, u -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(Instant.now(clock));
            while (times.size() > maxFailures) {
                times.removeFirst();
            }
        }
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        failures.remove(event.getAuthentication().getName());
    }

    /** When the user name may try again, or null when it may now. */
    Instant blockedUntil(String user) {
        Deque<Instant> times = failures.get(user);
        if (times == null) {
            return null;
        }
        synchronized (times) {
            if (times.size() < maxFailures) {
                return null;
            }
            Instant until = times.peekFirst().plus(window);
            return until.isAfter(Instant.now(clock)) ? until : null;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = basicUser(request.getHeader("Authorization"));
        Instant until = user == null ? null : blockedUntil(user);
        if (until == null) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, Duration.between(Instant.now(clock), until).toSeconds());
        ProblemDetail problem = Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-logins",
                "Too many failed logins", "try again in " + seconds + " seconds");
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static String basicUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
