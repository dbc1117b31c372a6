package org.safecase.platform.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of both services' HTTP APIs ({@code safecase.http.*}).
 *
 * @param maxBodyBytes the largest request body accepted, in bytes ({@code SAFECASE_HTTP_MAX_BODY_BYTES}, 1 MiB
 *                     by default: a report with its 10,000-character summary and a hundred subjects is a
 *                     small fraction of it)
 */
@ConfigurationProperties("safecase.http")
public record HttpProperties(@DefaultValue("1048576") long maxBodyBytes) {

    public HttpProperties {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("safecase.http.max-body-bytes must be a positive number of bytes");
        }
    }
}
