package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

@Revision("1")
public record PoliceReferralMade(UUID incidentId, String schoolId, Actor actor, Instant recordedAt,
                                 String force, String crimeReference, Instant referredAt, String notes)
        implements IncidentEvent {
}
