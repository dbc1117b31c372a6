package org.safecase.events;

/** What an authenticated user may do; recorded in every event with the user who acted. */
public enum Role {
    STAFF,
    DSL,
    HEAD_TEACHER,
    INTEGRATION,
    AUDITOR,
    GOVERNOR,
    /** Runs the service (projection rebuilds, metrics); sees no case data. */
    OPERATOR,
    /** The data protection officer: erasure, disposal, legal holds, retention, subject access, the read log. */
    DPO
}
