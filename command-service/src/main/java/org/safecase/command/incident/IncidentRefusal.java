package org.safecase.command.incident;

import java.util.Map;

/**
 * A command refused by a rule of the incident, named by a stable rule code ({@code POLICE_REFERRAL_REQUIRED}, ...)
 * and a kind; {@link CommandSender} gives it its HTTP form. Its detail never carries narrative text or personal data.
 */
final class IncidentRefusal extends RuntimeException {

    enum Kind {
        /** A rule of the safeguarding policy, or the incident's state. */
        POLICY,
        /** The acting user's role or school may not do this. */
        NOT_ALLOWED,
        /** A value of the command, on one field, is not acceptable. */
        INVALID,
        /** A part of the incident the command names (an action, a device) does not exist. */
        NOT_FOUND
    }

    private final Kind kind;
    private final String rule;
    private final String field;
    private final Map<String, Object> properties;

    private IncidentRefusal(Kind kind, String rule, String detail, String field, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.kind = kind;
        this.rule = rule;
        this.field = field;
        this.properties = Map.copyOf(properties);
    }

    static IncidentRefusal byRule(String rule, String detail) {
        return new IncidentRefusal(Kind.POLICY, rule, detail, null, Map.of());
    }

    static IncidentRefusal byRule(String rule, String detail, Map<String, Object> properties) {
        return new IncidentRefusal(Kind.POLICY, rule, detail, null, properties);
    }

    static IncidentRefusal notAllowed(String rule, String detail) {
        return new IncidentRefusal(Kind.NOT_ALLOWED, rule, detail, null, Map.of());
    }

    static IncidentRefusal invalid(String rule, String field, String message) {
        return new IncidentRefusal(Kind.INVALID, rule, message, field, Map.of());
    }

    static IncidentRefusal notFound(String rule, String detail) {
        return new IncidentRefusal(Kind.NOT_FOUND, rule, detail, null, Map.of());
    }

    Kind kind() {
        return kind;
    }

    String rule() {
        return rule;
    }

    /** The field an {@link Kind#INVALID} refusal is about, else null. */
    String field() {
        return field;
    }

    Map<String, Object> properties() {
        return properties;
    }
}
