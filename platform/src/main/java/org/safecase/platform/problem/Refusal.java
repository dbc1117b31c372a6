package org.safecase.platform.problem;

import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * A request refused for a reason the client can act on, named by a stable rule code
 * ({@code POLICE_REFERRAL_REQUIRED}, ...). Its detail must never carry narrative text or personal data.
 */
public class Refusal extends RuntimeException {

    private final HttpStatus status;
    private final String rule;
    private final Map<String, Object> properties;

    protected Refusal(HttpStatus status, String rule, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.rule = rule;
        this.properties = Map.copyOf(properties);
    }

    /** Refused by a rule of the safeguarding policy or by the incident's state: 409. */
    public static Refusal byRule(String rule, String detail) {
        return new Refusal(HttpStatus.CONFLICT, rule, detail, Map.of());
    }

    public static Refusal byRule(String rule, String detail, Map<String, Object> properties) {
        return new Refusal(HttpStatus.CONFLICT, rule, detail, properties);
    }

    /** The user's role or school may not do this: 403. */
    public static Refusal forbidden(String rule, String detail) {
        return new Refusal(HttpStatus.FORBIDDEN, rule, detail, Map.of());
    }

    public static Refusal notFound(String rule, String detail) {
        return new Refusal(HttpStatus.NOT_FOUND, rule, detail, Map.of());
    }

    /** The client's {@code If-Match} version is not the current one: 412. */
    public static Refusal stale(String detail) {
        return new Refusal(HttpStatus.PRECONDITION_FAILED, "STALE_VERSION", detail, Map.of());
    }

    /** Input that is well-formed but not acceptable, on one field: 400. */
    public static Refusal invalid(String rule, String field, String message) {
        return new Refusal(HttpStatus.BAD_REQUEST, rule, message,
                Map.of("errors", java.util.List.of(Map.of("field", field, "message", message))));
    }

    public HttpStatus status() {
        return status;
    }

    public String rule() {
        return rule;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
