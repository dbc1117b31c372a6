package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/** A seized device left the school's keeping: to the police, back to its owner, or to their parents or carers. */
@Revision("1")
public record DeviceHandedOver(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, UUID deviceId,
                               DeviceRecipient to, Instant handedOverAt) implements IncidentEvent {
}
