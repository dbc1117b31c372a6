package org.safecase.query.timeline;

import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentDisposed;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.SubjectErased;
import org.safecase.platform.privacy.FieldOpener;
import org.safecase.query.projection.IncidentProjection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The case timeline: every event of an incident as an entry, in sequence, its personal text opened. An
 * erasure scrubs the person's entries and a disposal every personal text of the incident, at once.
 */
@Component
@Order(20)
class TimelineProjection implements IncidentProjection {

    private final TimelineRepository timeline;
    private final FieldOpener fields;

    TimelineProjection(TimelineRepository timeline, FieldOpener fields) {
        this.timeline = timeline;
        this.fields = fields;
    }

    @Override
    public void apply(IncidentEventEnvelope envelope, IncidentEvent event) {
        timeline.add(envelope.incidentId(), envelope.sequence(), envelope.eventId(), envelope.type(),
                envelope.recordedAt(), envelope.actor(), TimelineSummaries.of(event, fields));
        if (event instanceof SubjectErased erased) {
            timeline.erase(erased.incidentId(), erased.subjectId());
        } else if (event instanceof IncidentDisposed disposed) {
            timeline.dispose(disposed.incidentId());
        }
    }
}
