package org.safecase.web.services;

import java.util.List;

/**
 * A service's refusal, read from its problem+json: the HTTP status, the policy's rule code if a rule refused,
 * the fields that were invalid and, for a refused closure, every requirement still missing. The detail text is
 * the service's, for logs of the service only: pages say it in their own words.
 */
public final class ServiceProblem extends RuntimeException {

    public record FieldProblem(String field, String message) {
    }

    private final int status;
    private final String rule;
    private final List<FieldProblem> fieldProblems;
    private final List<String> unmetRequirements;

    public ServiceProblem(int status, String rule, List<FieldProblem> fieldProblems, List<String> unmetRequirements) {
        super("service answered " + status + (rule == null ? "" : " " + rule));
        this.status = status;
        this.rule = rule;
        this.fieldProblems = List.copyOf(fieldProblems);
        this.unmetRequirements = List.copyOf(unmetRequirements);
    }

    public int status() {
        return status;
    }

    /** The policy rule's code (POLICE_REFERRAL_REQUIRED, STALE_VERSION, ...), or null. */
    public String rule() {
        return rule;
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }

    public List<String> unmetRequirements() {
        return unmetRequirements;
    }

    /** Someone else changed the incident since the page was shown (412), or at the same moment (409). */
    public boolean staleVersion() {
        return status == 412 || "STALE_VERSION".equals(rule) || "CONCURRENT_CHANGE".equals(rule);
    }
}
