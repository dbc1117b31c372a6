package org.safecase.query.incident;

import org.safecase.events.Classification;
import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentCorrected;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReopened;
import org.safecase.events.IncidentReported;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ReferralDecision;
import org.safecase.events.Role;
import org.safecase.events.SanctionApplied;
import org.safecase.events.SubjectAdded;
import org.safecase.events.SubjectRemoved;

import java.time.Instant;
import java.util.UUID;

/**
 * An incident's row of the log while a poll's events are folded into it: made by its report, changed by each later
 * event in sequence, then written once. The one place that says what each event does to the row.
 */
final class IncidentLogRow {

    final UUID incidentId;
    final String schoolId;
    String categoryCode;
    String categoryName;
    Classification classification;
    String status;
    Instant occurredAt;
    final Instant reportedAt;
    final Role reportedByRole;
    Instant escalatedAt;
    String escalatedTo;
    boolean policeReferred;
    Instant policeReferredAt;
    Instant referredAt;
    Instant closedAt;
    String outcome;
    int subjectCount;
    boolean offSite;
    final boolean allegationAgainstStaff;
    boolean reclassified;
    int sanctionCount;
    final String sourceSystem;
    long version;
    Instant lastEventAt;
    final boolean againstHeadTeacher;

    private IncidentLogRow(IncidentRecord stored) {
        incidentId = stored.incidentId();
        schoolId = stored.schoolId();
        categoryCode = stored.categoryCode();
        categoryName = stored.categoryName();
        classification = stored.classification();
        status = stored.status();
        occurredAt = stored.occurredAt();
        reportedAt = stored.reportedAt();
        reportedByRole = stored.reportedByRole();
        escalatedAt = stored.escalatedAt();
        escalatedTo = stored.escalatedTo();
        policeReferred = stored.policeReferred();
        policeReferredAt = stored.policeReferredAt();
        referredAt = stored.referredAt();
        closedAt = stored.closedAt();
        outcome = stored.outcome();
        subjectCount = stored.subjectCount();
        offSite = stored.offSite();
        allegationAgainstStaff = stored.allegationAgainstStaff();
        reclassified = stored.reclassified();
        sanctionCount = stored.sanctionCount();
        sourceSystem = stored.sourceSystem();
        version = stored.version();
        lastEventAt = stored.lastEventAt();
        againstHeadTeacher = stored.againstHeadTeacher();
    }

    static IncidentLogRow of(IncidentRecord stored) {
        return new IncidentLogRow(stored);
    }

    static IncidentLogRow reported(IncidentReported event, long sequence) {
        return new IncidentLogRow(new IncidentRecord(event.incidentId(), event.schoolId(), event.category().code(),
                event.category().name(), event.category().classification(), IncidentRecord.OPEN, event.occurredAt(),
                event.recordedAt(), event.actor().role(), null, null, false, null, null, null, null,
                event.subjects().size(), event.offSite(), event.allegationAgainstStaff(), false, 0,
                event.source() == null ? null : event.source().system(), sequence, event.recordedAt(),
                event.againstHeadTeacher()));
    }

    /**
     * A later event of the incident. The first escalation is the one the log shows; the earliest referral, police or
     * an agency, is the one it shows as referred; a correction of the report (R20) shows the corrected value.
     */
    void apply(IncidentEvent event, long sequence) {
        Instant at = event.recordedAt();
        if (event instanceof IncidentEscalated escalated) {
            escalatedAt = escalatedAt != null ? escalatedAt : at;
            escalatedTo = escalatedTo != null ? escalatedTo : escalated.to() == null ? null : escalated.to().name();
        } else if (event instanceof PoliceReferralMade referral) {
            Instant when = referral.referredAt() != null ? referral.referredAt() : at;
            policeReferred = true;
            policeReferredAt = earliest(policeReferredAt, when);
            referredAt = earliest(referredAt, when);
        } else if (event instanceof ExternalReferralRecorded referral && referral.decision() == ReferralDecision.REFERRED) {
            referredAt = earliest(referredAt, referral.decidedAt() != null ? referral.decidedAt() : at);
        } else if (event instanceof SanctionApplied) {
            sanctionCount++;
        } else if (event instanceof IncidentReclassified reclassification) {
            categoryCode = reclassification.to().code();
            categoryName = reclassification.to().name();
            classification = reclassification.to().classification();
            reclassified = true;
        } else if (event instanceof IncidentClosed closed) {
            status = IncidentRecord.CLOSED;
            closedAt = at;
            outcome = closed.outcome() == null ? null : closed.outcome().name();
        } else if (event instanceof IncidentCorrected corrected && corrected.occurredAt() != null) {
            occurredAt = corrected.occurredAt();
        } else if (event instanceof IncidentCorrected corrected && corrected.offSite() != null) {
            offSite = corrected.offSite();
        } else if (event instanceof SubjectAdded) {
            subjectCount++;
        } else if (event instanceof SubjectRemoved) {
            subjectCount = Math.max(subjectCount - 1, 0);
        } else if (event instanceof IncidentReopened) {
            status = IncidentRecord.OPEN;
            closedAt = null;
            outcome = null;
        }
        version = Math.max(version, sequence);
        lastEventAt = latest(lastEventAt, at);
    }

    private static Instant earliest(Instant current, Instant candidate) {
        return current == null || (candidate != null && candidate.isBefore(current)) ? candidate : current;
    }

    private static Instant latest(Instant current, Instant candidate) {
        return current == null || (candidate != null && candidate.isAfter(current)) ? candidate : current;
    }
}
