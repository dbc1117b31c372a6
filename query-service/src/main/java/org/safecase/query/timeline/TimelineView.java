package org.safecase.query.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.safecase.events.Actor;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An incident's case timeline. {@code version} is the last event projected. In each entry the summary
 * is a sentence of coded facts; {@code detail} is the event's own free text (reason, note, rationale),
 * and {@code subjectReference} the person a sanction concerns: both personal, both may be null.
 */
record TimelineView(UUID incidentId, long version, List<Entry> entries) {

    record Entry(long sequence, Instant at, Actor actor, String type, String summary, String detail,
                 @JsonInclude(JsonInclude.Include.NON_NULL) String subjectReference) {
    }
}
