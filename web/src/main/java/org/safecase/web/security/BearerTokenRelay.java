package org.safecase.web.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

import java.time.Clock;
import java.time.Instant;

/**
 * Production's relay: the signed-in user's access token from the identity provider, as {@code Authorization: Bearer},
 * refreshed by the {@link OAuth2AuthorizedClientManager} when it has (nearly) run out. When there is no token that
 * is still good (no refresh token, or the provider refused the refresh), the call is not made: a
 * {@link ClientAuthorizationRequiredException} sends the user through the provider's sign-in and back to the page
 * they asked for ({@link SignInAgain}), instead of showing an error.
 */
final class BearerTokenRelay implements CredentialRelay {

    private final OAuth2AuthorizedClientManager authorizedClients;
    private final Clock clock;

    BearerTokenRelay(OAuth2AuthorizedClientManager authorizedClients, Clock clock) {
        this.authorizedClients = authorizedClients;
        this.clock = clock;
    }

    @Override
    public void authorise(HttpHeaders headers) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof OAuth2AuthenticationToken signedIn)) {
            return;
        }
        String registration = signedIn.getAuthorizedClientRegistrationId();
        OAuth2AuthorizedClient client;
        try {
            client = authorizedClients.authorize(
                    OAuth2AuthorizeRequest.withClientRegistrationId(registration).principal(signedIn).build());
        } catch (ClientAuthorizationRequiredException signInAgain) {
            throw signInAgain;
        } catch (OAuth2AuthorizationException refreshRefused) {
            // the manager has already dropped the refused token from the session
            throw new ClientAuthorizationRequiredException(registration);
        }
        if (client == null || hasRunOut(client.getAccessToken())) {
            throw new ClientAuthorizationRequiredException(registration);
        }
        headers.setBearerAuth(client.getAccessToken().getTokenValue());
    }

    private boolean hasRunOut(OAuth2AccessToken token) {
        Instant expiresAt = token.getExpiresAt();
        return expiresAt != null && !expiresAt.isAfter(clock.instant());
    }
}
