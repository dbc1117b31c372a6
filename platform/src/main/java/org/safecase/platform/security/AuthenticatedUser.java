package org.safecase.platform.security;

import org.safecase.events.Actor;
import org.safecase.events.Role;
import org.safecase.platform.school.SchoolDirectory;

/**
 * The user behind a request, as authenticated: a user of one school, or of a whole trust (auditors
 * and trust governors). Only identifiers: never a name.
 */
public record AuthenticatedUser(String userId, Role role, String schoolId, String trustId) {

    public Actor actor() {
        return new Actor(userId, role);
    }

    /** Whether the user may act on or read the incidents of a school. */
    public boolean belongsTo(String incidentSchoolId, SchoolDirectory schools) {
        if (schoolId != null) {
            return schoolId.equals(incidentSchoolId);
        }
        return trustId != null && schools.trustOf(incidentSchoolId).map(trustId::equals).orElse(false);
    }
}
