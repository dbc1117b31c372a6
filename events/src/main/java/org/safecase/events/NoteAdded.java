package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

@Revision("2")
public record NoteAdded(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, Sealed text)
        implements IncidentEvent {
}
