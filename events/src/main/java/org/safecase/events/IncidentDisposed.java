package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/**
 * The incident's retention ended and a data protection officer disposed of it: its key is destroyed,
 * so every personal field of it is unreadable for good. Its skeleton stays (category, dates, outcome,
 * referral targets, sequence) and it accepts no further change. {@code retentionRule} is the rule whose
 * date had passed, if it had; the reason is kept in clear and must not name anyone.
 */
@Revision("1")
public record IncidentDisposed(UUID incidentId, String schoolId, Actor actor, Instant recordedAt,
                               String retentionRule, String reason) implements IncidentEvent {
}
