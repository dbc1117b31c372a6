package org.safecase.command.audit;

import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.safecase.command.eventstore.IncidentEventEnvelopes;
import org.safecase.command.integrity.IntegrityLog;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.IncidentReported;
import org.safecase.platform.privacy.PersonalData;
import org.safecase.platform.problem.Refusal;
import org.safecase.platform.school.SchoolDirectory;
import org.safecase.platform.security.AccessRules;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    private final ChainVerification verification;
    private final IntegrityLog integrityLog;

    AuditTrailController(EventStore eventStore, IncidentEventEnvelopes envelopes, SchoolDirectory schools,
                         PersonalData personalData, ChainVerification verification, IntegrityLog integrityLog) {
        this.integrityLog = integrityLog;
        this.verification = verification;
        this.eventStore = eventStore;
        this.envelopes = envelopes;
        this.schools = schools;
        this.personalData = personalData;
    }

    @GetMapping("/api/v1/incidents/{id}/events")
    List<IncidentEventEnvelope> events(@PathVariable UUID id, AuthenticatedUser user) {
        // the reader is authorised: personal fields are shown opened ("[erased]" where their key was destroyed)
        List<IncidentEventEnvelope> stream = readable(id, user).stream().map(envelopes::envelope).toList();
        Map<String, Long> positions = integrityLog.positionsOf(stream.stream().map(e -> e.eventId().toString()).toList());
        return stream.stream()
                .map(envelope -> envelope.withPayload(personalData.reveal(envelope.incidentId(), envelope.payload()))
                        .withPosition(positions.get(envelope.eventId().toString())))
                .toList();
    }

    @GetMapping("/api/v1/incidents/{id}/verification")
    @Operation(summary = "Verify an incident's hash chain (auditors)", description = """
            Checks the stored history link by link: each event's `previousHash` is the `hash` of the one before \
            (64 zeros for the first) and each `hash` is the SHA-256 of the event's RFC 8785 canonical envelope \
            without `hash` and `position`. Answers `{incidentId, valid, events, headHash}`, or `valid: false` \
            with `brokenAt` (the first sequence that fails) and `reason` (`HASH_MISMATCH`, \
            `PREVIOUS_HASH_MISMATCH`, `HASH_MISSING`, `SEQUENCE_GAP`).""")
    ChainVerification.Result verification(@PathVariable UUID id, AuthenticatedUser user) {
        return verification.verify(id, readable(id, user));
    }

    @GetMapping("/api/v1/incidents/{id}/state")
    @Operation(summary = "The incident as it stood then (auditors, DSLs, head teachers)", description = """
            Rebuilt from its events alone: after version `atVersion` (0 is the report), or as it stood at the instant \
            `asOf` (the events recorded at or before it); without either, as it stands now. `{incidentId, version, \
            asOf, schoolId, category, categoryName, classification, status, legalHold, subjects, escalations, \
            referrals, sanctions, outcome}`, personal fields opened ("[erased]" where erased). 400 for both \
            parameters or a version the incident never had; 404 if it did not exist yet at `asOf`.""")
    IncidentState state(@PathVariable UUID id, @RequestParam(required = false) Long atVersion,
                        @RequestParam(required = false) String asOf, AuthenticatedUser user) {
        List<? extends DomainEventMessage<?>> stream = readable(id, user);
        if (atVersion != null && asOf != null) {
            throw Refusal.invalid("VALIDATION_FAILED", "asOf", "give atVersion or asOf, not both");
        }
        List<? extends DomainEventMessage<?>> then = stream;
        if (atVersion != null) {
            if (atVersion < 0 || atVersion >= stream.size()) {
                throw Refusal.invalid("VALIDATION_FAILED", "atVersion", "must be from 0 to " + (stream.size() - 1));
            }
            then = stream.subList(0, (int) (atVersion + 1));
        } else if (asOf != null) {
            Instant at = instant(asOf);
            then = stream.stream().takeWhile(m -> !((IncidentEvent) m.getPayload()).recordedAt().isAfter(at)).toList();
            if (then.isEmpty()) {
                throw Refusal.notFound("INCIDENT_NOT_YET_REPORTED", "The incident had not been reported at that time");
            }
        }
        return IncidentState.of(then, personalData);
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw Refusal.invalid("VALIDATION_FAILED", "asOf", "must be an instant such as 2026-11-20T10:15:00Z");
        }
    }

    /** The incident's stream, if the user may read it: 404 for an unknown incident, 403 outside their scope. */
    private List<? extends DomainEventMessage<?>> readable(UUID id, AuthenticatedUser user) {
        List<? extends DomainEventMessage<?>> stream = eventStore.readEvents(id.toString()).asStream().toList();
        if (stream.isEmpty()) {
            throw Refusal.notFound("INCIDENT_NOT_FOUND", "No such incident");
        }
        IncidentReported first = (IncidentReported) stream.get(0).getPayload();
        if (!user.belongsTo(first.schoolId(), schools)) {
            throw Refusal.forbidden("SCHOOL_NOT_ALLOWED", "You may read incidents of your own school or trust only");
        }
        if (!AccessRules.sightOfStaffAllegations(user.role()).sees(first.allegationAgainstStaff(),
                first.againstHeadTeacher())) {
            throw Refusal.forbidden("STAFF_ALLEGATION_HEAD_TEACHER_ONLY", "An allegation against a member of staff is "
                    + "read by its case manager (the head teacher, or the chair of governors if it is against the "
                    + "head teacher) and auditors only");
        }
        return stream;
    }
}
