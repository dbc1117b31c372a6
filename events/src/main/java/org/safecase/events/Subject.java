package org.safecase.events;

import java.util.UUID;

/**
 * A person an incident concerns. {@code subjectId} is a random identifier of the person within the
 * school (the same in every incident about them), never derived from who they are; it names the
 * person's data key. The school's own reference for the person, their year group and date of birth
 * are personal data, sealed; the type and the involvement stay clear for routing and statistics.
 */
public record Subject(UUID subjectId, SubjectType type, Sealed reference, Involvement involvement, Sealed yearGroup,
                      Sealed dateOfBirth) {

    /** An adult working in the school against whom something is alleged (or whose part is not yet known). */
    public boolean isAllegationAgainstWorkforce() {
        return type.isWorkforce() && (involvement == null || involvement == Involvement.ALLEGED);
    }
}
