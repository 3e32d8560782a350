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

/**
 * The log-in form of both services, in Japanese: user name, password and the form's CSRF token.
 * Spring Security handles its {@code POST /login}; what follows a failure, a logout or an expired
 * session is told here in words.
 */
@Controller
@Hidden // a page for people, not part of the API's contract
public class LoginPage {

    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> form(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        String notice = "";
        long wait = waitSeconds(request.getParameter("wait"));
        if (request.getParameter("error") != null) {
            notice = "<p role=\"alert\">ユーザー名またはパスワードが違います。</p>";
        } else if (wait > 0) {
            notice = "<p role=\"alert\">ログインの失敗が続いたため、" + wait + "秒ほど待ってからもう一度お試しください。</p>";
        } else if (request.getParameter("logout") != null) {
            notice = "<p role=\"status\">ログアウトしました。</p>";
        } else if (request.getParameter("expired") != null) {
            notice = "<p role=\"status\">一定時間が過ぎたため、ログインし直してください。</p>";
        }
        String html = """
                <!DOCTYPE html>
                <html lang="ja">
                <head>
                <meta charset="UTF-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>ログイン - Nimo</title>
                </head>
                <body>
                <main>
                <h1>Nimo にログイン</h1>
                %s
                <form method="post" action="/login">
                <p><label for="username">ユーザー名</label><br>
                <input id="username" name="username" autocomplete="username" required autofocus></p>
                <p><label for="password">パスワード</label><br>
                <input id="password" name="password" type="password" autocomplete="current-password" required></p>
                <input type="hidden" name="%s" value="%s">
                <p><button type="submit">ログイン</button></p>
                </form>
                </main>
                </body>
                </html>
                """.formatted(notice, HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(new MediaType("text", "html",
                java.nio.charset.StandardCharsets.UTF_8)).body(html);
    }

    /** The wait the throttle asked for, in whole seconds; 0 when there is none or it is not a number. */
    private static long waitSeconds(String wait) {
        if (wait == null || !wait.matches("[0-9]{1,6}")) {
            return 0;
        }
        return Long.parseLong(wait);
    }
}
