package org.safecase.command.incident;

import org.safecase.platform.school.SchoolDirectory;
import org.safecase.platform.security.AccessRules;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.stereotype.Component;

import java.util.Set;

/** Resolves the authenticated user into the facts an incident's rules ask about, from the access rules and the school directory. */
@Component
class ActingUsers {

    private final SchoolDirectory schools;

    ActingUsers(SchoolDirectory schools) {
        this.schools = schools;
    }

    ActingUser of(AuthenticatedUser user) {
        return new ActingUser(user.actor(), schoolsOf(user), AccessRules.signsOff(user.role()),
                AccessRules.actsOnStaffAllegations(user.role()),
                AccessRules.DATA_PROTECTION_OFFICERS.contains(user.role()));
    }

    /** A school user's own school; a trust user's, every school of the trust (as {@link AuthenticatedUser#belongsTo}). */
    private Set<String> schoolsOf(AuthenticatedUser user) {
        if (user.schoolId() != null) {
            return Set.of(user.schoolId());
        }
        return user.trustId() == null ? Set.of() : schools.schoolsOfTrust(user.trustId());
    }
}
