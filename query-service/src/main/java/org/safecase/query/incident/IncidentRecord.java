package org.safecase.query.incident;

import org.safecase.events.Classification;
import org.safecase.events.Role;

import java.time.Instant;
import java.util.UUID;

/** One row of the incident log, as stored. */
public record IncidentRecord(UUID incidentId, String schoolId, String categoryCode, String categoryName,
                             Classification classification, String status, Instant occurredAt, Instant reportedAt,
                             Role reportedByRole, Instant escalatedAt, String escalatedTo, boolean policeReferred,
                             Instant policeReferredAt, Instant referredAt, Instant closedAt, String outcome,
                             int subjectCount, boolean offSite, boolean allegationAgainstStaff, boolean reclassified,
                             int sanctionCount, String sourceSystem, long version, Instant lastEventAt,
                             boolean againstHeadTeacher) {

    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";

    public boolean isOpen() {
        return OPEN.equals(status);
    }
}
