package org.safecase.platform.security;

import org.safecase.events.Role;
import org.safecase.platform.school.SchoolDirectory;

import java.util.regex.Pattern;

/**
 * What makes an identity acceptable, however the user logged in: a user id that is safe to write into
 * events and logs, and a scope the school directory knows. A user of a school names a known school
 * (their trust is the directory's); a user of a trust names a known trust and no school; a governor is
 * either. Anything else is refused: a token that names no known scope would otherwise be scoped by
 * whatever string it carries.
 */
final class UserIdentities {

    /**
     * The rule for user ids: 1 to 128 of letters, digits and {@code . _ @ - | : +} (e-mail addresses,
     * UUIDs, base64url subjects, Auth0's {@code provider|id}, URN-like subjects). No spaces, quotes or
     * control characters: the id is written verbatim into every event the user causes and into logs, and
     * the read models hold at most 128 characters of it.
     */
    static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._@|:+-]{1,128}");

    /** An identity refused, with a reason that quotes none of its values. */
    static final class Rejected extends RuntimeException {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private UserIdentities() {
    }

    static AuthenticatedUser resolve(String userId, Role role, String schoolId, String trustId, SchoolDirectory schools) {
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw new Rejected("the user id must be 1 to 128 letters, digits or . _ @ - | : +");
        }
        if (role == null) {
            throw new Rejected("no Safecase role");
        }
        boolean namesSchool = schoolId != null;
        if (namesSchool && AccessRules.SCHOOL_ROLES.contains(role)) {
            String trustOfSchool = schools.school(schoolId)
                    .orElseThrow(() -> new Rejected("the school is not in the school directory")).trustId();
            if (trustId != null && !trustId.equals(trustOfSchool)) {
                throw new Rejected("the trust is not the school's");
            }
            return new AuthenticatedUser(userId, role, schoolId, trustOfSchool);
        }
        if (namesSchool) {
            throw new Rejected("a trust-level role names a trust, not a school");
        }
        if (!AccessRules.TRUST_ROLES.contains(role)) {
            throw new Rejected("a school-level role must name its school");
        }
        if (trustId == null || !schools.isKnownTrust(trustId)) {
            throw new Rejected("a trust-level role must name a trust of the school directory");
        }
        return new AuthenticatedUser(userId, role, null, trustId);
    }
}
