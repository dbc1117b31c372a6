package org.safecase.platform.security;

import org.safecase.events.Role;
import org.safecase.platform.school.SchoolDirectory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a verified token of the school's identity provider into an {@link AuthenticatedUser}: the
 * audience must be Safecase's, the user claim a safe user id, exactly one Safecase role from the role
 * claim, and the school or trust claim a scope the school directory knows ({@link UserIdentities}).
 * Checked here, not in the decoder, so that the checks hold whichever {@code JwtDecoder} verified the
 * signature (Boot's {@code spring.security.oauth2.resourceserver.jwt.audiences} reaches only its own).
 * Every refusal is a 401 whose message quotes no claim value.
 */
class JwtUserConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecurityProperties.Jwt claims;
    private final SchoolDirectory schools;

    JwtUserConverter(SecurityProperties.Jwt claims, SchoolDirectory schools) {
        this.claims = claims;
        this.schools = schools;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<String> audience = jwt.getAudience();
        if (audience == null || !audience.contains(claims.audience())) {
            throw new BadCredentialsException("the token is not issued for this audience");
        }
        Role role = singleRole(jwt.getClaim(claims.roleClaim()));
        try {
            return new UserAuthentication(UserIdentities.resolve(jwt.getClaimAsString(claims.userClaim()), role,
                    jwt.getClaimAsString(claims.schoolClaim()), jwt.getClaimAsString(claims.trustClaim()), schools), jwt);
        } catch (UserIdentities.Rejected rejected) {
            throw new BadCredentialsException("token refused: " + rejected.getMessage());
        }
    }

    private Role singleRole(Object claim) {
        Collection<?> values = claim instanceof Collection<?> c ? c : claim == null ? List.of() : List.of(claim);
        Set<Role> roles = values.stream().map(String::valueOf)
                .map(v -> v.startsWith("ROLE_") ? v.substring(5) : v)
                .flatMap(v -> Arrays.stream(Role.values()).filter(r -> r.name().equalsIgnoreCase(v)))
                .collect(Collectors.toSet());
        if (roles.size() != 1) {
            throw new BadCredentialsException("token must carry exactly one Safecase role in " + claims.roleClaim());
        }
        return roles.iterator().next();
    }

    /** An authentication whose principal is the Safecase user. */
    static final class UserAuthentication extends AbstractAuthenticationToken {
        private final AuthenticatedUser user;
        private final Jwt jwt;

        UserAuthentication(AuthenticatedUser user, Jwt jwt) {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
            this.user = user;
            this.jwt = jwt;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return jwt;
        }

        @Override
        public Object getPrincipal() {
            return user;
        }

        @Override
        public String getName() {
            return user.userId();
        }
    }
}
