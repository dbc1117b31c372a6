package org.safecase.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An incident was recorded. {@code allegationAgainstStaff} fixes the routing of R12: such incidents go to
 * the head teacher and are offered the {@code suggestedReferrals} (LADO, LA safeguarding). {@code caseManager} is
 * who manages an allegation against staff: the head teacher, or the chair of governors when the head teacher is the
 * one alleged (KCSIE part 4); absent for every other incident, and in reports recorded before it existed, where an
 * allegation against staff is the head teacher's.
 */
@Revision("2")
public record IncidentReported(UUID incidentId, String schoolId, Actor actor, Instant recordedAt,
                               CategoryRef category, Instant occurredAt, Sealed summary, List<Subject> subjects,
                               boolean offSite, Source source, boolean allegationAgainstStaff,
                               List<Agency> suggestedReferrals,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Role caseManager) implements IncidentEvent {

    public IncidentReported {
        subjects = List.copyOf(subjects);
        suggestedReferrals = List.copyOf(suggestedReferrals);
    }

    /** Whether the head teacher is the one alleged, so that the chair of governors manages it and the head may not see it. */
    @JsonIgnore
    public boolean againstHeadTeacher() {
        return caseManager == Role.CHAIR_OF_GOVERNORS;
    }
}
