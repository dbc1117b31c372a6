package org.safecase.platform.security;

import org.safecase.events.Role;
import org.safecase.platform.school.SchoolDirectory;
import org.springframework.core.io.Resource;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The local stack's documented demo users, each with the password {@code demo}. Never a production path. */
class DemoUsers implements UserDetailsService {

    private record Entry(String username, Role role, String schoolId, String trustId) {
    }

    /** A demo user's login, carrying who they are. */
    static final class DemoUserDetails extends User {
        private final AuthenticatedUser user;

        DemoUserDetails(AuthenticatedUser user) {
            // the demo password is public by design; hashing it would only cost every request a bcrypt round
            super(user.userId(), "{noop}demo", List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
            this.user = user;
        }

        AuthenticatedUser user() {
            return user;
        }
    }

    private final Map<String, AuthenticatedUser> users;

    DemoUsers(Resource resource, JsonMapper jsonMapper, SchoolDirectory schools) {
        try (InputStream in = resource.getInputStream()) {
            List<Entry> entries = jsonMapper.readValue(in, new TypeReference<>() { });
            this.users = entries.stream().map(e -> user(e, schools))
                    .collect(Collectors.toUnmodifiableMap(AuthenticatedUser::userId, Function.identity()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo users " + resource, e);
        }
    }

    /** A demo user is held to the rules of a token's identity: a mistake in the file stops the start. */
    private static AuthenticatedUser user(Entry entry, SchoolDirectory schools) {
        try {
            return UserIdentities.resolve(entry.username(), entry.role(), entry.schoolId(), entry.trustId(), schools);
        } catch (UserIdentities.Rejected rejected) {
            throw new IllegalStateException("demo user " + entry.username() + ": " + rejected.getMessage());
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        AuthenticatedUser user = users.get(username);
        if (user == null) {
            throw new UsernameNotFoundException("unknown demo user");
        }
        return new DemoUserDetails(user);
    }
}
