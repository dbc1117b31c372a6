package org.safecase.query.sanction;

import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.SanctionApplied;
import org.safecase.query.projection.IncidentProjection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The sanctions history: each sanction applied, by subject, across incidents (R14, R16). */
@Component
@Order(30)
class SanctionsHistoryProjection implements IncidentProjection {

    private final SanctionRepository sanctions;

    SanctionsHistoryProjection(SanctionRepository sanctions) {
        this.sanctions = sanctions;
    }

    @Override
    public void apply(IncidentEventEnvelope envelope, IncidentEvent event, String schema) {
        if (event instanceof SanctionApplied sanction) {
            sanctions.add(schema, envelope.sequence(), sanction);
        }
    }
}
