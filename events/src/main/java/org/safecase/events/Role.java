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
    DPO,
    /**
     * The chair of the governing body: case manager of an allegation against the head teacher (KCSIE part 4), and
     * of nothing else.
     */
    CHAIR_OF_GOVERNORS
}
