package org.safecase.query.sanction;

import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentDisposed;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.SanctionApplied;
import org.safecase.events.SubjectErased;
import org.safecase.platform.privacy.FieldOpener;
import org.safecase.query.projection.IncidentProjection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The sanctions history: each sanction applied, by subject, across incidents (R14, R16). The subject's
 * reference is opened to look the history up by; erasure and disposal remove it, so the sanction no
 * longer answers to the reference.
 */
@Component
@Order(30)
class SanctionsHistoryProjection implements IncidentProjection {

    private final SanctionRepository sanctions;
    private final FieldOpener fields;

    SanctionsHistoryProjection(SanctionRepository sanctions, FieldOpener fields) {
        this.sanctions = sanctions;
        this.fields = fields;
    }

    @Override
    public void apply(IncidentEventEnvelope envelope, IncidentEvent event) {
        if (event instanceof SanctionApplied sanction) {
            String reference = fields.openFor(sanction.incidentId(), sanction.subjectId(), "subjectReference",
                    sanction.subjectReference());
            sanctions.add(envelope.sequence(), sanction, FieldOpener.isMarker(reference) ? null : reference);
        } else if (event instanceof SubjectErased erased) {
            sanctions.forgetSubject(erased.incidentId(), erased.subjectId());
        } else if (event instanceof IncidentDisposed disposed) {
            sanctions.forgetIncident(disposed.incidentId());
        }
    }
}
