package org.safecase.web.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the relay puts on a call to a service in oidc mode: the user's access token while it is good, and never a call
 * with one that has run out; then the user is sent through the provider's sign-in instead (Spring Security's
 * {@link ClientAuthorizationRequiredException}). The manager stands in for the provider here; {@code
 * WebOidcSignInTest} runs the real one.
 */
class WebBearerTokenRelayTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ClientRegistration PROVIDER = ClientRegistration.withRegistrationId(OidcSignIn.REGISTRATION)
            .clientId("safecase-web").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .authorizationUri("https://idp.example/authorize").tokenUri("https://idp.example/token").build();

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void givenAnAccessTokenThatIsStillGoodWhenAServiceIsCalledThenTheCallCarriesItAsABearerToken() {
        signedInAtTheProvider();
        HttpHeaders headers = new HttpHeaders();

        new BearerTokenRelay(request -> authorised("token-1", NOW.plus(Duration.ofMinutes(5))), CLOCK).authorise(headers);

        assertThat(headers.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer token-1");
    }

    @Test
    void givenATokenThatHasRunOutAndCouldNotBeRefreshedWhenAServiceIsCalledThenTheUserIsSentToSignInAgain() {
        signedInAtTheProvider();
        HttpHeaders headers = new HttpHeaders();
        OAuth2AuthorizedClientManager noRefreshToken = request -> authorised("token-1", NOW.minusSeconds(1));

        assertThatThrownBy(() -> new BearerTokenRelay(noRefreshToken, CLOCK).authorise(headers))
                .isInstanceOf(ClientAuthorizationRequiredException.class)
                .extracting(e -> ((ClientAuthorizationRequiredException) e).getClientRegistrationId())
                .isEqualTo(OidcSignIn.REGISTRATION);
        assertThat(headers.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
    }

    @Test
    void givenTheProviderRefusesTheRefreshWhenAServiceIsCalledThenTheUserIsSentToSignInAgain() {
        signedInAtTheProvider();
        HttpHeaders headers = new HttpHeaders();
        OAuth2AuthorizedClientManager refused = request -> {
            throw new ClientAuthorizationException(new OAuth2Error("invalid_grant"), OidcSignIn.REGISTRATION);
        };

        assertThatThrownBy(() -> new BearerTokenRelay(refused, CLOCK).authorise(headers))
                .isInstanceOf(ClientAuthorizationRequiredException.class);
        assertThat(headers.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
    }

    @Test
    void givenNoOneSignedInWhenAServiceIsCalledThenTheCallCarriesNoCredentials() {
        HttpHeaders headers = new HttpHeaders();

        new BearerTokenRelay(request -> authorised("token-1", NOW.plus(Duration.ofMinutes(5))), CLOCK).authorise(headers);

        assertThat(headers.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
    }

    private static void signedInAtTheProvider() {
        DefaultOAuth2User user = new DefaultOAuth2User(List.of(), Map.of("sub", "dsl.oidc"), "sub");
        SecurityContextHolder.getContext().setAuthentication(
                new OAuth2AuthenticationToken(user, List.of(), OidcSignIn.REGISTRATION));
    }

    private static OAuth2AuthorizedClient authorised(String token, Instant expiresAt) {
        return new OAuth2AuthorizedClient(PROVIDER, "dsl.oidc", new OAuth2AccessToken(
                OAuth2AccessToken.TokenType.BEARER, token, expiresAt.minus(Duration.ofMinutes(5)), expiresAt));
    }
}
