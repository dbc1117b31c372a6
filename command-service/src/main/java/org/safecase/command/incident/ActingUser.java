package org.safecase.command.incident;

import org.safecase.events.Actor;

import java.util.Set;

/**
 * The user acting on an incident, as its rules need to know them: who they are, the schools whose
 * incidents they may act on, and what their role allows. Resolved by {@link ActingUsers} before a
 * command is sent, so that the aggregate knows nothing of tokens, directories or role tables.
 */
record ActingUser(Actor actor, Set<String> schools, boolean signsOff, boolean actsOnStaffAllegations,
                  boolean managesData) {

    ActingUser {
        schools = Set.copyOf(schools);
    }

    boolean actsFor(String schoolId) {
        return schools.contains(schoolId);
    }
}
