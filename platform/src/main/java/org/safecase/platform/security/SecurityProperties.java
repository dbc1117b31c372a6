package org.safecase.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How requests are authenticated. {@code jwt} (the default, for production) takes tokens of the
 * school's identity provider; {@code demo} serves the documented demo users over HTTP Basic and is
 * for the local stack only.
 */
@ConfigurationProperties("safecase.security")
public record SecurityProperties(Mode mode, Jwt jwt) {

    public enum Mode { JWT, DEMO }

    /**
     * The claims a token is read from, and the audience it must name in {@code aud}
     * ({@code safecase.security.jwt.audience}, {@code SAFECASE_SECURITY_JWT_AUDIENCE}, default {@code safecase}):
     * a token the identity provider issued for another application is refused.
     */
    public record Jwt(String userClaim, String roleClaim, String schoolClaim, String trustClaim, String audience) {
        public Jwt {
            userClaim = userClaim == null ? "sub" : userClaim;
            roleClaim = roleClaim == null ? "roles" : roleClaim;
            schoolClaim = schoolClaim == null ? "school_id" : schoolClaim;
            trustClaim = trustClaim == null ? "trust_id" : trustClaim;
            audience = audience == null ? "safecase" : audience;
            if (audience.isBlank()) {
                throw new IllegalArgumentException("safecase.security.jwt.audience must name the audience tokens are "
                        + "issued for: without one, any token of the identity provider would do");
            }
        }
    }

    public SecurityProperties {
        mode = mode == null ? Mode.JWT : mode;
        jwt = jwt == null ? new Jwt(null, null, null, null, null) : jwt;
    }
}
