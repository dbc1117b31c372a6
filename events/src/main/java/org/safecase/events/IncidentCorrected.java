package org.safecase.events;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/**
 * A field of the report was corrected (R20: corrections are appended, the history keeps what was recorded
 * first). {@code field} names it ({@code summary}, {@code occurredAt}, {@code offSite}) and exactly one of the
 * value fields carries its new value: the summary sealed with the incident's key, the time it happened, or
 * whether it happened off site. The reason, sealed, says why.
 */
@Revision("1")
public record IncidentCorrected(UUID incidentId, String schoolId, Actor actor, Instant recordedAt, String field,
                                Sealed summary, Instant occurredAt, Boolean offSite, Sealed reason)
        implements IncidentEvent {

    public static final String SUMMARY = "summary";
    public static final String OCCURRED_AT = "occurredAt";
    public static final String OFF_SITE = "offSite";
}
