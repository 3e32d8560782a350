package jp.nimo.infra.security;

import tools.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.nimo.infra.web.DatabaseUnavailable;
import jp.nimo.infra.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

/**
 * Slows down password guessing without locking anyone out. Failed logins count against the user name
 * (known or not) and the client address, in {@link LoginFailures} shared by every node; past a few free
 * failures each one makes its key wait (doubling, up to a cap) before the next attempt is checked. An
 * attempt during a wait is answered 429 with Retry-After before its password is hashed. A login resets
 * its user name's count, never its address's.
 *
 * <p>Password attempts are HTTP Basic on any request and form logins ({@code POST /login}, field
 * {@code username}); requests with a bearer token or a session do not touch the table.
 */
public class LoginThrottle extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final RequestMatcher FORM_LOGIN = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login");

    /** The password attempt this thread is checking, so that the authentication events know it is one. */
    private final ThreadLocal<Attempt> current = new ThreadLocal<>();

    private final LoginFailures failures;
    private final Slowdown byName;
    private final Slowdown byAddress;
    private final Clock clock;
    private final JsonMapper json;
    private final Map<LoginKey.Kind, Counter> throttled = new EnumMap<>(LoginKey.Kind.class);

    public LoginThrottle(LoginFailures failures, Slowdown byName, Slowdown byAddress, Clock clock, JsonMapper json,
                         MeterRegistry meters) {
        this.failures = failures;
        this.byName = byName;
        this.byAddress = byAddress;
        this.clock = clock;
        this.json = json;
        for (LoginKey.Kind kind : LoginKey.Kind.values()) {
            throttled.put(kind, Counter.builder("nimo.login.throttled")
                    .description("password attempts answered 429 without being checked, by the key that was waiting")
                    .tag("key", kind.column()).register(meters));
        }
    }

    private record Attempt(LoginKey name, LoginKey address, boolean nameCounted) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = attemptedUser(request);
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        LoginKey name = LoginKey.name(user);
        LoginKey address = LoginKey.address(request.getRemoteAddr());
        Instant now = clock.instant();
        LoginFailures.Waits waits;
        try {
            waits = failures.waits(name, address, now);
        } catch (DataAccessException e) {
            if (!DatabaseUnavailable.causes(e)) {
                throw e;
            }
            Problems.write(response, json, Problems.databaseUnavailable());
            return;
        }
        LoginKey.Kind waiting = waits.longest();
        if (waiting != null) {
            throttled.get(waiting).increment();
            long seconds = Math.max(1, secondsUntil(now, waits.until().get(waiting)));
            if (FORM_LOGIN.matches(request)) {
                // a person at the form is told in words, on the form, how long to wait
                response.sendRedirect("/login?wait=" + seconds);
                return;
            }
            ProblemDetail problem = Problems.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-logins",
                    "Too many failed logins", "try again in " + seconds + " seconds");
            response.setHeader("Retry-After", Long.toString(seconds));
            Problems.write(response, json, problem);
            return;
        }
        current.set(new Attempt(name, address, waits.nameCounted()));
        try {
            chain.doFilter(request, response);
        } finally {
            current.remove();
        }
    }

    private static long secondsUntil(Instant now, Instant until) {
        Duration left = Duration.between(now, until);
        return left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0);
    }

    /** The user name a request tries a password for, or null when it is no password attempt. */
    static String attemptedUser(HttpServletRequest request) {
        String basic = AuthorizationHeader.credentials(request, AuthorizationHeader.BASIC);
        if (basic != null) {
            return basicUser(basic);
        }
        if (FORM_LOGIN.matches(request)) {
            String user = request.getParameter("username");
            return user == null ? "" : user.trim();
        }
        return null;
    }

    /** The user name of Basic credentials, or null when they cannot be decoded (no password is checked then). */
    private static String basicUser(String credentials) {
        try {
            String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @EventListener
    public void failed(AuthenticationFailureBadCredentialsEvent event) {
        Attempt attempt = current.get();
        if (attempt == null) {
            return; // not a password attempt (a bearer token, for example)
        }
        Authentication authentication = event.getAuthentication();
        LoginKey address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? LoginKey.address(details.getRemoteAddress()) : attempt.address();
        Instant now = clock.instant();
        try {
            failures.failed(address, byAddress, now);
            failures.failed(LoginKey.name(String.valueOf(authentication.getName())), byName, now);
        } catch (DataAccessException e) {
            // the login is refused all the same; only its counting is lost
            log.warn("a failed login could not be counted: {}", describe(e));
        }
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        Attempt attempt = current.get();
        if (attempt == null || !attempt.nameCounted()) {
            return; // nothing to reset: no query
        }
        try {
            failures.forget(LoginKey.name(event.getAuthentication().getName()));
        } catch (DataAccessException e) {
            log.warn("a login could not reset its failed logins: {}", describe(e));
        }
    }

    /** The kind of failure without its message, which may quote the user name or the address. */
    private static String describe(DataAccessException e) {
        Throwable cause = e.getMostSpecificCause();
        String state = cause instanceof java.sql.SQLException sql ? " (SQLState " + sql.getSQLState() + ")" : "";
        return e.getClass().getSimpleName() + " caused by " + cause.getClass().getName() + state;
    }
}
