package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/**
 * A person was added to the incident after its report, sealed as a reported subject is (their reference,
 * year group and date of birth with their key and the incident's). The routing fixed at the report does not
 * change: an alleged member of staff is not added to an incident that is not an allegation against staff.
 */
@Revision("1")
public record SubjectAdded(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, Subject subject)
        implements IncidentEvent {
}
