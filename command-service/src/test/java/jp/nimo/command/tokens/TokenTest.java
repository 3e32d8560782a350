package jp.nimo.command.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.Http.Answer;
import jp.nimo.infra.test.NimoServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static jp.nimo.infra.test.TestUsers.ADMIN;
import static jp.nimo.infra.test.TestUsers.ANALYST;
import static jp.nimo.infra.test.TestUsers.MEGURO_WORKER;
import static jp.nimo.infra.test.TestUsers.SETAGAYA_WORKER;
import static org.assertj.core.api.Assertions.assertThat;

/** Personal access tokens for programs: made once, shown once, kept as a hash, revoked for good. */
@NimoServiceTest
class TokenTest {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private JsonNode issue(String user, String body) {
        Answer answer = http.post(user, "/api/tokens", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.json();
    }

    @Test
    void aTokenActsAsItsUserWithoutAPasswordAndIsShownOnlyWhenMade() throws Exception {
        JsonNode made = issue(MEGURO_WORKER, "{\"name\":\"訪問記録の取り込み\"}");
        String token = made.get("token").asText();
        assertThat(token).startsWith("nimo_").hasSizeGreaterThanOrEqualTo(5 + 43);
        assertThat(made.get("name").asText()).isEqualTo("訪問記録の取り込み");
        LocalDate in90Days = LocalDate.now(JAPAN).plusDays(90);
        assertThat(Instant.parse(made.get("expiresAt").asText()))
                .isEqualTo(in90Days.plusDays(1).atStartOfDay(JAPAN).toInstant());

        // the token does what its user may do, and no more
        Answer opened = http.postWithToken(token, "/api/cases", "{\"municipality\":\"13110\",\"ageBand\":\"40-49\"}");
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        assertThat(http.postWithToken(token, "/api/cases", "{\"municipality\":\"13112\"}").status()).isEqualTo(403);

        // listed without its secret; the store holds its SHA-256 hash and nothing that reveals it
        Answer listed = http.getWithToken(token, "/api/tokens");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.text()).doesNotContain(token).doesNotContain(token.substring(5));
        JsonNode mine = find(listed.json(), made.get("tokenId").asText());
        assertThat(mine.get("name").asText()).isEqualTo("訪問記録の取り込み");
        assertThat(mine.get("createdAt").asText()).isNotBlank();
        assertThat(mine.get("lastUsedAt").asText()).isNotBlank();
        byte[] stored = jdbc.queryForObject("SELECT secret_hash FROM access_token WHERE token_id = ?",
                byte[].class, UUID.fromString(made.get("tokenId").asText()));
        assertThat(stored).isEqualTo(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        Integer revealing = jdbc.queryForObject("SELECT count(*) FROM access_token WHERE name LIKE ? OR username LIKE ?",
                Integer.class, "%" + token.substring(5) + "%", "%" + token.substring(5) + "%");
        assertThat(revealing).isZero();
    }

    @Test
    void aTokenCannotMakeTokens() {
        String token = issue(MEGURO_WORKER, "{\"name\":\"script\"}").get("token").asText();
        Answer refused = http.postWithToken(token, "/api/tokens", "{\"name\":\"another\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aRevokedTokenStopsWorkingAndOnlyItsOwnerOrAnAdminMayRevokeIt() {
        JsonNode made = issue(SETAGAYA_WORKER, "{\"name\":\"nightly export\",\"expiresOn\":\""
                + LocalDate.now(JAPAN).plusDays(10) + "\"}");
        String token = made.get("token").asText();
        String path = "/api/tokens/" + made.get("tokenId").asText();
        assertThat(made.get("expiresAt").asText())
                .isEqualTo(LocalDate.now(JAPAN).plusDays(11).atStartOfDay(JAPAN).toInstant().toString());

        // someone else's token is not found: its existence is not told
        assertThat(http.delete(MEGURO_WORKER, path).status()).isEqualTo(404);
        assertThat(http.getWithToken(token, "/api/tokens").status()).isEqualTo(200);
        assertThat(http.get(MEGURO_WORKER, "/api/tokens?user=" + SETAGAYA_WORKER).status()).isEqualTo(403);

        // an ADMIN sees it and revokes it
        Answer theirs = http.get(ADMIN, "/api/tokens?user=" + SETAGAYA_WORKER);
        assertThat(theirs.status()).isEqualTo(200);
        assertThat(find(theirs.json(), made.get("tokenId").asText())).isNotNull();
        assertThat(http.delete(ADMIN, path).status()).isEqualTo(204);

        Answer refused = http.getWithToken(token, "/api/tokens");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(http.delete(SETAGAYA_WORKER, path).status()).as("revoking twice changes nothing").isEqualTo(204);
        assertThat(http.get(SETAGAYA_WORKER, "/api/tokens").json().get("tokens").findValuesAsText("tokenId"))
                .doesNotContain(made.get("tokenId").asText());
        assertThat(jdbc.queryForObject("SELECT revoked_by FROM access_token WHERE token_id = ?", String.class,
                UUID.fromString(made.get("tokenId").asText()))).isEqualTo(ADMIN);
        assertThat(http.delete(ADMIN, "/api/tokens/not-a-token").status()).isEqualTo(404);
        assertThat(http.delete(ADMIN, "/api/tokens/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void anExpiredTokenOrAnUnknownOneIsRefused() {
        JsonNode made = issue(ANALYST, "{\"name\":\"dashboard\"}");
        String token = made.get("token").asText();
        assertThat(http.getWithToken(token, "/api/tokens").status()).isEqualTo(200);
        jdbc.update("UPDATE access_token SET expires_at = now() - interval '1 second' WHERE token_id = ?",
                UUID.fromString(made.get("tokenId").asText()));
        assertThat(http.getWithToken(token, "/api/tokens").status()).isEqualTo(401);

        assertThat(http.getWithToken("nimo_" + "A".repeat(43), "/api/tokens").status()).isEqualTo(401);
        assertThat(http.getWithToken(token.substring(0, token.length() - 1), "/api/tokens").status()).isEqualTo(401);
        assertThat(http.getWithToken("not-a-nimo-token", "/api/tokens").status()).isEqualTo(401);
    }

    @Test
    void badRequestsNameTheFieldAndStoreNothing() {
        Integer before = jdbc.queryForObject("SELECT count(*) FROM access_token", Integer.class);
        LocalDate today = LocalDate.now(JAPAN);
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[]{"{}", "name"});
        cases.add(new String[]{"{\"name\":\"  \"}", "name"});
        cases.add(new String[]{"{\"name\":\"" + "x".repeat(101) + "\"}", "name"});
        cases.add(new String[]{"{\"name\":\"a\",\"expiresOn\":\"" + today.minusDays(1) + "\"}", "expiresOn"});
        cases.add(new String[]{"{\"name\":\"a\",\"expiresOn\":\"" + today.plusDays(367) + "\"}", "expiresOn"});
        cases.add(new String[]{"{\"name\":\"a\",\"expiresOn\":\"next year\"}", "expiresOn"});
        cases.add(new String[]{"{\"name\":\"a\",\"scopes\":[\"ADMIN\"]}", "scopes"});
        for (String[] bad : cases) {
            Answer answer = http.post(MEGURO_WORKER, "/api/tokens", bad[0]);
            assertThat(answer.status()).as(bad[0]).isEqualTo(400);
            assertThat(answer.json().get("errors").findValuesAsText("field")).as(bad[0]).contains(bad[1]);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM access_token", Integer.class)).isEqualTo(before);
        // a year from today is the latest allowed
        assertThat(http.post(MEGURO_WORKER, "/api/tokens", "{\"name\":\"a\",\"expiresOn\":\"" + today.plusDays(366) + "\"}")
                .status()).isEqualTo(201);
    }

    private static JsonNode find(JsonNode list, String tokenId) {
        for (JsonNode token : list.get("tokens")) {
            assertThat(token.has("token")).isFalse();
            if (token.get("tokenId").asText().equals(tokenId)) {
                return token;
            }
        }
        return null;
    }
}
