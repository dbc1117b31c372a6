package org.safecase.web.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.safecase.web.services.CommandService;
import org.safecase.web.services.ServiceProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.client.RestClientException;

import java.io.IOException;

/**
 * After the identity provider has signed a user in, asks the command service whether it accepts their token (any
 * user with a Safecase role, user id and school or trust may ask who they are, {@code GET /api/v1/me}), as the form
 * sign-in asks about a password. A token the services refuse ends the new session on a page that says so: sending the user back
 * to the provider would return them at once with the same token, in a loop.
 */
final class ServiceAcceptance implements AuthenticationSuccessHandler {

    private static final Logger log = LoggerFactory.getLogger(ServiceAcceptance.class);

    private final CommandService commandService;
    private final AuthenticationSuccessHandler accepted = new SavedRequestAwareAuthenticationSuccessHandler();

    ServiceAcceptance(CommandService commandService) {
        this.commandService = commandService;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, ServletException {
        String refusal;
        try {
            commandService.me();
            accepted.onAuthenticationSuccess(request, response, authentication);
            return;
        } catch (ServiceProblem problem) {
            // the status only: the token and its claims stay out of the log
            log.warn("The command service refused a user signed in at the identity provider: {}", problem.status());
            refusal = "refused";
        } catch (RestClientException unreachable) {
            log.warn("The command service did not answer a sign-in: {}", unreachable.getClass().getSimpleName());
            refusal = "unavailable";
        } catch (OAuth2AuthorizationException noGoodToken) {
            // a token that has run out as soon as it is issued (the clocks disagree): sending the user back to the
            // provider would bring the same again
            log.warn("The identity provider's new access token could not be used: {}", noGoodToken.getError().getErrorCode());
            refusal = "provider";
        }
        SecurityContextHolder.clearContext();
        if (request.getSession(false) != null) {
            request.getSession(false).invalidate();
        }
        response.sendRedirect(request.getContextPath() + OidcSignInPages.FAILED + "?reason=" + refusal);
    }
}
