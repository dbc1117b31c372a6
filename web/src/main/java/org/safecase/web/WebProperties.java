package org.safecase.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where the services are and how the web application talks to them; every value can be overridden by its
 * environment variable (SAFECASE_WEB_COMMAND_URL, SAFECASE_WEB_QUERY_URL, SAFECASE_WEB_SERVICE_TIMEOUT,
 * SAFECASE_WEB_SCHOOLS_0_ID, ...).
 *
 * @param commandUrl     the command service's base URL
 * @param queryUrl       the query service's base URL
 * @param serviceTimeout how long a page waits for a service before it says the service is not answering
 * @param schools        the schools this deployment serves, offered when an incident is reported and for statistics
 *                       (reference data, as the services' school directory; the services refuse a school the user
 *                       is not in)
 * @param trusts         the trusts, offered for statistics to trust-wide governors and auditors
 */
@ConfigurationProperties("safecase.web")
public record WebProperties(URI commandUrl, URI queryUrl, Duration serviceTimeout, List<School> schools,
                            List<Trust> trusts) {

    public WebProperties {
        schools = schools == null ? List.of() : List.copyOf(schools);
        trusts = trusts == null ? List.of() : List.copyOf(trusts);
    }

    public record School(String id, String name) {
    }

    public record Trust(String id, String name) {
    }
}
