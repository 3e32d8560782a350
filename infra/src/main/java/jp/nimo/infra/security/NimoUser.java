package jp.nimo.infra.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A user with their roles and scope: the organisation they work for, their profession, and the
 * municipalities and councils they act for.
 */
public record NimoUser(String username, String password, Set<Role> roles, String organisation, String profession,
                       List<String> municipalities, List<String> councils) implements UserDetails {

    public NimoUser {
        roles = Set.copyOf(roles);
        municipalities = municipalities == null ? List.of() : List.copyOf(municipalities);
        councils = councils == null ? List.of() : List.copyOf(councils);
    }

    /** The same user without the password hash, as a login keeps them in a session or a token presents them. */
    public NimoUser withoutPassword() {
        return new NimoUser(username, "", roles, organisation, profession, municipalities, councils);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override
    public String getPassword() {
        return password;
    }

    @Override
    public String getUsername() {
        return username;
    }

    /** Without the password, so that a principal can be logged or kept. */
    @Override
    public String toString() {
        return "NimoUser[" + username + ", " + roles + ", " + organisation + "]";
    }
}
