package org.safecase.events;

/** Who an incident can be about (DOMAIN.md section 3). */
public enum SubjectType {
    PUPIL,
    STAFF,
    VOLUNTEER,
    PARENT_CARER,
    VISITOR,
    COMMUNITY_USER,
    UNKNOWN;

    /** Adults working in the school, whose alleged misconduct follows the allegations-against-staff process. */
    public boolean isWorkforce() {
        return this == STAFF || this == VOLUNTEER;
    }
}
