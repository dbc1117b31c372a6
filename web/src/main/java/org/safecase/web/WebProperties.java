package org.safecase.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where the services are and how the web application talks to them; every value can be overridden by its
 * environment variable (SAFECASE_WEB_COMMAND_URL, SAFECASE_WEB_QUERY_URL, SAFECASE_WEB_SERVICE_TIMEOUT,
 * SAFECASE_WEB_SCHOOLS_0_ID, SAFECASE_WEB_SIGN_IN, ...).
 *
 * @param commandUrl     the command service's base URL
 * @param queryUrl       the query service's base URL
 * @param serviceTimeout how long a page waits for a service before it says the service is not answering
 * @param schools        the schools this deployment serves, offered when an incident is reported and for statistics
 *                       (reference data, as the services' school directory; the services refuse a school the user
 *                       is not in)
 * @param trusts         the trusts, offered for statistics to trust-wide governors and auditors
 * @param signIn         how a user signs in (SAFECASE_WEB_SIGN_IN): {@code form} against the services' own users
 *                       (the local stack), or {@code oidc} at the identity provider the services trust (production)
 */
@ConfigurationProperties("safecase.web")
public record WebProperties(URI commandUrl, URI queryUrl, Duration serviceTimeout, List<School> schools,
                            List<Trust> trusts, SignIn signIn) {

    public WebProperties {
        schools = schools == null ? List.of() : List.copyOf(schools);
        trusts = trusts == null ? List.of() : List.copyOf(trusts);
        signIn = signIn == null ? SignIn.FORM : signIn;
    }

    /** The two ways to sign in; the services' own mode must match (demo users for form, jwt for oidc). */
    public enum SignIn { FORM, OIDC }

    public record School(String id, String name) {
    }

    public record Trust(String id, String name) {
    }
}
