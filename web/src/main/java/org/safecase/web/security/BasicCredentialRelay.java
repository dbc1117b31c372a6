package org.safecase.web.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The local stack's relay: the signed-in user's own username and password, as HTTP Basic. */
@Component
@ConditionalOnProperty(name = WebSecurity.SIGN_IN, havingValue = "form", matchIfMissing = true)
class BasicCredentialRelay implements CredentialRelay {

    @Override
    public void authorise(HttpHeaders headers) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof SignedInUser user) {
            headers.setBasicAuth(user.getName(), (String) user.getCredentials());
        }
    }
}
