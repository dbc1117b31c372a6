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
