package org.safecase.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An immutable fact about one incident. Every event says which incident, which school, who acted and
 * when it was recorded. Events are never changed in place: a new shape is a new {@code @Revision}
 * with an upcaster.
 */
public sealed interface IncidentEvent permits IncidentReported, IncidentEscalated, PoliceReferralMade,
        ExternalReferralRecorded, SanctionApplied, NoteAdded, IncidentReclassified, IncidentClosed,
        IncidentReopened, SubjectErased, IncidentDisposed, LegalHoldPlaced, LegalHoldReleased,
        IncidentCorrected, SubjectRemoved, SubjectAdded, ParentContactRecorded, SupportProvided, ActionAssigned,
        ActionCompleted, EvidenceRecorded, DeviceSeized, DeviceHandedOver {

    UUID incidentId();

    String schoolId();

    Actor actor();

    Instant recordedAt();
}
