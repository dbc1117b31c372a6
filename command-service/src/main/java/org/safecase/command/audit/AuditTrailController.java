package org.safecase.command.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.safecase.command.eventstore.IncidentEventEnvelopes;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.IncidentReported;
import org.safecase.events.Role;
import org.safecase.platform.privacy.PersonalData;
import org.safecase.platform.problem.Refusal;
import org.safecase.platform.school.SchoolDirectory;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * An incident's whole event stream, in order, straight from the event store: the record auditors replay (R26).
 * Personal fields are opened for the reader; in the store and on the topic they stay sealed.
 */
@RestController
class AuditTrailController {

    private final EventStore eventStore;
    private final IncidentEventEnvelopes envelopes;
    private final SchoolDirectory schools;
    private final PersonalData personalData;

    AuditTrailController(EventStore eventStore, IncidentEventEnvelopes envelopes, SchoolDirectory schools,
                         PersonalData personalData) {
        this.eventStore = eventStore;
        this.envelopes = envelopes;
        this.schools = schools;
        this.personalData = personalData;
    }

    @GetMapping("/api/v1/incidents/{id}/events")
    List<IncidentEventEnvelope> events(@PathVariable UUID id, AuthenticatedUser user) {
        List<? extends DomainEventMessage<?>> stream = eventStore.readEvents(id.toString()).asStream().toList();
        if (stream.isEmpty()) {
            throw Refusal.notFound("INCIDENT_NOT_FOUND", "No such incident");
        }
        IncidentReported first = (IncidentReported) stream.get(0).getPayload();
        if (!user.belongsTo(first.schoolId(), schools)) {
            throw Refusal.forbidden("SCHOOL_NOT_ALLOWED", "You may read incidents of your own school or trust only");
        }
        if (first.allegationAgainstStaff() && user.role() != Role.HEAD_TEACHER && user.role() != Role.AUDITOR) {
            throw Refusal.forbidden("STAFF_ALLEGATION_HEAD_TEACHER_ONLY",
                    "Only the head teacher and auditors may read an allegation against a member of staff");
        }
        // the reader is authorised: personal fields are shown opened ("[erased]" where their key was destroyed)
        return stream.stream().map(envelopes::envelope).map(envelope -> new IncidentEventEnvelope(envelope.eventId(),
                envelope.incidentId(), envelope.schoolId(), envelope.sequence(), envelope.type(), envelope.schemaVersion(),
                envelope.recordedAt(), envelope.actor(), personalData.reveal(envelope.incidentId(), envelope.payload())))
                .toList();
    }
}
