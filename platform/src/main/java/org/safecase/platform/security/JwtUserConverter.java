package org.safecase.platform.security;

import org.safecase.events.Role;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a verified token of the school's identity provider into an {@link AuthenticatedUser}: the user
 * claim, exactly one Safecase role from the role claim, and the school or trust claim.
 */
class JwtUserConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecurityProperties.Jwt claims;

    JwtUserConverter(SecurityProperties.Jwt claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String userId = jwt.getClaimAsString(claims.userClaim());
        if (userId == null || userId.isBlank()) {
            throw new BadCredentialsException("token has no " + claims.userClaim() + " claim");
        }
        Role role = singleRole(jwt.getClaim(claims.roleClaim()));
        String schoolId = jwt.getClaimAsString(claims.schoolClaim());
        String trustId = jwt.getClaimAsString(claims.trustClaim());
        if (schoolId == null && trustId == null) {
            throw new BadCredentialsException("token names neither a school nor a trust");
        }
        return new UserAuthentication(new AuthenticatedUser(userId, role, schoolId, trustId), jwt);
    }

    private Role singleRole(Object claim) {
        Collection<?> values = claim instanceof Collection<?> c ? c : claim == null ? List.of() : List.of(claim);
        Set<Role> roles = values.stream().map(String::valueOf)
                .map(v -> v.startsWith("ROLE_") ? v.substring(5) : v)
                .flatMap(v -> java.util.Arrays.stream(Role.values()).filter(r -> r.name().equalsIgnoreCase(v)))
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
