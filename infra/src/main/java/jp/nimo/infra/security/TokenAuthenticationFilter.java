package jp.nimo.infra.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer nimo_…}: one indexed lookup of the token's hash and one of
 * its user, no password hash. Other bearer tokens (an OpenID Connect provider's JWTs) pass on untouched.
 * The authentication lives for this request only: a token never starts a session.
 */
public class TokenAuthenticationFilter extends OncePerRequestFilter {

    private final AccessTokens tokens;
    private final UserDetailsService users;
    private final AuthenticationEntryPoint unauthenticated;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public TokenAuthenticationFilter(AccessTokens tokens, UserDetailsService users, AuthenticationEntryPoint unauthenticated) {
        this.tokens = tokens;
        this.users = users;
        this.unauthenticated = unauthenticated;
    }

    /** The Nimo token of a request, or null when it carries none (it may carry another kind of bearer token). */
    static String tokenOf(HttpServletRequest request) {
        String token = AuthorizationHeader.credentials(request, AuthorizationHeader.BEARER);
        return token != null && token.startsWith(AccessTokens.PREFIX) ? token : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = tokenOf(request);
        if (token == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<NimoUser> user = tokens.holderOf(token).flatMap(holder -> userOf(holder.username())
                .map(found -> {
                    SecurityContext context = contexts.createEmptyContext();
                    context.setAuthentication(new TokenAuthentication(found, holder.tokenId()));
                    contexts.setContext(context);
                    return found;
                }));
        if (user.isEmpty()) {
            contexts.clearContext();
            unauthenticated.commence(request, response,
                    new BadCredentialsException("the token is unknown, expired or revoked"));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The token's user with their roles and scopes now; empty when they are no longer a user. */
    private Optional<NimoUser> userOf(String username) {
        try {
            UserDetails found = users.loadUserByUsername(username);
            return found instanceof NimoUser nimo ? Optional.of(nimo.withoutPassword()) : Optional.empty();
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
    }
}
