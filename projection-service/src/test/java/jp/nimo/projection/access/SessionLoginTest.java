package jp.nimo.projection.access;

import jp.nimo.infra.test.NimoServiceTest;
import jp.nimo.projection.SessionClient;
import jp.nimo.projection.WriteSide;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static jp.nimo.infra.test.TestUsers.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * People log in once through the form and keep a session: kept in the database, so that the other
 * service (and any other node) knows it; CSRF-protected; ended by logging out, by 30 minutes without a
 * request, or after 8 hours in any case. Programs with Basic or a token never start one.
 */
@NimoServiceTest
class SessionLoginTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private SessionClient read;

    @BeforeEach
    void browser() {
        read = new SessionClient(port);
    }

    @Test
    void aPersonLogsInThroughTheJapaneseFormAndTheSessionHoldsOnBothServices() {
        HttpResponse<String> page = read.get("/", "text/html");
        assertThat(page.statusCode()).as("a page asked for without a session goes to the form").isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("NIMO_SESSION=").contains("HttpOnly").contains("SameSite=Lax");

        HttpResponse<String> form = read.get("/login", "text/html");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("lang=\"ja\"", "ユーザー名", "パスワード", "ログイン");
        assertThat(form.headers().firstValue("Cache-Control").orElse("")).contains("no-store");

        // without the form's CSRF token the login is refused, even with the right password
        assertThat(read.postForm("/login", "username=" + MEGURO_WORKER + "&password=" + PASSWORD).statusCode()).isEqualTo(403);

        HttpResponse<String> wrong = read.login(MEGURO_WORKER, "not-the-password");
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(read.get("/login?error", "text/html").body()).contains("ユーザー名またはパスワードが違います");

        String before = read.session();
        HttpResponse<String> in = read.login(MEGURO_WORKER, PASSWORD);
        assertThat(in.statusCode()).isEqualTo(302);
        assertThat(read.session()).as("a login starts a new session id").isNotEqualTo(before);
        assertThat(read.get("/api/reference/regions", "application/json").statusCode()).isEqualTo(200);

        // the write side reads the same session from the database
        SessionClient write = new SessionClient(WriteSide.port());
        write.session(read.session());
        assertThat(write.get("/api/tokens", "application/json").statusCode()).isEqualTo(200);
        // a change in a session needs the session's CSRF token: a cross-site form cannot send it
        String body = "{\"name\":\"取り込み\"}";
        HttpResponse<String> forged = write.postJson("/api/tokens", body, null);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("csrf");
        assertThat(write.postJson("/api/tokens", body, read.csrf()).statusCode()).isEqualTo(201);

        // the session stores the user, never their password hash or the password
        List<byte[]> attributes = jdbc.queryForList("SELECT a.attribute_bytes FROM spring_session_attributes a"
                + " JOIN spring_session s ON s.primary_id = a.session_primary_id WHERE s.session_id = ?", byte[].class, read.sessionId());
        assertThat(attributes).isNotEmpty();
        assertThat(attributes).allSatisfy(bytes -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                .doesNotContain(PASSWORD).doesNotContain("{noop}"));

        // logging out ends it on every service
        String csrf = read.csrf();
        assertThat(read.postForm("/logout", "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)).statusCode())
                .isIn(204, 302);
        assertThat(write.get("/api/tokens", "application/json").statusCode()).isEqualTo(401);
    }

    @Test
    void aSessionEndsAfterThirtyIdleMinutesAndAfterEightHoursInAnyCase() {
        read.login(MEGURO_WORKER, PASSWORD);
        assertThat(read.get("/api/reference/regions", "application/json").statusCode()).isEqualTo(200);

        // 29 idle minutes are within the idle timeout
        jdbc.update("UPDATE spring_session SET last_access_time = last_access_time - ?, expiry_time = expiry_time - ?"
                + " WHERE session_id = ?", minutes(29), minutes(29), read.sessionId());
        assertThat(read.get("/api/reference/regions", "application/json").statusCode()).isEqualTo(200);
        jdbc.update("UPDATE spring_session SET last_access_time = last_access_time - ?, expiry_time = expiry_time - ?"
                + " WHERE session_id = ?", minutes(31), minutes(31), read.sessionId());
        assertThat(read.get("/api/reference/regions", "application/json").statusCode()).isEqualTo(401);
        HttpResponse<String> page = read.get("/", "text/html");
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
        assertThat(read.get("/login?expired", "text/html").body()).contains("ログインし直してください");

        // active all the time, but started more than eight hours ago
        SessionClient busy = new SessionClient(port);
        busy.login(MEGURO_WORKER, PASSWORD);
        jdbc.update("UPDATE spring_session SET creation_time = creation_time - ? WHERE session_id = ?",
                minutes(7 * 60 + 59), busy.sessionId());
        assertThat(busy.get("/api/reference/regions", "application/json").statusCode()).isEqualTo(200);
        jdbc.update("UPDATE spring_session SET creation_time = creation_time - ? WHERE session_id = ?",
                minutes(2), busy.sessionId());
        assertThat(busy.get("/api/reference/regions", "application/json").statusCode()).isEqualTo(401);
    }

    @Test
    void programsWithBasicOrATokenStartNoSession() {
        Integer before = jdbc.queryForObject("SELECT count(*) FROM spring_session", Integer.class);
        String basic = "Basic " + Base64.getEncoder().encodeToString((MEGURO_WORKER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = read.send(HttpRequest.newBuilder(read.uri("/api/reference/regions"))
                .header("Authorization", basic).GET());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().allValues("Set-Cookie")).isEmpty();
        String token = WriteSide.http().post(MEGURO_WORKER, "/api/tokens", "{\"name\":\"no session\"}").field("token");
        HttpResponse<String> withToken = read.send(HttpRequest.newBuilder(read.uri("/api/reference/regions"))
                .header("Authorization", "Bearer " + token).GET());
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.headers().allValues("Set-Cookie")).isEmpty();
        HttpResponse<String> anonymous = read.send(HttpRequest.newBuilder(read.uri("/api/reference/regions")).GET());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM spring_session", Integer.class)).isEqualTo(before);

        // a POST with its own credentials needs no CSRF token
        HttpResponse<String> opened = read.send(HttpRequest.newBuilder(URI.create("http://localhost:" + WriteSide.port() + "/api/cases"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"municipality\":\"13110\"}")));
        assertThat(opened.statusCode()).isEqualTo(201);
    }

    @Test
    void aTokenRevokedOnTheWriteSideStopsAtTheReadSideWithTheNextRequest() {
        String made = WriteSide.http().post(MEGURO_WORKER, "/api/tokens", "{\"name\":\"revoked\"}").text();
        String token = made.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        String tokenId = made.replaceAll(".*\"tokenId\":\"([^\"]+)\".*", "$1");
        HttpRequest.Builder get = HttpRequest.newBuilder(read.uri("/api/reference/regions"))
                .header("Authorization", "Bearer " + token).GET();
        assertThat(read.send(get).statusCode()).isEqualTo(200);
        assertThat(WriteSide.http().delete(MEGURO_WORKER, "/api/tokens/" + tokenId).status()).isEqualTo(204);
        assertThat(read.send(get).statusCode()).isEqualTo(401);
    }

    private static long minutes(long minutes) {
        return Duration.ofMinutes(minutes).toMillis();
    }
}
