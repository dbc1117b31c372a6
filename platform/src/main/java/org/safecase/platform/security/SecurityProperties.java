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

    public record Jwt(String userClaim, String roleClaim, String schoolClaim, String trustClaim) {
        public Jwt {
            userClaim = userClaim == null ? "sub" : userClaim;
            roleClaim = roleClaim == null ? "roles" : roleClaim;
            schoolClaim = schoolClaim == null ? "school_id" : schoolClaim;
            trustClaim = trustClaim == null ? "trust_id" : trustClaim;
        }
    }

    public SecurityProperties {
        mode = mode == null ? Mode.JWT : mode;
        jwt = jwt == null ? new Jwt(null, null, null, null) : jwt;
    }
}
