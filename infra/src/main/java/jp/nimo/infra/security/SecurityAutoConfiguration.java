package jp.nimo.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jp.nimo.infra.NimoProperties;
import jakarta.servlet.DispatcherType;
import jp.nimo.infra.web.ProblemAdvice;
import jp.nimo.infra.web.Problems;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * HTTP Basic against the users file on both services. Only the health endpoint answers without
 * credentials; failures answer in problem+json like every other error.
 */
@AutoConfiguration(before = {org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration.class,
        org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration.class})
@EnableWebSecurity
public class SecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    public LoginThrottle loginThrottle(java.time.Clock clock, ObjectMapper json,
                                       @Value("${nimo.security.max-failed-logins:5}") int maxFailures,
                                       @Value("${nimo.security.failed-login-window:PT5M}") java.time.Duration window) {
        return new LoginThrottle(maxFailures, window, clock, json);
    }

    @Bean
    @ConditionalOnMissingBean
    public UserDetailsService userDetailsService(NimoProperties properties,
                                                 @Value("${nimo.security.allow-plaintext-passwords:false}") boolean allowPlaintext) {
        Path file = properties.getUsersFile();
        if (file == null) {
            file = DemoUsers.ensure(properties.getDataDir());
            log.info("No users file configured: demo users are in {} (passwords in {})", file.toAbsolutePath(),
                    properties.getDataDir().resolve(DemoUsers.CREDENTIALS_FILE).toAbsolutePath());
        }
        Map<String, NimoUser> users = UsersFile.read(file);
        if (!allowPlaintext) {
            users.values().stream().filter(u -> u.getPassword().startsWith("{noop}")).findFirst().ifPresent(u -> {
                throw new IllegalStateException("the users file holds a plaintext ({noop}) password for " + u.getUsername()
                        + "; use {bcrypt}, or set NIMO_SECURITY_ALLOW_PLAINTEXT_PASSWORDS=true for development only");
            });
        }
        return username -> {
            NimoUser user = users.get(username);
            if (user == null) {
                throw new UsernameNotFoundException("unknown user");
            }
            return user;
        };
    }

    @Bean
    public SecurityFilterChain nimoSecurity(HttpSecurity http, ObjectMapper json, LoginThrottle throttle,
                                            @Value("${nimo.oidc.issuer:}") String issuer,
                                            @Value("${nimo.oidc.jwk-set-uri:}") String jwkSetUri,
                                            @Value("${nimo.oidc.public-key-file:}") String publicKeyFile) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Nimo\"");
            write(response, json, Problems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Authentication required", "send valid credentials"));
        };
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler((request, response, denied) ->
                        write(response, json, Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                                "your role or scope does not allow this"))))
                .authorizeHttpRequests(authorize -> authorize
                        // the error page only renders the problem of a request that already failed
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        // the OpenAPI document (/v3/api-docs) is for any authenticated caller; its browser UI is not
                        .requestMatchers("/swagger-ui.html", "/swagger-ui/**").hasAnyRole(Role.ADMIN.name(), Role.ANALYST.name())
                        .anyRequest().authenticated())
                .addFilterBefore(throttle, org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class);
        if (!issuer.isBlank()) {
            JwtDecoder decoder = jwtDecoder(issuer, jwkSetUri, publicKeyFile);
            http.oauth2ResourceServer(oauth -> oauth
                    .authenticationEntryPoint(unauthenticated)
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new OidcUsers())));
        }
        return http.build();
    }

    /**
     * Bearer tokens of the provider at {@code NIMO_OIDC_ISSUER}: keys from its discovery document, or
     * from a given JWK set or public key (for providers not reachable at start-up); the issuer is checked.
     */
    static JwtDecoder jwtDecoder(String issuer, String jwkSetUri, String publicKeyFile) throws java.io.IOException {
        NimbusJwtDecoder decoder;
        if (!publicKeyFile.isBlank()) {
            String pem = java.nio.file.Files.readString(java.nio.file.Path.of(publicKeyFile))
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            try {
                java.security.interfaces.RSAPublicKey key = (java.security.interfaces.RSAPublicKey)
                        java.security.KeyFactory.getInstance("RSA").generatePublic(
                                new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
                decoder = NimbusJwtDecoder.withPublicKey(key).build();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("the OIDC public key file is not an RSA public key", e);
            }
        } else if (!jwkSetUri.isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        } else {
            decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
        }
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }

    private static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
        Problems.write(response, json, problem);
    }

    /** The firewall's refusals (an encoded slash, backslash or NUL in the path, ...) in problem+json. */
    @Bean
    public RequestRejectedHandler problemRequestRejectedHandler(ObjectMapper json) {
        return (request, response, rejected) -> write(response, json, ProblemAdvice.rejectedRequest(rejected));
    }
}
