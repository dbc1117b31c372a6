package org.safecase.web.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Sign-in by form against the services' own users, CSRF on every form (Spring Security's default, the token in
 * each form Thymeleaf renders), a strict Content-Security-Policy and the other security headers, and sign-out
 * that ends the session. Responses are {@code Cache-Control: no-store} (Spring Security's default), so no case
 * page is kept by a browser or a proxy.
 */
@Configuration
class WebSecurity {

    /**
     * Scripts from this origin only, and the one inline script of GOV.UK's page template (it marks the body as
     * JavaScript-enabled before the page paints) by its hash, as GOV.UK Frontend documents for 5.14.0.
     */
    static final String GOVUK_TEMPLATE_SCRIPT_HASH = "'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='";

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' " + GOVUK_TEMPLATE_SCRIPT_HASH
            + "; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; manifest-src 'self';"
            + " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

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
        return http
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(requests -> requests
                        // /assets/ is not served (GovukAssets), but the stylesheet names its fonts there: open, so that the
                        // sign-in page's font requests are answered 404 instead of being kept as where to go after sign-in
                        .requestMatchers("/assets/**", "/govuk/**", "/css/**", "/js/**", "/favicon.svg").permitAll()
                        .requestMatchers("/sign-in", "/signed-out", "/error", "/actuator/health").permitAll()
                        .anyRequest().authenticated())
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
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny())
                        .permissionsPolicyHeader(permissions -> permissions
                                .policy("camera=(), microphone=(), geolocation=(), payment=(), usb=()")))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(new SessionExpiry()))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .build();
    }
}
