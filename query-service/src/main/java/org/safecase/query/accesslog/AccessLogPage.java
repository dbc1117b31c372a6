package org.safecase.query.accesslog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One page of the read log, newest first. */
record AccessLogPage(List<Entry> items, int page, int size, long total) {

    /**
     * One read: who, when, what, and what became of it. {@code subjectReference} is the reference of the
     * person read about, or {@code [erased]} once that person has been erased.
     */
    record Entry(Instant at, String service, String userId, String role, String schoolId, String action,
                 UUID incidentId, String subjectReference, String outcome, int status) {
    }
}
