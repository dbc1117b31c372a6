package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/**
 * A decision on telling a subject's parents or carers (R17): informed (when, and how) or not informed, with
 * the rationale, for instance that telling them would put the child at risk. The subject's reference and the
 * rationale are their personal data, sealed with their key and the incident's.
 */
@Revision("1")
public record ParentContactRecorded(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, UUID subjectId,
                                    Sealed subjectReference, SubjectType subjectType, ParentContactDecision decision,
                                    Instant contactedAt, ContactMethod method, Sealed rationale)
        implements IncidentEvent {
}
