package org.safecase.query.projection;

/**
 * A record the projector can never apply, however often it tries: malformed, of an unknown type, or
 * refused by a projection. Its message names what is wrong in words of our own and never quotes the
 * record, so it can go into logs, the dead-letter topic's headers and the database.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String reason) {
        super(reason);
    }

    public PoisonEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
