package org.safecase.query.incident;

import org.safecase.events.Classification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An incident as the log shows it: the contract's fields first, then extras. {@code overdue} and
 * {@code overdueFor} are computed at the time of the read.
 */
public record IncidentView(UUID incidentId, String schoolId, String category, Classification classification,
                           String status, Instant occurredAt, Instant reportedAt, Instant escalatedAt, Instant closedAt,
                           int subjectCount, boolean policeReferred,
                           String categoryName, String escalatedTo, Instant policeReferredAt, Instant referredAt,
                           String outcome, boolean offSite, boolean allegationAgainstStaff, boolean reclassified,
                           int sanctionCount, String sourceSystem, boolean overdue, List<String> overdueFor,
                           long version) {

    static IncidentView of(IncidentRecord r, List<String> overdueFor) {
        return new IncidentView(r.incidentId(), r.schoolId(), r.categoryCode(), r.classification(), r.status(),
                r.occurredAt(), r.reportedAt(), r.escalatedAt(), r.closedAt(), r.subjectCount(), r.policeReferred(),
                r.categoryName(), r.escalatedTo(), r.policeReferredAt(), r.referredAt(), r.outcome(), r.offSite(),
                r.allegationAgainstStaff(), r.reclassified(), r.sanctionCount(), r.sourceSystem(),
                !overdueFor.isEmpty(), overdueFor, r.version());
    }
}
