package org.safecase.platform.accesslog;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One kind of read of case data: an HTTP GET path, in the same pattern syntax as the security rules
 * ({@code /api/v1/incidents/{id}/timeline}), and the action the read log names it by. The incident read
 * is the path variable {@code id}, else the request parameter {@code incidentId}; the person read about
 * is the path variable {@code reference}, else the parameter {@code subjectReference}, looked up in the
 * school the parameter {@code schoolId} names, else the user's.
 */
public final class CaseRead {

    /** A request that is this read, with what it reads (as the request gives it: unchecked). */
    record Match(String action, String incidentId, String reference, String schoolId) {

        /** The incident, if the request named one by a well-formed id. */
        UUID incident() {
            try {
                return incidentId == null ? null : UUID.fromString(incidentId);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    private final String action;
    private final String path;
    private final PathPatternRequestMatcher matcher;

    private CaseRead(String action, String path) {
        this.action = action;
        this.path = path;
        this.matcher = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, path);
    }

    /** A GET of {@code path} is logged as {@code action}. */
    public static CaseRead get(String path, String action) {
        return new CaseRead(action, path);
    }

    public String action() {
        return action;
    }

    public String path() {
        return path;
    }

    Optional<Match> match(HttpServletRequest request) {
        RequestMatcher.MatchResult result = matcher.matcher(request);
        if (!result.isMatch()) {
            return Optional.empty();
        }
        Map<String, String> variables = result.getVariables();
        return Optional.of(new Match(action, variables.getOrDefault("id", request.getParameter("incidentId")),
                variables.getOrDefault("reference", request.getParameter("subjectReference")),
                request.getParameter("schoolId")));
    }

    @Override
    public String toString() {
        return "GET " + path + " (" + action + ")";
    }
}
