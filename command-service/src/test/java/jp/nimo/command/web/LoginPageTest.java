package jp.nimo.command.web;

import jp.nimo.infra.test.NimoServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The write side's own log-in form says what happened in words, in Japanese or, asked for, in English. */
@NimoServiceTest
class LoginPageTest {

    @LocalServerPort
    int port;

    private String page(String path) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + path)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            return answer.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFailedLogInIsToldInJapaneseByDefaultAndInEnglishOnRequest() {
        String japanese = page("/login?error");
        assertThat(japanese).contains("<html lang=\"ja\">", "<h1>Nimo にログイン</h1>",
                "<p role=\"alert\">ユーザー名またはパスワードが違います。</p>", "name=\"_csrf\"");
        String english = page("/login?error&lang=en");
        assertThat(english).contains("<html lang=\"en\">", "The user name or the password is wrong.")
                .doesNotContain("ユーザー名");
    }

    @Test
    void aThrottledLogInSaysHowLongToWait() {
        assertThat(page("/login?wait=30"))
                .contains("<p role=\"alert\">ログインの失敗が続いたため、30秒ほど待ってからもう一度お試しください。</p>");
        assertThat(page("/login?wait=soon")).doesNotContain("role=\"alert\"");
    }
}
