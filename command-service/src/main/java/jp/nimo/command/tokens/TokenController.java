package jp.nimo.command.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import jp.nimo.infra.security.AccessTokens;
import jp.nimo.infra.security.AccessTokens.Listed;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.infra.security.TokenAuthentication;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.validation.DomainRuleViolation;
import jp.nimo.validation.JsonFields;
import jp.nimo.validation.NotPermitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Personal access tokens: a person (in a session, or with their password) makes one for a program,
 * sees it once, lists and revokes their own; an ADMIN lists and revokes anyone's. A token cannot make
 * tokens, so that a leaked one cannot outlive its own expiry.
 */
@RestController
public class TokenController {

    private static final Logger log = LoggerFactory.getLogger(TokenController.class);
    /** Expiry dates are Japanese calendar days: a token made to expire on a day works until that day ends in Japan. */
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 366;
    static final int NAME_LENGTH = 100;

    private final AccessTokens tokens;
    private final UserDetailsService users;
    private final Clock clock;

    public TokenController(AccessTokens tokens, UserDetailsService users, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    @PostMapping("/api/tokens")
    public ResponseEntity<Map<String, Object>> issue(@RequestBody(required = false) JsonNode body,
                                                     @AuthenticationPrincipal NimoUser user, Authentication authentication) {
        if (authentication instanceof TokenAuthentication) {
            throw new NotPermitted("a token cannot make tokens: make them in a session or with your password");
        }
        JsonFields fields = JsonFields.of(body);
        fields.onlyKnown(Set.of("name", "expiresOn"));
        String name = fields.text("name", true, NAME_LENGTH);
        LocalDate expiresOn = fields.date("expiresOn", false);
        LocalDate today = LocalDate.now(clock.withZone(JAPAN));
        if (expiresOn == null && !fields.has("expiresOn")) {
            expiresOn = today.plusDays(DEFAULT_DAYS);
        } else if (expiresOn != null && expiresOn.isBefore(today)) {
            fields.error("expiresOn", "must be today or later");
        } else if (expiresOn != null && expiresOn.isAfter(today.plusDays(MAX_DAYS))) {
            fields.error("expiresOn", "must be within a year, on or before " + today.plusDays(MAX_DAYS));
        }
        fields.check();
        requireUsersFileUser(user);
        Instant expiresAt = expiresOn.plusDays(1).atStartOfDay(JAPAN).toInstant();
        AccessTokens.Issued issued;
        try {
            issued = tokens.issue(user.username(), name, expiresAt);
        } catch (AccessTokens.TooManyTokens e) {
            throw new DomainRuleViolation("too-many-tokens", null, e.getMessage());
        }
        log.info("token {} made by {} for '{}', expires {}", issued.tokenId(), user.username(), name, expiresAt);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tokenId", issued.tokenId().toString());
        answer.put("name", issued.name());
        answer.put("token", issued.token());
        answer.put("expiresAt", issued.expiresAt().toString());
        // the secret is in this answer only: no cache may keep it
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(answer);
    }

    @GetMapping("/api/tokens")
    public Map<String, Object> list(@RequestParam(name = "user", required = false) String of,
                                    @AuthenticationPrincipal NimoUser user) {
        String whose = user.username();
        if (of != null && !of.equals(user.username())) {
            if (!user.hasRole(Role.ADMIN)) {
                throw new NotPermitted("only an ADMIN lists another user's tokens");
            }
            whose = of;
        }
        List<Map<String, Object>> listed = tokens.of(whose).stream().map(TokenController::shown).toList();
        return Map.of("tokens", listed);
    }

    @DeleteMapping("/api/tokens/{tokenId}")
    public ResponseEntity<Void> revoke(@PathVariable("tokenId") String tokenId, @AuthenticationPrincipal NimoUser user) {
        UUID id;
        try {
            id = UUID.fromString(tokenId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no such token");
        }
        Listed token = tokens.find(id)
                .filter(found -> found.username().equals(user.username()) || user.hasRole(Role.ADMIN))
                .orElseThrow(() -> new NotFoundException("no such token"));
        if (tokens.revoke(id, user.username())) {
            log.info("token {} of {} revoked by {}", id, token.username(), user.username());
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * Tokens act with their user's roles and scopes at the time of use, read from the users file; a user
     * known only to an OIDC provider has no entry there, and takes their programs' tokens from the provider.
     */
    private void requireUsersFileUser(NimoUser user) {
        try {
            users.loadUserByUsername(user.username());
        } catch (UsernameNotFoundException e) {
            throw new DomainRuleViolation("token-needs-local-user", null, "tokens are made for users of the users file;"
                    + " with an OpenID Connect provider, programs take their tokens from the provider");
        }
    }

    private static Map<String, Object> shown(Listed token) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("tokenId", token.tokenId().toString());
        shown.put("name", token.name());
        shown.put("createdAt", token.createdAt().toString());
        shown.put("expiresAt", token.expiresAt().toString());
        shown.put("lastUsedAt", token.lastUsedAt() == null ? null : token.lastUsedAt().toString());
        return shown;
    }
}
