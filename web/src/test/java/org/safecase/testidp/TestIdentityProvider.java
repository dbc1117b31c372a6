package org.safecase.testidp;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OpenID Connect identity provider for the tests: Spring Authorization Server in the test JVM, on loopback,
 * with its own sign-in form, discovery, JWKS, token, userinfo and RP-initiated logout endpoints. Its access tokens
 * carry what the services require of the school's provider: {@code aud} Safecase's audience, the user's roles and
 * school. Its issuer names {@code localhost} while the web application under test is reached at {@code 127.0.0.1}:
 * two sites, so the return from the provider is a cross-site navigation, as in production.
 * Kept outside {@code org.safecase.web} so that the web application's component scan never finds it.
 */
public final class TestIdentityProvider {

    /** A user of the provider and what their access token says about them in Safecase: a school or a trust. */
    public record Account(String username, List<String> roles, String schoolId, String trustId) {
    }

    /** The client the web application is registered as. */
    public record Client(String clientId, String clientSecret, String webBaseUrl) {
    }

    /** How long its access tokens last. */
    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(5);

    private final ConfigurableApplicationContext context;
    private final String issuer;
    private final String password;
    private final Grants grants;

    private TestIdentityProvider(ConfigurableApplicationContext context, String issuer, String password, Grants grants) {
        this.context = context;
        this.issuer = issuer;
        this.password = password;
        this.grants = grants;
    }

    /** Starts the provider on {@code port}, for the client and accounts given; all accounts share one password. */
    public static TestIdentityProvider start(int port, Client client, List<Account> accounts) {
        String issuer = issuerOn(port);
        String password = UUID.randomUUID().toString();
        Grants grants = new Grants();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Provider.class)
                .initializers(applicationContext -> {
                    applicationContext.getBeanFactory().registerSingleton("client", client);
                    applicationContext.getBeanFactory().registerSingleton("accounts", new Accounts(accounts, password));
                    applicationContext.getBeanFactory().registerSingleton("grants", grants);
                })
                // its own settings only: not the web application's application.yml on the same class path
                .properties(Map.of("spring.config.name", "test-identity-provider",
                        "server.port", Integer.toString(port),
                        "server.address", "127.0.0.1",
                        "spring.main.banner-mode", "off",
                        "spring.jmx.enabled", "false",
                        "spring.security.oauth2.authorizationserver.issuer", issuer,
                        "server.servlet.session.cookie.name", "IDP_SESSION"))
                .run();
        return new TestIdentityProvider(context, issuer, password, grants);
    }

    /** The issuer of a provider on {@code port}, known before it starts. */
    public static String issuerOn(int port) {
        return "http://localhost:" + port;
    }

    public String issuer() {
        return issuer;
    }

    public String password() {
        return password;
    }

    /** How many access tokens it has issued for an authorization code (a sign-in). */
    public int signIns() {
        return grants.signIns.get();
    }

    /** How many access tokens it has issued for a refresh token. */
    public int refreshes() {
        return grants.refreshes.get();
    }

    /** Forgets every authorization it has granted, as a provider does when an administrator revokes them. */
    public void revokeEverything() {
        context.getBean(RevocableAuthorizations.class).revokeEverything();
    }

    public void stop() {
        context.close();
    }

    static final class Grants {
        final AtomicInteger signIns = new AtomicInteger();
        final AtomicInteger refreshes = new AtomicInteger();
    }

    /** Spring Authorization Server's in-memory authorizations, which can all be revoked at once. */
    static final class RevocableAuthorizations implements OAuth2AuthorizationService {

        private final InMemoryOAuth2AuthorizationService authorizations = new InMemoryOAuth2AuthorizationService();
        private final Set<String> ids = ConcurrentHashMap.newKeySet();

        @Override
        public void save(OAuth2Authorization authorization) {
            authorizations.save(authorization);
            ids.add(authorization.getId());
        }

        @Override
        public void remove(OAuth2Authorization authorization) {
            authorizations.remove(authorization);
            ids.remove(authorization.getId());
        }

        @Override
        public OAuth2Authorization findById(String id) {
            return authorizations.findById(id);
        }

        @Override
        public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
            return authorizations.findByToken(token, tokenType);
        }

        void revokeEverything() {
            for (String id : Set.copyOf(ids)) {
                OAuth2Authorization authorization = authorizations.findById(id);
                if (authorization != null) {
                    remove(authorization);
                }
            }
        }
    }

    record Accounts(List<Account> accounts, String password) {

        Account of(String username) {
            return accounts.stream().filter(account -> account.username().equals(username)).findFirst().orElseThrow();
        }
    }

    /** The provider's application: Spring Authorization Server's endpoints, and its own sign-in form for the rest. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Provider {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
            return http
                    .securityMatcher(authorizationServer.getEndpointsMatcher())
                    .with(authorizationServer, server -> server.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                    .build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signIn(HttpSecurity http) throws Exception {
            return http
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService users(Accounts accounts) {
            return new InMemoryUserDetailsManager(accounts.accounts().stream()
                    .map(account -> User.withUsername(account.username()).password("{noop}" + accounts.password())
                            .roles("USER").build())
                    .toList());
        }

        @Bean
        RegisteredClientRepository clients(Client client) {
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(client.clientId())
                    .clientSecret("{noop}" + client.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUri(client.webBaseUrl() + "/login/oauth2/code/safecase")
                    .postLogoutRedirectUri(client.webBaseUrl() + "/signed-out")
                    .scope(OidcScopes.OPENID)
                    .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                    .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME).build())
                    .build());
        }

        @Bean
        RevocableAuthorizations authorizations() {
            return new RevocableAuthorizations();
        }

        /** The access token names Safecase's audience, the user's roles and school, as the school's provider is set up to. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> safecaseClaims(Accounts accounts, Grants grants) {
            return context -> {
                if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    if (AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())) {
                        grants.refreshes.incrementAndGet();
                    } else {
                        grants.signIns.incrementAndGet();
                    }
                    Account account = accounts.of(context.getPrincipal().getName());
                    context.getClaims().audience(List.of("safecase"));
                    context.getClaims().claim("roles", account.roles());
                    if (account.schoolId() != null) {
                        context.getClaims().claim("school_id", account.schoolId());
                    }
                    if (account.trustId() != null) {
                        context.getClaims().claim("trust_id", account.trustId());
                    }
                }
            };
        }
    }
}
