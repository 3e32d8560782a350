package jp.nimo.command.tokens;

import tools.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.nimo.infra.openapi.ProblemAnswers;
import jp.nimo.infra.security.AccessTokens;
import jp.nimo.infra.security.AccessTokens.Listed;
import jp.nimo.infra.security.NimoUser;
import jp.nimo.infra.security.Role;
import jp.nimo.infra.security.TokenAuthentication;
import jp.nimo.infra.web.NotFoundException;
import jp.nimo.validation.DomainRuleViolation;
import jp.nimo.infra.web.input.JsonFields;
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
@Tag(name = "tokens")
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
    @Operation(operationId = "createToken", summary = "Make a personal access token",
            description = "Makes a token for a program, in a session or with a password (never with another token)."
            + " The secret is in this answer only. An Idempotency-Key is not kept here, since the answer holds the"
            + " secret: a retry makes a second token, to be revoked.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(ref = "NewToken"))))
    @ApiResponse(responseCode = "201", description = "The token, shown once.",
            content = @Content(schema = @Schema(ref = "TokenCreated")))
    @ProblemAnswers({403, 422})
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
    @Operation(operationId = "listTokens", summary = "List personal access tokens",
            description = "The caller's live tokens, never their secrets; an ADMIN may ask for another user's.")
    @ApiResponse(responseCode = "200", description = "The live tokens, newest first.",
            content = @Content(schema = @Schema(ref = "TokenList")))
    @ProblemAnswers({403})
    public Map<String, Object> list(@Parameter(description = "ADMIN: another user's tokens")
                                    @RequestParam(name = "user", required = false) String of,
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
    @Operation(operationId = "revokeToken", summary = "Revoke a personal access token",
            description = "The token stops working on every node of both services with the next request. Revoking"
            + " a revoked token changes nothing; a token that is not the caller's is not found (an ADMIN revokes any).")
    @ApiResponse(responseCode = "204", description = "The token is revoked.")
    @ProblemAnswers({403, 404})
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
