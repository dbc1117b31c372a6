package org.safecase.query.alert;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Outbound alerts' settings (README, "Outbound alerts (webhooks)"), each with a laptop default and an environment
 * variable: {@code safecase.webhooks.schools[n].school-id}, {@code .url}, {@code .secret}
 * ({@code SAFECASE_WEBHOOKS_SCHOOLS_0_SCHOOL_ID}, ...; none by default: no school receives webhooks);
 * {@code interval} (5 s: how often current alerts are queued and due messages sent); {@code initial-backoff}
 * (10 s) doubling up to {@code max-backoff} (15 min) between attempts at one message; {@code batch-size} (50
 * attempts at most per run); {@code request-timeout} (4 s, to connect and again to answer).
 */
@ConfigurationProperties("safecase.webhooks")
record WebhookProperties(List<SchoolWebhook> schools, Duration interval, Duration initialBackoff, Duration maxBackoff,
                         Integer batchSize, Duration requestTimeout) {

    WebhookProperties {
        schools = schools == null ? List.of() : List.copyOf(schools);
        interval = interval == null ? Duration.ofSeconds(5) : interval;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(10) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(15) : maxBackoff;
        batchSize = batchSize == null ? 50 : batchSize;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(4) : requestTimeout;
        if (!positive(interval) || !positive(requestTimeout)) {
            throw new IllegalArgumentException("safecase.webhooks.interval and request-timeout must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("safecase.webhooks.batch-size must be at least 1");
        }
        // an attempt holds its message until the retry time: it must outlast connecting and waiting for the answer
        if (initialBackoff.compareTo(requestTimeout.multipliedBy(2)) <= 0) {
            throw new IllegalArgumentException("safecase.webhooks.initial-backoff must exceed twice the request-timeout");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("safecase.webhooks.max-backoff cannot be shorter than initial-backoff");
        }
        Set<String> seen = new HashSet<>();
        for (SchoolWebhook school : schools) {
            if (!seen.add(school.schoolId())) {
                throw new IllegalArgumentException("safecase.webhooks.schools names school " + school.schoolId() + " twice");
            }
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    Optional<SchoolWebhook> school(String schoolId) {
        return schools.stream().filter(school -> school.schoolId().equals(schoolId)).findFirst();
    }

    List<String> schoolIds() {
        return schools.stream().map(SchoolWebhook::schoolId).toList();
    }

    /** How long after its {@code attempt}-th attempt (from 1) a message is tried again: doubling, capped, never ending. */
    Duration backoffAfter(int attempt) {
        Duration backoff = initialBackoff.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    /**
     * One school's receiver: where its alerts are POSTed and the secret they are signed with ({@code whsec_} and
     * the Base64 of 24 to 64 random bytes, as the Standard Webhooks specification shows it). Never printed.
     */
    record SchoolWebhook(String schoolId, URI url, String secret) {

        private static final String SECRET_PREFIX = "whsec_";

        SchoolWebhook {
            if (schoolId == null || schoolId.isBlank()) {
                throw new IllegalArgumentException("safecase.webhooks.schools[].school-id is required");
            }
            if (url == null || !url.isAbsolute() || url.getHost() == null
                    || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
                throw new IllegalArgumentException("safecase.webhooks: the url of school " + schoolId
                        + " must be an absolute http or https URL");
            }
            // the messages never quote the secret, so that a refused start-up cannot leak it into a log
            int length = secret == null || !secret.startsWith(SECRET_PREFIX) ? -1 : keyLength(secret);
            if (length < 24 || length > 64) {
                throw new IllegalArgumentException("safecase.webhooks: the secret of school " + schoolId
                        + " must be whsec_ followed by the Base64 of 24 to 64 random bytes");
            }
        }

        private static int keyLength(String secret) {
            try {
                return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())).length;
            } catch (IllegalArgumentException notBase64) {
                return -1;
            }
        }

        @Override
        public String toString() {
            return "SchoolWebhook[schoolId=" + schoolId + "]";
        }
    }
}
