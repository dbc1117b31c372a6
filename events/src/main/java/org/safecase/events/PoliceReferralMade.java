package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

@Revision("2")
public record PoliceReferralMade(UUID incidentId, String schoolId, Actor actor, Instant recordedAt,
                                 String force, Sealed crimeReference, Instant referredAt, Sealed notes)
        implements IncidentEvent {
}
