package org.safecase.platform.problem;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

/** Builds every problem+json body of both services, so that they all look alike (RFC 9457). */
@Component
public class ProblemResponses {

    /** A request that is not what the API reads: its body is not JSON, or the request is not well-formed HTTP. */
    public static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";

    private final JsonMapper jsonMapper;

    public ProblemResponses(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:safecase:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    public static ProblemDetail of(Refusal refusal) {
        ProblemDetail problem = problem(refusal.status(), refusal.rule(), refusal.getMessage());
        if (refusal.status() == HttpStatus.CONFLICT || refusal.status() == HttpStatus.FORBIDDEN
                || refusal.status() == HttpStatus.BAD_REQUEST) {
            problem.setProperty("rule", refusal.rule());
        }
        refusal.properties().forEach(problem::setProperty);
        return problem;
    }

    /**
     * The answer to a request refused before any controller saw it (by the servlet container, the firewall, or
     * an error page), knowing only its status: a 400 is a malformed request; anything else is named by its status.
     * Never quotes the request.
     */
    public static Map<String, Object> forStatus(int statusCode) {
        HttpStatus status = HttpStatus.resolve(statusCode);
        if (status == null) {
            status = statusCode < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        boolean malformed = status == HttpStatus.BAD_REQUEST;
        ProblemDetail problem = problem(status, malformed ? MALFORMED_REQUEST : status.name(),
                malformed ? "The request is not well-formed HTTP, or not one this service accepts"
                        : status.is5xxServerError() ? "The request could not be completed"
                        : "The request cannot be answered as sent");
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", statusCode);
        body.put("detail", problem.getDetail());
        if (malformed) {
            body.put("rule", MALFORMED_REQUEST);
        }
        return body;
    }

    /** Writes {@link #forStatus} as the whole answer, whatever the request's {@code Accept}. */
    public void writeStatus(HttpServletResponse response, int statusCode) throws IOException {
        response.setStatus(statusCode);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), forStatus(statusCode));
    }

    /** For the security filters, which answer before any controller advice can. */
    public void write(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException {
        ProblemDetail problem = problem(status, code, detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("rule", code);
        jsonMapper.writeValue(response.getOutputStream(), body);
    }
}
