package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An incident was recorded. {@code allegationAgainstStaff} fixes the routing of R12: such incidents go to
 * the head teacher and are offered the {@code suggestedReferrals} (LADO, LA safeguarding).
 */
@Revision("2")
public record IncidentReported(UUID incidentId, String schoolId, Actor actor, Instant recordedAt,
                               CategoryRef category, Instant occurredAt, Sealed summary, List<Subject> subjects,
                               boolean offSite, Source source, boolean allegationAgainstStaff,
                               List<Agency> suggestedReferrals) implements IncidentEvent {

    public IncidentReported {
        subjects = List.copyOf(subjects);
        suggestedReferrals = List.copyOf(suggestedReferrals);
    }
}
