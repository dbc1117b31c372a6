package org.safecase.query.projection;

import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;

import java.util.List;

/**
 * One read model fed by the event stream. {@link #apply} runs inside the transaction that also
 * records the event as applied, so an event changes a projection exactly once. It names plain tables: the
 * transaction is in the generation being written ({@link GenerationScope}), so a rebuild fills a new
 * schema while the active one keeps serving. Personal fields of events may one day be erased: treat
 * them as optional.
 */
public interface IncidentProjection {

    void apply(IncidentEventEnvelope envelope, IncidentEvent event);

    /** A poll's applied events, in their order: one by one, unless the projection folds them first. */
    default void applyAll(List<DecodedEvent> events) {
        for (DecodedEvent event : events) {
            apply(event.envelope(), event.event());
        }
    }
}
