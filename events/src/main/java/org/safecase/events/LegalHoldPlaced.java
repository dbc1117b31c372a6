package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/**
 * A data protection officer put the incident under legal hold (litigation, an inquiry, a police
 * investigation, or another ground of UK GDPR article 17(3)): neither disposal nor the erasure of its
 * subjects may happen until it is released. The reason is kept in clear and must not name anyone.
 */
@Revision("1")
public record LegalHoldPlaced(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, String reason)
        implements IncidentEvent {
}
