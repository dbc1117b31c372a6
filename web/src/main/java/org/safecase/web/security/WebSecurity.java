package org.safecase.web.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What every page has however the user signs in: CSRF on every form (Spring Security's default, the token in each
 * form Thymeleaf renders), a strict Content-Security-Policy and the other security headers, and sign-out that ends
 * the session. Responses are {@code Cache-Control: no-store} (Spring Security's default), so no case page is kept by
 * a browser or a proxy. Sign-in is by form against the services' own users ({@link FormSignIn}, the local stack) or
 * at the identity provider ({@link OidcSignIn}, production), chosen by {@code safecase.web.sign-in}.
 */
@Configuration
class WebSecurity {

    /** The setting that chooses the sign-in: {@code form} (the default) or {@code oidc}. */
    static final String SIGN_IN = "safecase.web.sign-in";

    /**
     * Scripts from this origin only, and the one inline script of GOV.UK's page template (it marks the body as
     * JavaScript-enabled before the page paints) by its hash, as GOV.UK Frontend documents for 5.14.0.
     */
    static final String GOVUK_TEMPLATE_SCRIPT_HASH = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='";

    static final String CONTENT_SECURITY_POLICY = contentSecurityPolicy(List.of());

    /**
     * The policy, with forms sent to this origin only, and to {@code formRedirectOrigins} as well: Chromium checks
     * {@code form-action} on every redirect that follows a form's submission too, so a form whose answer redirects
     * to the identity provider (sign-out, or a form sent after the sign-in ran out) needs the provider's origin.
     */
    static String contentSecurityPolicy(Collection<String> formRedirectOrigins) {
        String formTargets = formRedirectOrigins.stream().map(origin -> " " + origin).collect(Collectors.joining());
        return "default-src 'self'; script-src 'self' " + GOVUK_TEMPLATE_SCRIPT_HASH
                + "; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self';"
                + " object-src 'none'; base-uri 'none'; form-action 'self'" + formTargets + "; frame-ancestors 'none'";
    }

    /** The rules, headers and session handling of every page; {@code openPaths} are the sign-in's own pages. */
    static HttpSecurity pages(HttpSecurity http, String contentSecurityPolicy, String... openPaths) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        // /assets/ is not served (GovukAssets), but the stylesheet names its fonts there: open, so that the
                        // sign-in page's font requests are answered 404 instead of being kept as where to go after sign-in
                        .requestMatchers("/assets/**", "/govuk/**", "/css/**", "/js/**", "/favicon.svg").permitAll()
                        .requestMatchers("/signed-out", "/error", "/actuator/health").permitAll()
                        .requestMatchers(openPaths).permitAll()
                        .anyRequest().authenticated())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny())
                        .permissionsPolicyHeader(permissions -> permissions
                                .policy("camera=(), microphone=(), geolocation=(), payment=(), usb=()")))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(new SessionExpiry()))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()));
    }

    /** The local stack's sign-in: a form whose username and password the command service checks. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = SIGN_IN, havingValue = "form", matchIfMissing = true)
    static class FormSignIn {

        @Bean
        AuthenticationManager authenticationManager(ServiceSignIn serviceSignIn) {
            ProviderManager manager = new ProviderManager(serviceSignIn);
            // the password stays in the session: the relay needs it for every call to a service
            manager.setEraseCredentialsAfterAuthentication(false);
            return manager;
        }

        @Bean
        SecurityFilterChain pages(HttpSecurity http, AuthenticationManager authenticationManager,
                                  @Value("${server.servlet.session.cookie.name:SAFECASE_SESSION}") String sessionCookie)
                throws Exception {
            return WebSecurity.pages(http, CONTENT_SECURITY_POLICY, "/sign-in")
                    .authenticationManager(authenticationManager)
                    .formLogin(form -> form
                            .loginPage("/sign-in")
                            .loginProcessingUrl("/sign-in")
                            .usernameParameter("username")
                            .passwordParameter("password")
                            .defaultSuccessUrl("/", false)
                            .failureHandler(new SignInFailure()))
                    .logout(logout -> logout
                            .logoutUrl("/sign-out")
                            .logoutSuccessUrl("/signed-out")
                            .invalidateHttpSession(true)
                            .clearAuthentication(true)
                            .deleteCookies(sessionCookie))
                    .build();
        }
    }
}
