package org.safecase.web.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

import java.io.IOException;

/**
 * A form sent with a session that has ended carries a CSRF token that no longer matches: that is a sign-in that
 * timed out, said so on the sign-in page, not a refusal. Every other denial (a form without its token) is the 403
 * page.
 */
final class SessionExpiry implements AccessDeniedHandler {

    private final AccessDeniedHandler refusal = new AccessDeniedHandlerImpl();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        boolean sessionEnded = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
        if (denied instanceof CsrfException && sessionEnded) {
            response.sendRedirect(request.getContextPath() + "/sign-in?error=expired");
            return;
        }
        refusal.handle(request, response, denied);
    }
}
