package org.safecase.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.safecase.web.services.CommandService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Production's sign-in ({@code safecase.web.sign-in=oidc}): OpenID Connect at the identity provider the services
 * trust, configured by Spring Boot's {@code spring.security.oauth2.client.registration.safecase.*} and
 * {@code provider.safecase.issuer-uri} (discovery). Authorization code flow with PKCE; the user's access token is
 * kept in their session and relayed to the services as a bearer token ({@link BearerTokenRelay}), refreshed when it
 * runs out. Sign-out ends the session and, where the provider offers it, the provider's own session
 * (RP-initiated logout). The form sign-in page and {@link ServiceSignIn} do not exist in this mode.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = WebSecurity.SIGN_IN, havingValue = "oidc")
class OidcSignIn {

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

    /** The registration id of the identity provider in Spring Boot's settings; also the last part of the redirect URI. */
    static final String REGISTRATION = "safecase";

    private static ClientRegistration registration(ObjectProvider<ClientRegistrationRepository> registrations) {
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        ClientRegistration registration = repository == null ? null : repository.findByRegistrationId(REGISTRATION);
        if (registration == null) {
            throw new IllegalStateException("safecase.web.sign-in=oidc needs the identity provider as Spring Boot's "
                    + "client registration '" + REGISTRATION + "': spring.security.oauth2.client.registration."
                    + REGISTRATION + ".client-id, client-secret and provider." + REGISTRATION + ".issuer-uri (README)");
        }
        return registration;
    }

    /** The user's tokens live in their session and end with it (Boot's default keeps them in memory by user name). */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /**
     * Gives the relay the user's access token, refreshed with the refresh token once it runs out within a minute;
     * by the same clock as the relay's, so that both agree on when a token has run out.
     */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ObjectProvider<ClientRegistrationRepository> registrations,
                                                          OAuth2AuthorizedClientRepository authorizedClients, Clock clock) {
        registration(registrations);
        DefaultOAuth2AuthorizedClientManager manager =
                new DefaultOAuth2AuthorizedClientManager(registrations.getObject(), authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(refresh -> refresh.clock(clock))
                .build());
        return manager;
    }

    @Bean
    BearerTokenRelay bearerTokenRelay(OAuth2AuthorizedClientManager authorizedClientManager, Clock clock) {
        return new BearerTokenRelay(authorizedClientManager, clock);
    }

    /**
     * The session cookie is {@code SameSite=Lax} in this mode, not {@code Strict}: the provider sends the browser back
     * to the redirect URI from its own site, and a Strict cookie is withheld from that navigation and from the
     * redirects that follow it, so the authorization request kept in the session is not found and the user would
     * never arrive signed in. Lax still withholds the cookie from every cross-site form post, frame, image and script
     * request; every change is a POST with its CSRF token, and a GET changes nothing.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> laxSessionCookie() {
        return new LaxSessionCookie();
    }

    @Bean
    SecurityFilterChain pages(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> registrations,
                              CommandService commandService,
                              @Value("${server.servlet.session.cookie.name:SAFECASE_SESSION}") String sessionCookie)
            throws Exception {
        ClientRegistration provider = registration(registrations);
        DefaultOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
                registrations.getObject(), OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        // PKCE for a confidential client too (Spring adds it by itself only for public clients); OIDC's nonce is added
        // for the openid scope
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations.getObject());
        signedOut.setPostLogoutRedirectUri("{baseUrl}/signed-out");
        // a provider without an end_session_endpoint: the web session ends, and the user sees the signed-out page
        signedOut.setDefaultTargetUrl("/signed-out");
        return WebSecurity.pages(http, WebSecurity.contentSecurityPolicy(providerOrigins(provider)),
                        "/sign-in", OidcSignInPages.FAILED)
                .oauth2Login(login -> login
                        .loginPage("/sign-in")
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
                        .successHandler(new ServiceAcceptance(commandService))
                        .failureHandler(OidcSignIn::signInFailed))
                .logout(logout -> logout
                        .logoutUrl("/sign-out")
                        .logoutSuccessHandler(signedOut)
                        .invalidateHttpSession(true)
                        .clearAuthentication(true)
                        .deleteCookies(sessionCookie))
                .build();
    }

    /** The provider refused, or its answer did not hold (state, nonce, ID token): said so, with a way to try again. */
    private static void signInFailed(HttpServletRequest request, HttpServletResponse response,
                                     AuthenticationException failure) throws IOException {
        // OAuth2's error code only (invalid_id_token, authorization_request_not_found, access_denied...): no token or code
        log.warn("Sign-in at the identity provider did not succeed: {}", failure instanceof OAuth2AuthenticationException oauth2
                ? oauth2.getError().getErrorCode() : failure.getClass().getSimpleName());
        response.sendRedirect(request.getContextPath() + OidcSignInPages.FAILED + "?reason=provider");
    }

    /** Where a form's answer may redirect to at the provider: its authorization and end-session endpoints' origins. */
    static Set<String> providerOrigins(ClientRegistration provider) {
        Set<String> origins = new LinkedHashSet<>();
        origins.add(origin(provider.getProviderDetails().getAuthorizationUri()));
        Object endSession = provider.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
        if (endSession != null) {
            origins.add(origin(endSession.toString()));
        }
        return origins;
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalStateException("the identity provider's endpoints must be absolute URLs");
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** After Boot's own customizer, which sets the cookie from server.servlet.session.cookie.* (Strict). */
    private static final class LaxSessionCookie
            implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableServletWebServerFactory factory) {
            factory.getSettings().getSession().getCookie().setSameSite(Cookie.SameSite.LAX);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
