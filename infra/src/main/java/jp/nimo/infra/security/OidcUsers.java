package jp.nimo.infra.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Maps the claims of an OpenID Connect provider's bearer token to the same roles and scopes as the
 * users file: {@code nimo_roles}, {@code nimo_organisation}, {@code nimo_profession},
 * {@code nimo_municipalities}, {@code nimo_councils}; the user is {@code preferred_username} or {@code sub}.
 */
public class OidcUsers implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : list(jwt, "nimo_roles")) {
            try {
                roles.add(Role.valueOf(role));
            } catch (IllegalArgumentException e) {
                // a role of another system in the same token: not ours
            }
        }
        String username = jwt.getClaimAsString("preferred_username") != null
                ? jwt.getClaimAsString("preferred_username") : jwt.getSubject();
        String organisation = jwt.getClaimAsString("nimo_organisation");
        NimoUser user = new NimoUser(username, "", roles, organisation == null ? "" : organisation,
                jwt.getClaimAsString("nimo_profession"), list(jwt, "nimo_municipalities"), list(jwt, "nimo_councils"));
        return new Authenticated(user, jwt);
    }

    private static List<String> list(Jwt jwt, String claim) {
        List<String> values = jwt.getClaimAsStringList(claim);
        return values == null ? List.of() : values;
    }

    /** A bearer-token login, with the Nimo user as its principal like a Basic login. */
    static final class Authenticated extends AbstractAuthenticationToken {

        private final NimoUser user;
        private final transient Jwt jwt;

        Authenticated(NimoUser user, Jwt jwt) {
            super(user.getAuthorities());
            this.user = user;
            this.jwt = jwt;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return jwt.getTokenValue();
        }

        @Override
        public Object getPrincipal() {
            return user;
        }
    }
}
