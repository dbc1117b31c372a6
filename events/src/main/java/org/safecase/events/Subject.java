package org.safecase.events;

/**
 * A person an incident concerns. {@code reference} is the school's opaque identifier for the person,
 * never a name; it is personal data and is never logged.
 */
public record Subject(SubjectType type, String reference, Involvement involvement, String yearGroup) {

    /** An adult working in the school against whom something is alleged (or whose part is not yet known). */
    public boolean isAllegationAgainstWorkforce() {
        return type.isWorkforce() && (involvement == null || involvement == Involvement.ALLEGED);
    }
}
