package jp.nimo.infra.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import java.util.UUID;

/** A request authenticated by a personal access token: the token's user, as they are now. */
public final class TokenAuthentication extends AbstractAuthenticationToken {

    private final NimoUser user;
    private final UUID tokenId;

    TokenAuthentication(NimoUser user, UUID tokenId) {
        super(user.getAuthorities());
        this.user = user;
        this.tokenId = tokenId;
        setAuthenticated(true);
    }

    public UUID tokenId() {
        return tokenId;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return user;
    }
}
