package org.safecase.query.incident;

import org.safecase.platform.problem.Refusal;
import org.safecase.platform.school.SchoolDirectory;
import org.safecase.platform.security.AccessRules;
import org.safecase.platform.security.AccessRules.StaffAllegationSight;
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

    /** Which allegations against staff the user sees (AccessRules.sightOfStaffAllegations). */
    public StaffAllegationSight sight(AuthenticatedUser user) {
        return AccessRules.sightOfStaffAllegations(user.role());
    }

    /** Whether the user sees any allegation against staff, and so staff and volunteers as subjects (R12). */
    public boolean readsStaffAllegations(AuthenticatedUser user) {
        return sight(user) != StaffAllegationSight.NONE;
    }

    /**
     * SQL: whether the incident in {@code incidentColumn} is in the sight's view as far as allegations against the
     * head teacher go (the head teacher never sees one, the chair of governors nothing else); allegations against
     * other staff are each read model's own flag.
     */
    public static String headTeacherSight(StaffAllegationSight sight, String incidentColumn) {
        String againstHead = "SELECT incident_id FROM incident_log WHERE against_head_teacher";
        return switch (sight) {
            case NONE, ALL -> "TRUE";
            case ALL_BUT_AGAINST_HEAD_TEACHER -> incidentColumn + " NOT IN (" + againstHead + ")";
            case ONLY_AGAINST_HEAD_TEACHER -> incidentColumn + " IN (" + againstHead + ")";
        };
    }

    /** 403 unless the user may read this incident. */
    public void requireReadable(AuthenticatedUser user, String schoolId, boolean allegationAgainstStaff,
                                boolean againstHeadTeacher) {
        requireCaseReader(user);
        if (!user.belongsTo(schoolId, schools)) {
            throw Refusal.forbidden("SCHOOL_NOT_ALLOWED", "You may read incidents of your own school or trust only");
        }
        if (!sight(user).sees(allegationAgainstStaff, againstHeadTeacher)) {
            throw Refusal.forbidden("STAFF_ALLEGATION_HEAD_TEACHER_ONLY", "An allegation against a member of staff is "
                    + "read by its case manager (the head teacher, or the chair of governors if it is against the head "
                    + "teacher) and auditors only; the chair of governors reads nothing else");
        }
    }

    private static void requireCaseReader(AuthenticatedUser user) {
        if (!AccessRules.CASE_READERS.contains(user.role())) {
            throw Refusal.forbidden("ROLE_NOT_ALLOWED", "Your role may not read cases");
        }
    }
}
