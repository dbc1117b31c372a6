package org.safecase.events;

import java.util.Objects;

/** The authenticated user who caused an event: never a value taken from a request body. */
public record Actor(String userId, Role role) {

    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }
}
