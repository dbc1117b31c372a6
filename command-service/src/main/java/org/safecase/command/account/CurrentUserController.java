package org.safecase.command.account;

import io.swagger.v3.oas.annotations.Operation;
import org.safecase.events.Role;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is to Safecase: what a client needs to show only what the user may use. */
@RestController
class CurrentUserController {

    /** Identifiers only, never a name: a school's user has its school and the school's trust, a trust's user no school. */
    record CurrentUser(String userId, Role role, String schoolId, String trustId) {
    }

    @GetMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The signed-in user: user id, role, and school or trust", description = """
            Any authenticated user, whatever the role. Answers what the service resolved from the credentials or the \
            token (the same identity every other call acts as), so a client such as the web application can offer \
            each role only the pages it may use; the services still decide every call. Not a case read: not in the \
            read log.""")
    CurrentUser me(AuthenticatedUser user) {
        return new CurrentUser(user.userId(), user.role(), user.schoolId(), user.trustId());
    }
}
