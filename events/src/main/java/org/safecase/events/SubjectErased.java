package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/**
 * A data protection officer erased a person's personal data (UK GDPR article 17): their key is
 * destroyed, so their reference, date of birth, year group and everything recorded against them is
 * unreadable for good, in this incident and every other. Readers drop their copies of it. The reason is
 * the DPO's record of why, kept in clear so the erasure stays accountable after it: it must not itself
 * name anyone.
 */
@Revision("1")
public record SubjectErased(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, UUID subjectId,
                            String reason) implements IncidentEvent {
}
