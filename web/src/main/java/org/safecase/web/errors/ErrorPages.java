package org.safecase.web.errors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.safecase.web.layout.PageFrame;
import org.safecase.web.services.ServiceProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.ModelAndView;

import java.security.Principal;

/**
 * A refusal no page handled itself becomes a GOV.UK error page with the service's status: 403 "you cannot see
 * this", 404 "page not found", 400 "check the address"; a service that does not answer is a 503 "try again
 * later". A service that no longer accepts the user's credentials signs them out.
 */
@ControllerAdvice
class ErrorPages {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private final PageFrame frame;

    ErrorPages(PageFrame frame) {
        this.frame = frame;
    }

    @ExceptionHandler(ServiceProblem.class)
    ModelAndView refused(ServiceProblem problem, HttpServletRequest request, HttpServletResponse response,
                         Principal principal) {
        if (problem.status() == 401) {
            SecurityContextHolder.clearContext();
            if (request.getSession(false) != null) {
                request.getSession(false).invalidate();
            }
            return new ModelAndView("redirect:/sign-in");
        }
        int status = problem.status() == 403 || problem.status() == 404 ? problem.status() : 400;
        response.setStatus(status);
        ModelAndView page = new ModelAndView("error");
        page.addObject("status", status);
        frame.addTo(page, request, principal);
        return page;
    }

    @ExceptionHandler(RestClientException.class)
    ModelAndView unavailable(RestClientException failure, HttpServletRequest request, HttpServletResponse response,
                             Principal principal) {
        // the exception's class only: a service's answer may carry case data
        log.warn("A service did not answer: {}", failure.getClass().getSimpleName());
        response.setStatus(503);
        ModelAndView page = new ModelAndView("error");
        page.addObject("status", 503);
        frame.addTo(page, request, principal);
        return page;
    }
}
