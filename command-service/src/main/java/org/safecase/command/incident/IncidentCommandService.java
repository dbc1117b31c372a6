package org.safecase.command.incident;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.safecase.command.category.Category;
import org.safecase.command.category.CategoryCatalogue;
import org.safecase.command.incident.IncidentCommands.AddNoteCommand;
import org.safecase.command.incident.IncidentCommands.AssignActionCommand;
import org.safecase.command.incident.IncidentCommands.CompleteActionCommand;
import org.safecase.command.incident.IncidentCommands.HandOverDeviceCommand;
import org.safecase.command.incident.IncidentCommands.ProvideSupportCommand;
import org.safecase.command.incident.IncidentCommands.RecordEvidenceCommand;
import org.safecase.command.incident.IncidentCommands.RecordParentContactCommand;
import org.safecase.command.incident.IncidentCommands.SeizeDeviceCommand;
import org.safecase.command.incident.IncidentCommands.ApplySanctionCommand;
import org.safecase.command.incident.IncidentCommands.CloseIncidentCommand;
import org.safecase.command.incident.IncidentCommands.CorrectIncidentCommand;
import org.safecase.command.incident.IncidentCommands.RemoveSubjectCommand;
import org.safecase.command.incident.IncidentCommands.AddSubjectCommand;
import org.safecase.command.incident.IncidentCommands.EscalateIncidentCommand;
import org.safecase.command.incident.IncidentCommands.RecordExternalReferralCommand;
import org.safecase.command.incident.IncidentCommands.RecordPoliceReferralCommand;
import org.safecase.command.incident.IncidentCommands.ReclassifyIncidentCommand;
import org.safecase.command.incident.IncidentCommands.ReopenIncidentCommand;
import org.safecase.command.incident.IncidentCommands.ReportIncidentCommand;
import org.safecase.events.IncidentCorrected;
import org.safecase.events.IncidentReported;
import org.safecase.events.Sealed;
import org.safecase.events.Source;
import org.safecase.events.Subject;
import org.safecase.platform.privacy.PersonalData;
import org.safecase.platform.problem.Refusal;
import org.safecase.platform.security.AccessRules;
import org.safecase.platform.security.AuthenticatedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns requests into commands: stamps the acting user and the time, resolves categories, seals every personal
 * field before it reaches the aggregate (so it is stored and published only as ciphertext), maps Axon's
 * refusals.
 */
@Service
class IncidentCommandService {

    private static final Logger log = LoggerFactory.getLogger(IncidentCommandService.class);

    /** A command that created a part of the incident (an action, a device): the result and the new part's id. */
    record Created(CommandResult result, UUID id) {
    }

    /** A report's outcome: the incident, and whether this request created it or found it from an earlier try. */
    record Reported(CommandResult result, boolean created) {
    }

    private final CommandSender sender;
    private final EventStore eventStore;
    private final CategoryCatalogue catalogue;
    private final IncidentCreationKeys creationKeys;
    private final PersonalData personalData;
    private final IncidentKeys incidentKeys;
    private final ActingUsers actingUsers;
    private final Clock clock;

    IncidentCommandService(CommandSender sender, EventStore eventStore, CategoryCatalogue catalogue,
                           IncidentCreationKeys creationKeys, PersonalData personalData, IncidentKeys incidentKeys,
                           ActingUsers actingUsers, Clock clock) {
        this.sender = sender;
        this.eventStore = eventStore;
        this.catalogue = catalogue;
        this.creationKeys = creationKeys;
        this.personalData = personalData;
        this.incidentKeys = incidentKeys;
        this.actingUsers = actingUsers;
        this.clock = clock;
    }

    @Transactional
    Reported report(IncidentRequests.ReportIncident request, String idempotencyKey, AuthenticatedUser user) {
        Category category = category(request.category());
        request.subjects().forEach(IncidentCommandService::headTeacherIsStaff);
        if (!request.schoolId().equals(user.schoolId())) {
            // before the keys are looked at, so that a retry key never reveals another school's incident
            throw Refusal.forbidden("SCHOOL_NOT_ALLOWED", "You may report incidents of your own school only");
        }
        Source source = request.source() == null ? null
                : new Source(request.source().system(), request.source().reference());
        UUID incidentId = UUID.randomUUID();
        IncidentCreationKeys.Claim claim = creationKeys.claim(request.schoolId(), idempotencyKey, source,
                IncidentCreationKeys.fingerprint(user.schoolId(), request), incidentId);
        if (claim.earlier().isPresent()) {
            UUID earlier = claim.earlier().get();
            if (!claim.sameRequest() || !mayBeToldOf(earlier, user)) {
                // one answer for both, naming no incident: a guessed key learns nothing (nor whether it was used)
                log.info("Report refused: its retry key names an incident of another request or out of {}'s sight",
                        user.userId());
                throw Refusal.byRule("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key, or this source record, was "
                        + "already used for another report: a retry must repeat the first request exactly");
            }
            log.info("Report retried: incident {} already exists", earlier);
            return new Reported(new CommandResult(earlier, currentVersion(earlier)), false);
        }
        personalData.createIncidentKey(incidentId);
        List<Subject> subjects = request.subjects().stream()
                .map(subject -> sealed(incidentId, request.schoolId(), subject)).toList();
        sender.send(new ReportIncidentCommand(incidentId, request.schoolId(),
                category.asRecordedIn(catalogue.version()), category.subjectTypes(),
                request.occurredAt(), personalData.seal(incidentId, "summary", request.summary()), subjects,
                Boolean.TRUE.equals(request.offSite()), source,
                request.subjects().stream().anyMatch(IncidentRequests.SubjectEntry::isHeadTeacherAlleged),
                actingUsers.of(user), now()));
        log.info("Incident {} reported for school {} by {}", incidentId, request.schoolId(), user.userId());
        return new Reported(new CommandResult(incidentId, 0), true);
    }

    CommandResult escalate(UUID id, Long expectedVersion, IncidentRequests.Escalate r, AuthenticatedUser user) {
        incidentKeys.require(id);
        return sender.result(id, new EscalateIncidentCommand(id, expectedVersion, r.to(),
                personalData.seal(id, "reason", r.reason()), actingUsers.of(user), now()));
    }

    CommandResult referToPolice(UUID id, Long expectedVersion, IncidentRequests.PoliceReferral r, AuthenticatedUser user) {
        incidentKeys.require(id);
        return sender.result(id, new RecordPoliceReferralCommand(id, expectedVersion, r.force(),
                personalData.seal(id, "crimeReference", r.crimeReference()), r.referredAt(),
                personalData.seal(id, "notes", r.notes()), actingUsers.of(user), now()));
    }

    CommandResult recordExternalReferral(UUID id, Long expectedVersion, IncidentRequests.ExternalReferral r,
                                         AuthenticatedUser user) {
        incidentKeys.require(id);
        return sender.result(id, new RecordExternalReferralCommand(id, expectedVersion, r.agency(), r.decision(),
                personalData.seal(id, "rationale", r.rationale()), personalData.seal(id, "reference", r.reference()),
                r.decidedAt(), actingUsers.of(user), now()));
    }

    /**
     * A sanction is the subject's personal data: sealed with their key (found by the school's reference)
     * and the incident's. A reference the school never recorded names no subject: the aggregate refuses.
     */
    CommandResult applySanction(UUID id, Long expectedVersion, IncidentRequests.Sanction r, AuthenticatedUser user) {
        incidentKeys.require(id);
        UUID subjectId = knownSubject(user, r.subjectReference());
        return sender.result(id, new ApplySanctionCommand(id, expectedVersion, subjectId,
                sealFor(id, subjectId, "subjectReference", r.subjectReference()), r.type(), r.startsOn(), r.endsOn(),
                sealFor(id, subjectId, "notes", r.notes()), actingUsers.of(user), now()));
    }

    CommandResult addNote(UUID id, Long expectedVersion, IncidentRequests.Note r, AuthenticatedUser user) {
        incidentKeys.require(id);
        return sender.result(id, new AddNoteCommand(id, expectedVersion, personalData.seal(id, "text", r.text()),
                actingUsers.of(user), now()));
    }

    CommandResult reclassify(UUID id, Long expectedVersion, IncidentRequests.Reclassify r, AuthenticatedUser user) {
        Category category = category(r.category());
        incidentKeys.require(id);
        return sender.result(id, new ReclassifyIncidentCommand(id, expectedVersion,
                category.asRecordedIn(catalogue.version()), category.subjectTypes(),
                personalData.seal(id, "reason", r.reason()), actingUsers.of(user), now()));
    }

    /**
     * A correction of the report (R20): the value is read by its field (a blank summary, an unreadable instant
     * or a word other than true/false is refused naming {@code value}) and the new summary sealed as the
     * report's was; the aggregate refuses an unknown field and a time in the future.
     */
    CommandResult correct(UUID id, Long expectedVersion, IncidentRequests.Correction r, AuthenticatedUser user) {
        String field = r.field();
        String value = r.value().strip();
        Instant occurredAt = null;
        Boolean offSite = null;
        String summary = null;
        switch (field) {
            case IncidentCorrected.SUMMARY -> {
                if (value.isEmpty()) {
                    throw Refusal.invalid("INVALID_CORRECTION_VALUE", "value", "a summary must not be blank");
                }
                summary = r.value();
            }
            case IncidentCorrected.OCCURRED_AT -> {
                try {
                    occurredAt = Instant.parse(value);
                } catch (java.time.format.DateTimeParseException e) {
                    throw Refusal.invalid("INVALID_CORRECTION_VALUE", "value",
                            "occurredAt must be an instant such as 2026-11-20T09:00:00Z");
                }
            }
            case IncidentCorrected.OFF_SITE -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw Refusal.invalid("INVALID_CORRECTION_VALUE", "value", "offSite must be true or false");
                }
                offSite = Boolean.valueOf(value);
            }
            default -> throw Refusal.invalid("NOT_A_CORRECTABLE_FIELD", "field",
                    "must be one of summary, occurredAt, offSite");
        }
        incidentKeys.require(id);
        return sender.result(id, new CorrectIncidentCommand(id, expectedVersion, field,
                summary == null ? null : personalData.seal(id, "summary", summary), occurredAt, offSite,
                personalData.seal(id, "reason", r.reason()), actingUsers.of(user), now()));
    }

    /** A person added after the report, found or made in the school's subject index and sealed as a reported one. */
    CommandResult addSubject(UUID id, Long expectedVersion, IncidentRequests.SubjectEntry r, AuthenticatedUser user) {
        incidentKeys.require(id);
        if (user.schoolId() == null) {
            throw Refusal.forbidden("SCHOOL_NOT_ALLOWED", "You may act on incidents of your own school only");
        }
        headTeacherIsStaff(r);
        return sender.result(id, new AddSubjectCommand(id, expectedVersion, sealed(id, user.schoolId(), r),
                r.isHeadTeacher(), actingUsers.of(user), now()));
    }

    /**
     * A person recorded by mistake, found by the school's reference as a sanction's is; the reason is sealed
     * with their key and the incident's. A reference the school never recorded names no subject: the aggregate refuses.
     */
    CommandResult removeSubject(UUID id, Long expectedVersion, String reference, IncidentRequests.Removal r,
                                AuthenticatedUser user) {
        incidentKeys.require(id);
        UUID subjectId = knownSubject(user, reference);
        return sender.result(id, new RemoveSubjectCommand(id, expectedVersion, subjectId,
                sealFor(id, subjectId, "reason", r.reason()), actingUsers.of(user), now()));
    }

    CommandResult close(UUID id, Long expectedVersion, IncidentRequests.Close r, AuthenticatedUser user) {
        incidentKeys.require(id);
        return sender.result(id, new CloseIncidentCommand(id, expectedVersion, r.outcome(),
                personalData.seal(id, "summary", r.summary()), catalogue.staffAllegationRequirements(),
                actingUsers.of(user), now()));
    }

    /** A decision on telling a subject's parents or carers, sealed with the subject's key as a sanction is. */
    CommandResult recordParentContact(UUID id, Long expectedVersion, IncidentRequests.ParentContact r,
                                      AuthenticatedUser user) {
        incidentKeys.require(id);
        UUID subjectId = knownSubject(user, r.subjectReference());
        return sender.result(id, new RecordParentContactCommand(id, expectedVersion, subjectId,
                sealFor(id, subjectId, "subjectReference", r.subjectReference()), r.decision(), r.at(), r.method(),
                sealFor(id, subjectId, "rationale", r.rationale() == null || r.rationale().isBlank() ? null : r.rationale()),
                actingUsers.of(user), now()));
    }

    CommandResult provideSupport(UUID id, Long expectedVersion, IncidentRequests.Support r, AuthenticatedUser user) {
        incidentKeys.require(id);
        UUID subjectId = knownSubject(user, r.subjectReference());
        return sender.result(id, new ProvideSupportCommand(id, expectedVersion, subjectId,
                sealFor(id, subjectId, "subjectReference", r.subjectReference()), r.type(), r.startsOn(),
                sealFor(id, subjectId, "notes", r.notes()), actingUsers.of(user), now()));
    }

    Created assignAction(UUID id, Long expectedVersion, IncidentRequests.Action r, AuthenticatedUser user) {
        incidentKeys.require(id);
        UUID actionId = UUID.randomUUID();
        CommandResult result = sender.result(id, new AssignActionCommand(id, expectedVersion, actionId,
                personalData.seal(id, "title", r.title()), r.owner(), r.dueOn(), LocalDate.now(clock),
                actingUsers.of(user), now()));
        return new Created(result, actionId);
    }

    CommandResult completeAction(UUID id, Long expectedVersion, UUID actionId, IncidentRequests.Completion r,
                                 AuthenticatedUser user) {
        incidentKeys.require(id);
        return sender.result(id, new CompleteActionCommand(id, expectedVersion, actionId,
                personalData.seal(id, "note", r.note()), actingUsers.of(user), now()));
    }

    CommandResult recordEvidence(UUID id, Long expectedVersion, IncidentRequests.Evidence r, AuthenticatedUser user) {
        incidentKeys.require(id);
        return sender.result(id, new RecordEvidenceCommand(id, expectedVersion, UUID.randomUUID(), r.kind(),
                personalData.seal(id, "description", r.description()), personalData.seal(id, "url", r.url()),
                r.capturedAt(), personalData.seal(id, "heldAt", r.heldAt()), catalogue.noCopyCategories(),
                actingUsers.of(user), now()));
    }

    /** A device of a person of the incident: its description and their reference sealed with their key. */
    Created seizeDevice(UUID id, Long expectedVersion, IncidentRequests.Device r, AuthenticatedUser user) {
        incidentKeys.require(id);
        UUID subjectId = knownSubject(user, r.ownerReference());
        UUID deviceId = UUID.randomUUID();
        CommandResult result = sender.result(id, new SeizeDeviceCommand(id, expectedVersion, deviceId,
                sealFor(id, subjectId, "description", r.description()), subjectId,
                sealFor(id, subjectId, "subjectReference", r.ownerReference()), r.legalBasis(), r.seizedAt(),
                actingUsers.of(user), now()));
        return new Created(result, deviceId);
    }

    CommandResult handOverDevice(UUID id, Long expectedVersion, UUID deviceId, IncidentRequests.Handover r,
                                 AuthenticatedUser user) {
        incidentKeys.require(id);
        return sender.result(id, new HandOverDeviceCommand(id, expectedVersion, deviceId, r.to(), r.at(),
                actingUsers.of(user), now()));
    }

    /** The person the school's reference names, if the school knows them; the aggregate refuses one not in the incident. */
    private UUID knownSubject(AuthenticatedUser user, String reference) {
        return user.schoolId() == null ? null : personalData.knownSubject(user.schoolId(), reference).orElse(null);
    }

    /** A field about a person, sealed with their key and the incident's; nothing when the person is unknown. */
    private Sealed sealFor(UUID incidentId, UUID subjectId, String field, String text) {
        return subjectId == null ? null : personalData.sealFor(incidentId, subjectId, field, text);
    }

    CommandResult reopen(UUID id, Long expectedVersion, IncidentRequests.Reopen r, AuthenticatedUser user) {
        incidentKeys.require(id);
        return sender.result(id, new ReopenIncidentCommand(id, expectedVersion, personalData.seal(id, "reason", r.reason()),
                actingUsers.of(user), now()));
    }

    /** A reported person: found or made in the school's subject index, their fields sealed with their key. */
    private Subject sealed(UUID incidentId, String schoolId, IncidentRequests.SubjectEntry entry) {
        UUID subjectId = personalData.subject(schoolId, entry.reference());
        LocalDate dateOfBirth = entry.dateOfBirth();
        return new Subject(subjectId, entry.type(), personalData.sealFor(incidentId, subjectId, "reference", entry.reference()),
                entry.involvement(), personalData.sealFor(incidentId, subjectId, "yearGroup", entry.yearGroup()),
                personalData.sealFor(incidentId, subjectId, "dateOfBirth", dateOfBirth == null ? null : dateOfBirth.toString()));
    }

    private static void headTeacherIsStaff(IncidentRequests.SubjectEntry entry) {
        if (entry.isHeadTeacher() && entry.type() != org.safecase.events.SubjectType.STAFF) {
            throw Refusal.invalid("HEAD_TEACHER_IS_STAFF", "headTeacher", "only a member of staff is the head teacher");
        }
    }

    private Category category(String code) {
        return catalogue.find(code)
                .orElseThrow(() -> Refusal.invalid("UNKNOWN_CATEGORY", "category", "is not a category of the catalogue"));
    }

    /**
     * Whether a retry may name the incident its key found: to the user who reported it, or to one who may
     * read it; an allegation against staff is the head teacher's (and auditors'), not a DSL's (R12).
     */
    private boolean mayBeToldOf(UUID incidentId, AuthenticatedUser user) {
        Optional<IncidentReported> reported = eventStore.readEvents(incidentId.toString()).asStream()
                .findFirst()
                .map(DomainEventMessage::getPayload)
                .filter(IncidentReported.class::isInstance)
                .map(IncidentReported.class::cast);
        if (reported.isEmpty()) {
            return false;
        }
        IncidentReported first = reported.get();
        return first.actor().userId().equals(user.userId())
                || (AccessRules.CASE_READERS.contains(user.role()) && first.schoolId().equals(user.schoolId())
                && AccessRules.sightOfStaffAllegations(user.role()).sees(first.allegationAgainstStaff(),
                first.againstHeadTeacher()));
    }

    private long currentVersion(UUID incidentId) {
        return eventStore.lastSequenceNumberFor(incidentId.toString()).orElse(0L);
    }

    private Instant now() {
        return clock.instant();
    }
}
