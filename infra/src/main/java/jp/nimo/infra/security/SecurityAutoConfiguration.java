package jp.nimo.infra.security;

import tools.jackson.databind.json.JsonMapper;
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
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
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

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Who is calling, on both services: a session of a person logged in through the form, a personal
 * access token, an OIDC provider's JWT, or HTTP Basic against the users file.
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
    public LoginThrottle loginThrottle(java.time.Clock clock, JsonMapper json, org.springframework.jdbc.core.JdbcTemplate jdbc,
                                       io.micrometer.core.instrument.MeterRegistry meters,
                                       @Value("${nimo.security.login-throttle.window:15m}") java.time.Duration window,
                                       @Value("${nimo.security.login-throttle.name-free-failures:5}") int nameFree,
                                       @Value("${nimo.security.login-throttle.name-max-wait:60s}") java.time.Duration nameMaxWait,
                                       @Value("${nimo.security.login-throttle.address-free-failures:20}") int addressFree,
                                       @Value("${nimo.security.login-throttle.address-max-wait:10m}") java.time.Duration addressMaxWait) {
        return new LoginThrottle(new LoginFailures(jdbc, window), new Slowdown(nameFree, nameMaxWait),
                new Slowdown(addressFree, addressMaxWait), clock, json, meters);
    }

    /**
     * The throttle is a bean for its authentication-event listeners; it runs in the security chain only,
     * not a second time as a servlet filter of its own.
     */
    @Bean
    public FilterRegistrationBean<LoginThrottle> loginThrottleInTheSecurityChainOnly(LoginThrottle throttle) {
        FilterRegistrationBean<LoginThrottle> registration = new FilterRegistrationBean<>(throttle);
        registration.setEnabled(false);
        return registration;
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
    public AccessTokens accessTokens(JdbcTemplate jdbc, PlatformTransactionManager transactions, java.time.Clock clock) {
        return new AccessTokens(jdbc, new TransactionTemplate(transactions), clock);
    }

    /** The plain form; a service that serves the web pages brings its own ("loginView") in their style. */
    @Bean
    @ConditionalOnMissingBean(name = "loginView")
    public LoginPage loginPage() {
        return new LoginPage();
    }

    /**
     * Passwords checked against the users file; what a login keeps (in a session, say) is the user
     * without their password hash.
     */
    @Bean
    public AuthenticationProvider passwordLogins(UserDetailsService users, PasswordEncoder passwords) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users) {
            @Override
            protected Authentication createSuccessAuthentication(Object principal, Authentication authentication,
                                                                 UserDetails user) {
                Object kept = user instanceof NimoUser nimo ? nimo.withoutPassword() : principal;
                return super.createSuccessAuthentication(kept, authentication, user);
            }
        };
        provider.setPasswordEncoder(passwords);
        return provider;
    }

    /**
     * People log in once through the form and keep a session (shared by every node through the
     * database, CSRF-protected); programs send a personal access token, an OIDC provider's JWT or, for
     * small scripts, HTTP Basic. Only the health endpoint and the log-in form answer without credentials;
     * failures of the API answer in problem+json like every other error, pages are sent to the form.
     */
    @Bean
    public SecurityFilterChain nimoSecurity(HttpSecurity http, JsonMapper json, LoginThrottle throttle,
                                            AccessTokens tokens, UserDetailsService users,
                                            @Value("${server.servlet.session.cookie.name:NIMO_SESSION}") String sessionCookie,
                                            @Value("${nimo.session.absolute-timeout:8h}") java.time.Duration absoluteTimeout,
                                            @Value("${nimo.oidc.issuer:}") String issuer,
                                            @Value("${nimo.oidc.jwk-set-uri:}") String jwkSetUri,
                                            @Value("${nimo.oidc.public-key-file:}") String publicKeyFile) throws Exception {
        AuthenticationEntryPoint problem = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Nimo\"");
            write(response, json, Problems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Authentication required", "send valid credentials"));
        };
        AuthenticationEntryPoint toLoginForm = new LoginUrlAuthenticationEntryPoint("/login");
        AuthenticationEntryPoint sessionEnded = new LoginUrlAuthenticationEntryPoint("/login?expired");
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            if (!isPage(request)) {
                problem.commence(request, response, e);
            } else if (request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid()) {
                sessionEnded.commence(request, response, e);
            } else {
                toLoginForm.commence(request, response, e);
            }
        };
        HttpSessionRequestCache pagesOnly = new HttpSessionRequestCache();
        pagesOnly.setRequestMatcher(request -> "GET".equals(request.getMethod()) && isPage(request));
        http.headers(headers -> headers
                        // same-origin script and style only (no inline script), never framed, never sniffed
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny()))
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityAutoConfiguration::needsCsrfToken))
                .requestCache(cache -> cache.requestCache(pagesOnly))
                .formLogin(form -> form.loginPage("/login").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").deleteCookies(sessionCookie)
                        .logoutSuccessHandler((request, response, authentication) -> {
                            if (isPage(request)) {
                                response.sendRedirect("/login?logout");
                            } else {
                                response.setStatus(HttpStatus.NO_CONTENT.value());
                            }
                        }))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated)
                        // a program's Basic login lasts for its request: no session is started for it
                        .securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler((request, response, denied) ->
                        write(response, json, denied instanceof CsrfException
                                ? Problems.problem(HttpStatus.FORBIDDEN, "csrf", "Missing or invalid CSRF token",
                                        "a request in a session must carry the session's CSRF token")
                                : Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                                        "your role or scope does not allow this"))))
                .authorizeHttpRequests(authorize -> authorize
                        // the error page only renders the problem of a request that already failed
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // the form, whatever it is asked to say (?error, ?logout, ?expired, ?wait=)
                        .requestMatchers(HttpMethod.GET, "/login").permitAll()
                        // the pages' style, script and icons hold nothing but code: the log-in form needs them too
                        .requestMatchers(HttpMethod.GET, "/css/**", "/js/**", "/webjars/**", "/favicon.ico").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        // the OpenAPI document (/v3/api-docs) is for any authenticated caller; its browser UI is not
                        .requestMatchers("/swagger-ui.html", "/swagger-ui/**").hasAnyRole(Role.ADMIN.name(), Role.ANALYST.name())
                        .anyRequest().authenticated())
                .addFilterBefore(new AbsoluteSessionTimeout(absoluteTimeout, java.time.Clock.systemUTC()),
                        SecurityContextHolderFilter.class)
                .addFilterBefore(new TokenAuthenticationFilter(tokens, users, unauthenticated), BearerTokenAuthenticationFilter.class)
                // before form login and Basic, the filters that check passwords
                .addFilterBefore(throttle, org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class);
        if (!issuer.isBlank()) {
            JwtDecoder decoder = jwtDecoder(issuer, jwkSetUri, publicKeyFile);
            DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
            http.oauth2ResourceServer(oauth -> oauth
                    .authenticationEntryPoint(unauthenticated)
                    // a Nimo token is the token filter's; only the provider's JWTs are decoded here
                    .bearerTokenResolver(request -> TokenAuthenticationFilter.tokenOf(request) != null ? null : bearer.resolve(request))
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new OidcUsers())));
        }
        return http.build();
    }

    /** Every answer's policy: the pages load script, style, fonts and images from their own origin only. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * A change that rides on a live session, or a log-in or log-out form: such a request must carry the
     * session's CSRF token. A request with its own credentials, or with none (it is answered 401), need not.
     */
    static boolean needsCsrfToken(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod()) || carriesCredentials(request)) {
            return false;
        }
        String path = request.getRequestURI();
        return path.equals("/login") || path.equals("/logout")
                || (request.getRequestedSessionId() != null && request.isRequestedSessionIdValid());
    }

    /**
     * A request that brings its own credentials in a header (Basic, a bearer token): a browser sends no
     * such header across sites by itself, so it needs no CSRF token; a request that relies on the
     * session cookie does.
     */
    static boolean carriesCredentials(HttpServletRequest request) {
        return AuthorizationHeader.credentials(request, AuthorizationHeader.BASIC) != null
                || AuthorizationHeader.credentials(request, AuthorizationHeader.BEARER) != null;
    }

    /** A request a browser makes for a page (not the API, not a program): sent to the log-in form when unauthenticated. */
    static boolean isPage(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        String path = request.getRequestURI();
        return !path.startsWith("/api/") && !path.startsWith("/actuator/") && !path.equals("/error")
                && accept != null && accept.contains("text/html") && !carriesCredentials(request);
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

    private static void write(HttpServletResponse response, JsonMapper json, ProblemDetail problem) throws IOException {
        Problems.write(response, json, problem);
    }

    /** The firewall's refusals (an encoded slash, backslash or NUL in the path, ...) in problem+json. */
    @Bean
    public RequestRejectedHandler problemRequestRejectedHandler(JsonMapper json) {
        return (request, response, rejected) -> write(response, json, ProblemAdvice.rejectedRequest(rejected));
    }
}
