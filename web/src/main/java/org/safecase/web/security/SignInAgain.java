package org.safecase.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A page that needed a service while the user's access token could not be had ({@link BearerTokenRelay}) sends the
 * user through the provider's sign-in, and back to that page after it: a page they asked for by address or link is
 * kept; after a form, they come back to the first page (what they typed was not sent, as when a session runs out).
 * This is the sign-in's own flow ({@code /oauth2/authorization/safecase}, returning to the login redirect URI), not
 * Spring Security's re-authorization of a client, whose return address the provider does not know.
 */
@ControllerAdvice
@ConditionalOnProperty(name = WebSecurity.SIGN_IN, havingValue = "oidc")
class SignInAgain {

    private final RequestCache requestCache = new HttpSessionRequestCache();

    @ExceptionHandler(ClientAuthorizationRequiredException.class)
    String signInAgain(HttpServletRequest request, HttpServletResponse response) {
        if (HttpMethod.GET.matches(request.getMethod())) {
            requestCache.saveRequest(request, response);
        } else {
            requestCache.removeRequest(request, response);
        }
        return "redirect:/oauth2/authorization/" + OidcSignIn.REGISTRATION;
    }
}
