package jp.nimo.infra.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests try a password, and so are counted and may be held back: HTTP Basic anywhere and the
 * form login; bearer tokens, sessions and anonymous requests never reach the table.
 */
class PasswordAttemptTest {

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicCredentialsOnAnyRequestAreAnAttemptForTheirUserName() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/issues");
        request.addHeader("Authorization", basic("worker-meguro:guess"));
        assertThat(LoginThrottle.attemptedUser(request)).isEqualTo("worker-meguro");

        MockHttpServletRequest japanese = new MockHttpServletRequest("POST", "/api/cases");
        japanese.addHeader("Authorization", basic("目黒区保健師:pass:with:colons"));
        assertThat(LoginThrottle.attemptedUser(japanese)).isEqualTo("目黒区保健師");
    }

    @Test
    void aFormLoginIsAnAttemptForItsUsernameField() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setServletPath("/login");
        request.addParameter("username", " secretariat-meguro ");
        request.addParameter("password", "guess");
        assertThat(LoginThrottle.attemptedUser(request)).isEqualTo("secretariat-meguro");

        MockHttpServletRequest withoutName = new MockHttpServletRequest("POST", "/login");
        withoutName.setServletPath("/login");
        assertThat(LoginThrottle.attemptedUser(withoutName)).isEmpty();
    }

    @Test
    void bearerTokensSessionsAndAnonymousRequestsAreNoAttempts() {
        MockHttpServletRequest bearer = new MockHttpServletRequest("GET", "/api/issues");
        bearer.addHeader("Authorization", "Bearer nimo_abc");
        assertThat(LoginThrottle.attemptedUser(bearer)).isNull();

        MockHttpServletRequest session = new MockHttpServletRequest("GET", "/issues");
        session.setCookies(new jakarta.servlet.http.Cookie("NIMO_SESSION", "2f1c"));
        assertThat(LoginThrottle.attemptedUser(session)).isNull();

        MockHttpServletRequest loginPage = new MockHttpServletRequest("GET", "/login");
        loginPage.setServletPath("/login");
        assertThat(LoginThrottle.attemptedUser(loginPage)).isNull();

        assertThat(LoginThrottle.attemptedUser(new MockHttpServletRequest("POST", "/api/cases"))).isNull();
    }

    @Test
    void basicCredentialsThatCannotBeDecodedAreNoAttemptSinceNoPasswordIsChecked() {
        MockHttpServletRequest notBase64 = new MockHttpServletRequest("GET", "/api/issues");
        notBase64.addHeader("Authorization", "Basic %%%");
        assertThat(LoginThrottle.attemptedUser(notBase64)).isNull();

        MockHttpServletRequest noColon = new MockHttpServletRequest("GET", "/api/issues");
        noColon.addHeader("Authorization", basic("worker-meguro"));
        assertThat(LoginThrottle.attemptedUser(noColon)).isNull();
    }
}
