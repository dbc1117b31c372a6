package org.safecase.query.timeline;

import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.query.projection.IncidentProjection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The case timeline: every event of an incident as an entry, in sequence. */
@Component
@Order(20)
class TimelineProjection implements IncidentProjection {

    private final TimelineRepository timeline;

    TimelineProjection(TimelineRepository timeline) {
        this.timeline = timeline;
    }

    @Override
    public void apply(IncidentEventEnvelope envelope, IncidentEvent event, String schema) {
        timeline.add(schema, envelope.incidentId(), envelope.sequence(), envelope.eventId(), envelope.type(),
                envelope.recordedAt(), envelope.actor(), TimelineSummaries.of(event));
    }
}
