package org.safecase.web.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import java.util.List;

/**
 * A user the command service has accepted. The password is kept for the session, on the server only, because
 * the local stack's services know only HTTP Basic: {@link BasicCredentialRelay} relays it on each call.
 */
public final class SignedInUser extends AbstractAuthenticationToken {

    private final String username;
    private final String password;

    SignedInUser(String username, String password) {
        super(List.of());
        this.username = username;
        this.password = password;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return password;
    }

    @Override
    public Object getPrincipal() {
        return username;
    }

    @Override
    public String getName() {
        return username;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedInUser user && user.username.equals(username) && user.password.equals(password);
    }

    @Override
    public int hashCode() {
        return username.hashCode();
    }
}
