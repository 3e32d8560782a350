package jp.nimo.infra.security;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The log-in form of both services, in Japanese ({@code ?lang=en}: English): user name, password and
 * the form's CSRF token. Spring Security handles its {@code POST /login}; what follows a failure, a
 * logout or an expired session is told here in words, from the bundle {@code login.properties}.
 */
@Controller
@Hidden // a page for people, not part of the API's contract
public class LoginPage {

    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> form(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        Locale language = "en".equals(request.getParameter("lang")) ? Locale.ENGLISH : Locale.JAPANESE;
        ResourceBundle words = ResourceBundle.getBundle("jp.nimo.infra.security.login", language,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String notice = "";
        long wait = waitSeconds(request.getParameter("wait"));
        if (request.getParameter("error") != null) {
            notice = notice("alert", words.getString("login.error"));
        } else if (wait > 0) {
            notice = notice("alert", MessageFormat.format(words.getString("login.throttled"), String.valueOf(wait)));
        } else if (request.getParameter("logout") != null) {
            notice = notice("status", words.getString("login.logout"));
        } else if (request.getParameter("expired") != null) {
            notice = notice("status", words.getString("login.expired"));
        }
        String html = """
                <!DOCTYPE html>
                <html lang="%s">
                <head>
                <meta charset="UTF-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                </head>
                <body>
                <main>
                <h1>%s</h1>
                %s
                <form method="post" action="/login">
                <p><label for="username">%s</label><br>
                <input id="username" name="username" autocomplete="username" required autofocus></p>
                <p><label for="password">%s</label><br>
                <input id="password" name="password" type="password" autocomplete="current-password" required></p>
                <input type="hidden" name="%s" value="%s">
                <p><button type="submit">%s</button></p>
                </form>
                </main>
                </body>
                </html>
                """.formatted(language.getLanguage(), words.getString("login.title"), words.getString("login.heading"),
                notice, words.getString("login.username"), words.getString("login.password"),
                HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()),
                words.getString("login.submit"));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(new MediaType("text", "html",
                java.nio.charset.StandardCharsets.UTF_8)).body(html);
    }

    private static String notice(String role, String text) {
        return "<p role=\"" + role + "\">" + HtmlUtils.htmlEscape(text) + "</p>";
    }

    /** The wait the throttle asked for, in whole seconds; 0 when there is none or it is not a number. */
    private static long waitSeconds(String wait) {
        if (wait == null || !wait.matches("[0-9]{1,6}")) {
            return 0;
        }
        return Long.parseLong(wait);
    }
}
