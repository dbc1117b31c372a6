package org.safecase.platform.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;

/**
 * The error page of both services, in the place of Boot's (which answers JSON of its own shape, or a
 * "Whitelabel" HTML page, after the request's {@code Accept}): whatever ends here, an error no controller
 * answered, is a problem+json of its status.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private final ProblemResponses problems;

    ProblemErrorController(ProblemResponses problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // no error to tell of: a client asked for the error page itself, which is no resource of the API
        problems.writeStatus(response, status instanceof Integer code && code >= 400 ? code : 404);
    }
}
