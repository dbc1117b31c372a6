package org.safecase.web.security;

import org.springframework.http.HttpHeaders;

/**
 * How a call to a service carries the signed-in user's identity, so that every rule, role and read-log entry of
 * the services applies unchanged. Locally the user's own credentials over HTTP Basic; in production an OIDC
 * access token relayed as a bearer token takes this place, and nothing else changes.
 */
public interface CredentialRelay {

    /** Adds the signed-in user's credentials to a request to a service. */
    void authorise(HttpHeaders headers);
}
