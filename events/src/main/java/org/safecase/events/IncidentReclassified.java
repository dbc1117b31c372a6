package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/** A correction by appending (R20): the earlier classification stays on record with the reason it changed. */
@Revision("2")
public record IncidentReclassified(UUID incidentId, String schoolId, Actor actor, Instant recordedAt,
                                   CategoryRef from, CategoryRef to, Sealed reason) implements IncidentEvent {
}
