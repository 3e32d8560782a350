package jp.nimo.command.access;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jp.nimo.command.CommandServiceApplication;
import jp.nimo.infra.test.Http;
import jp.nimo.infra.test.TestDatabase;
import jp.nimo.infra.test.TestDatabaseInitializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How users prove who they are: Basic against the users file, bearer tokens of an OIDC provider. */
class AuthenticationTest {

    private static final String ISSUER = "https://login.example.lg.jp/realms/nimo";

    private static ServletWebServerApplicationContext start(String... properties) {
        // applied after the test database's settings, so that these win over them
        return (ServletWebServerApplicationContext) new SpringApplicationBuilder(CommandServiceApplication.class)
                .initializers(TestDatabaseInitializer.on(TestDatabase.get()),
                        context -> TestPropertyValues.of(properties).and("server.port=0").applyTo(context))
                .run();
    }

    @Test
    void plaintextPasswordsAreRefusedWithoutTheDevelopmentFlag() {
        assertThatThrownBy(() -> start("nimo.security.allow-plaintext-passwords=false").close())
                .hasStackTraceContaining("plaintext ({noop}) password");
    }

    @Test
    void bearerTokensOfTheConfiguredIssuerCarryTheSameRolesAndScopes() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Path pem = Files.createTempFile("oidc", ".pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        try (ServletWebServerApplicationContext context = start("nimo.oidc.issuer=" + ISSUER,
                "nimo.oidc.public-key-file=" + pem)) {
            Http http = new Http(context.getWebServer().getPort());
            String worker = token(keys, ISSUER, Instant.now().plusSeconds(300), List.of("SUPPORT_WORKER"), List.of("13110"));
            assertThat(http.postWithToken(worker, "/api/cases", "{\"municipality\":\"13110\"}").status()).isEqualTo(201);
            assertThat(http.postWithToken(worker, "/api/cases", "{\"municipality\":\"13112\"}").status()).isEqualTo(403);
            String analyst = token(keys, ISSUER, Instant.now().plusSeconds(300), List.of("ANALYST"), List.of());
            assertThat(http.postWithToken(analyst, "/api/cases", "{\"municipality\":\"13110\"}").status()).isEqualTo(403);
            String otherIssuer = token(keys, "https://evil.example/realms/x", Instant.now().plusSeconds(300),
                    List.of("SUPPORT_WORKER"), List.of());
            assertThat(http.postWithToken(otherIssuer, "/api/cases", "{\"municipality\":\"13110\"}").status()).isEqualTo(401);
            String expired = token(keys, ISSUER, Instant.now().minusSeconds(600), List.of("SUPPORT_WORKER"), List.of());
            assertThat(http.postWithToken(expired, "/api/cases", "{\"municipality\":\"13110\"}").status()).isEqualTo(401);
        }
    }

    private static String token(KeyPair keys, String issuer, Instant expires, List<String> roles, List<String> municipalities)
            throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("3f2a-oidc-user")
                .claim("preferred_username", "oidc-worker")
                .claim("nimo_roles", roles)
                .claim("nimo_organisation", "meguro-health-centre")
                .claim("nimo_municipalities", municipalities)
                .issueTime(Date.from(expires.minusSeconds(600)))
                .expirationTime(Date.from(expires))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        return jwt.serialize();
    }
}
