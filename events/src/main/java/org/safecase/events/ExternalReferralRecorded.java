package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/** A decision on referring to an agency, made either way, with the rationale on record. */
@Revision("2")
public record ExternalReferralRecorded(UUID incidentId, String schoolId, Actor actor, Instant recordedAt,
                                       Agency agency, ReferralDecision decision, Sealed rationale,
                                       Sealed reference, Instant decidedAt) implements IncidentEvent {
}
