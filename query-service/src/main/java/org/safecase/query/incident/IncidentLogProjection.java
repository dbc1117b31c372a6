package org.safecase.query.incident;

import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentCorrected;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReopened;
import org.safecase.events.IncidentReported;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ReferralDecision;
import org.safecase.events.SanctionApplied;
import org.safecase.events.SubjectAdded;
import org.safecase.events.SubjectRemoved;
import org.safecase.query.projection.IncidentProjection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

/** The incident log: one row per incident, from its report to its latest event. */
@Component
@Order(10)
class IncidentLogProjection implements IncidentProjection {

    private final IncidentLogRepository log;

    IncidentLogProjection(IncidentLogRepository log) {
        this.log = log;
    }

    @Override
    public void apply(IncidentEventEnvelope envelope, IncidentEvent event) {
        UUID id = event.incidentId();
        Instant at = event.recordedAt();
        long sequence = envelope.sequence();
        if (event instanceof IncidentReported reported) {
            log.reported(reported, sequence);
        } else if (event instanceof IncidentEscalated escalated) {
            log.escalated(id, escalated.to() == null ? null : escalated.to().name(), at, sequence);
        } else if (event instanceof PoliceReferralMade referral) {
            log.referredToPolice(id, referral.referredAt() != null ? referral.referredAt() : at, at, sequence);
        } else if (event instanceof ExternalReferralRecorded referral && referral.decision() == ReferralDecision.REFERRED) {
            log.referredToAgency(id, referral.decidedAt() != null ? referral.decidedAt() : at, at, sequence);
        } else if (event instanceof SanctionApplied) {
            log.sanctionApplied(id, at, sequence);
        } else if (event instanceof IncidentReclassified reclassified) {
            log.reclassified(id, reclassified.to().code(), reclassified.to().name(),
                    reclassified.to().classification(), at, sequence);
        } else if (event instanceof IncidentClosed closed) {
            log.closed(id, closed.outcome() == null ? null : closed.outcome().name(), at, sequence);
        } else if (event instanceof IncidentCorrected corrected && corrected.occurredAt() != null) {
            log.occurredAtCorrected(id, corrected.occurredAt(), at, sequence);
        } else if (event instanceof IncidentCorrected corrected && corrected.offSite() != null) {
            log.offSiteCorrected(id, corrected.offSite(), at, sequence);
        } else if (event instanceof SubjectAdded) {
            log.subjectAdded(id, at, sequence);
        } else if (event instanceof SubjectRemoved) {
            log.subjectRemoved(id, at, sequence);
        } else if (event instanceof IncidentReopened) {
            log.reopened(id, at, sequence);
        } else {
            log.touched(id, at, sequence);
        }
    }
}
