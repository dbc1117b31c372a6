package org.safecase.query.statistics;

import org.safecase.platform.problem.Refusal;
import org.safecase.platform.school.SchoolDirectory;
import org.safecase.platform.security.AccessRules;
import org.safecase.platform.security.AuthenticatedUser;

/**
 * Whose figures a request reads: one school, or one trust; exactly one of the two. A user of a school
 * (its governors, DSL, head teacher) reads that school only; a user of a trust (the trust's governors,
 * its auditors) reads the trust or any school of it. A school or trust that does not exist is refused
 * exactly like one that is not the user's, so that the answer never tells which exist. Whether the
 * figures count allegations against staff is the reader's role's ({@link AccessRules#STATISTICS_WITH_STAFF_ALLEGATIONS}).
 */
record StatisticsScope(String schoolId, String trustId, boolean withStaffAllegations) {

    static StatisticsScope of(AuthenticatedUser user, String schoolId, String trustId, SchoolDirectory schools) {
        boolean bySchool = schoolId != null && !schoolId.isBlank();
        boolean byTrust = trustId != null && !trustId.isBlank();
        if (bySchool == byTrust) {
            throw Refusal.invalid("STATISTICS_SCOPE", bySchool ? "trustId" : "schoolId",
                    "give exactly one of schoolId or trustId");
        }
        if (!AccessRules.STATISTICS_READERS.contains(user.role())) {
            throw Refusal.forbidden("ROLE_NOT_ALLOWED", "Your role may not read statistics");
        }
        boolean ofTrust = user.schoolId() == null && user.trustId() != null;
        if (bySchool) {
            boolean allowed = schools.isKnownSchool(schoolId) && (ofTrust
                    ? schools.trustOf(schoolId).map(user.trustId()::equals).orElse(false)
                    : schoolId.equals(user.schoolId()));
            if (!allowed) {
                throw notYours();
            }
            return new StatisticsScope(schoolId, null, withStaffAllegations(user));
        }
        if (!ofTrust || !trustId.equals(user.trustId()) || !schools.isKnownTrust(trustId)) {
            throw notYours();
        }
        return new StatisticsScope(null, trustId, withStaffAllegations(user));
    }

    private static boolean withStaffAllegations(AuthenticatedUser user) {
        return AccessRules.STATISTICS_WITH_STAFF_ALLEGATIONS.contains(user.role());
    }

    private static Refusal notYours() {
        return Refusal.forbidden("SCHOOL_NOT_ALLOWED", "You may read the statistics of your own school or trust only");
    }
}
