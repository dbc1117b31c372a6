package org.safecase.query.rebuild;

import java.time.Instant;

/** Where a rebuild stands: events applied of the topic's total so far, and how fast. */
public record RebuildProgress(Integer generation, String schema, Status status, long applied, long total,
                              double eventsPerSecond, long deadLettered, Instant startedAt, Instant finishedAt,
                              String failure) {

    public enum Status {
        /** No rebuild has run since this instance started. */
        NONE,
        /** Reading the topic from the start into the new generation. */
        RUNNING,
        /** Caught up with the topic and switched over: the new generation serves reads. */
        SWITCHED,
        FAILED
    }

    static RebuildProgress none() {
        return new RebuildProgress(null, null, Status.NONE, 0, 0, 0, 0, null, null, null);
    }
}
