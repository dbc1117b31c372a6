package org.safecase.web.security;

import org.safecase.web.WebProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.nio.charset.StandardCharsets;

/**
 * Signs a user in by asking the command service whether it accepts their credentials: the web application keeps
 * no users of its own. Any signed-in user may ask who they are ({@code GET /api/v1/me}), so a 200 means the
 * password is right.
 */
@Component
@ConditionalOnProperty(name = WebSecurity.SIGN_IN, havingValue = "form", matchIfMissing = true)
class ServiceSignIn implements AuthenticationProvider {

    private final RestClient commandService;

    ServiceSignIn(WebProperties properties) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(properties.serviceTimeout());
        requests.setReadTimeout(properties.serviceTimeout());
        this.commandService = RestClient.builder().baseUrl(properties.commandUrl().toString()).requestFactory(requests)
                .build();
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = attempt.getName();
        String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        if (username == null || username.isBlank() || password.isEmpty()
                || !StandardCharsets.ISO_8859_1.newEncoder().canEncode(username + password)) {
            throw new BadCredentialsException("username or password missing");
        }
        HttpStatus status;
        try {
            status = HttpStatus.resolve(commandService.get().uri("/api/v1/me")
                    .headers(headers -> headers.setBasicAuth(username, password))
                    .exchange((request, response) -> response.getStatusCode().value()));
        } catch (RestClientException unreachable) {
            throw new AuthenticationServiceException("the command service is not answering", unreachable);
        }
        if (status == HttpStatus.OK) {
            return new SignedInUser(username, password);
        }
        if (status == HttpStatus.UNAUTHORIZED) {
            throw new BadCredentialsException("the service refused the credentials");
        }
        throw new AuthenticationServiceException("the command service answered " + status);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
