package org.safecase.query.incident;

import org.safecase.platform.problem.Refusal;
import org.safecase.platform.school.SchoolDirectory;
import org.safecase.platform.security.AccessRules;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Which incidents a user may read, for every read model of cases: DSLs, head teachers and
 * integrations their own school's, auditors their trust's; an allegation against staff only the head
 * teacher and auditors (R12). Governors and staff read no cases at all.
 */
@Component
public class IncidentAccess {

    private final SchoolDirectory schools;

    IncidentAccess(SchoolDirectory schools) {
        this.schools = schools;
    }

    /**
     * The schools whose cases the user reads: all of theirs, or only {@code requestedSchoolId} if given,
     * which must be one of them (403 otherwise).
     */
    public Set<String> readableSchools(AuthenticatedUser user, String requestedSchoolId) {
        requireCaseReader(user);
        Set<String> own = user.schoolId() != null ? Set.of(user.schoolId())
                : user.trustId() != null ? schools.schoolsOfTrust(user.trustId()) : Set.of();
        if (requestedSchoolId == null || requestedSchoolId.isBlank()) {
            return own;
        }
        if (!own.contains(requestedSchoolId)) {
            throw Refusal.forbidden("SCHOOL_NOT_ALLOWED", "You may read incidents of your own school or trust only");
        }
        return Set.of(requestedSchoolId);
    }

    /** policy: allegations against staff are for the head teacher (and auditors), hidden from other views (R12). */
    public boolean readsStaffAllegations(AuthenticatedUser user) {
        return AccessRules.readsStaffAllegations(user.role());
    }

    /** 403 unless the user may read this incident. */
    public void requireReadable(AuthenticatedUser user, String schoolId, boolean allegationAgainstStaff) {
        requireCaseReader(user);
        if (!user.belongsTo(schoolId, schools)) {
            throw Refusal.forbidden("SCHOOL_NOT_ALLOWED", "You may read incidents of your own school or trust only");
        }
        if (allegationAgainstStaff && !readsStaffAllegations(user)) {
            throw Refusal.forbidden("STAFF_ALLEGATION_HEAD_TEACHER_ONLY",
                    "Only the head teacher and auditors may read an allegation against a member of staff");
        }
    }

    private static void requireCaseReader(AuthenticatedUser user) {
        if (!AccessRules.CASE_READERS.contains(user.role())) {
            throw Refusal.forbidden("ROLE_NOT_ALLOWED", "Your role may not read cases");
        }
    }
}
