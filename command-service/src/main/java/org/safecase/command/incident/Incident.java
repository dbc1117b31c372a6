package org.safecase.command.incident;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
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
import org.safecase.command.incident.IncidentCommands.DisposeIncidentCommand;
import org.safecase.command.incident.IncidentCommands.EraseSubjectCommand;
import org.safecase.command.incident.IncidentCommands.PlaceLegalHoldCommand;
import org.safecase.command.incident.IncidentCommands.ReleaseLegalHoldCommand;
import org.safecase.command.incident.IncidentCommands.EscalateIncidentCommand;
import org.safecase.command.incident.IncidentCommands.RecordExternalReferralCommand;
import org.safecase.command.incident.IncidentCommands.RecordPoliceReferralCommand;
import org.safecase.command.incident.IncidentCommands.ReclassifyIncidentCommand;
import org.safecase.command.incident.IncidentCommands.ReopenIncidentCommand;
import org.safecase.command.incident.IncidentCommands.ReportIncidentCommand;
import org.safecase.events.ActionAssigned;
import org.safecase.events.ActionCompleted;
import org.safecase.events.Agency;
import org.safecase.events.DeviceHandedOver;
import org.safecase.events.DeviceSeized;
import org.safecase.events.EvidenceKind;
import org.safecase.events.EvidenceRecorded;
import org.safecase.events.ParentContactDecision;
import org.safecase.events.ParentContactRecorded;
import org.safecase.events.SupportProvided;
import org.safecase.events.CategoryRef;
import org.safecase.events.Classification;
import org.safecase.events.EscalationTarget;
import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentCorrected;
import org.safecase.events.IncidentDisposed;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReopened;
import org.safecase.events.IncidentReported;
import org.safecase.events.LegalHoldPlaced;
import org.safecase.events.LegalHoldReleased;
import org.safecase.events.NoteAdded;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ReferralDecision;
import org.safecase.events.Requirement;
import org.safecase.events.Role;
import org.safecase.events.SanctionApplied;
import org.safecase.events.Subject;
import org.safecase.events.SubjectErased;
import org.safecase.events.SubjectRemoved;
import org.safecase.events.SubjectAdded;
import org.safecase.events.SubjectType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One safeguarding incident, event-sourced. It enforces the rules of the policies (DOMAIN.md section 14)
 * and who may act on it; time and the acting user (with their schools and what their role allows) come in
 * with each command. It speaks the domain only: a refusal is an {@link IncidentRefusal} with a rule and a
 * kind, which the command sender turns into HTTP. Every command handler returns the incident's version after it.
 */
@Aggregate(cache = IncidentCache.NAME)
class Incident {

    /** Clocks of recording systems drift; a report a little ahead of the server's time is not refused. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @AggregateIdentifier
    private UUID incidentId;
    private String schoolId;
    private CategoryRef category;
    /** The incident's subjects by their subject id, and those of them whose data was erased. */
    private Map<UUID, SubjectType> subjects;
    private Set<UUID> erased;
    /** Those recorded by mistake and removed: still in the report (and erasable), no longer subjects. */
    private Set<UUID> removed;
    private boolean allegationAgainstStaff;
    /** Who manages an allegation against staff: the head teacher, or the chair of governors if the head is alleged. */
    private Role caseManager;
    private boolean closed;
    private boolean policeReferred;
    /** A designated lead (the DSL, or the head teacher) acted on it or had it escalated to them (R4, R5). */
    private boolean dslInvolved;
    private boolean headTeacherInformed;
    /** Open actions by id; devices by id, with when they were seized, while the school holds them. */
    private Set<UUID> openActions;
    private Set<UUID> doneActions;
    private Map<UUID, Instant> devicesHeld;
    private Set<UUID> devicesHandedOver;
    private Set<Agency> referredTo;
    private Set<Agency> decided;
    private boolean legalHold;
    private boolean disposed;

    Incident() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Incident(ReportIncidentCommand command) {
        ActingUser user = command.user();
        ofTheSchool(user, command.schoolId(), "You may report incidents of your own school only");
        notInTheFuture("occurredAt", command.occurredAt(), command.at());
        Set<UUID> people = new HashSet<>();
        for (Subject subject : command.subjects()) {
            if (!people.add(subject.subjectId())) {
                throw IncidentRefusal.invalid("DUPLICATE_SUBJECT", "subjects", "each subject reference may appear once");
            }
        }
        requireApplicable(command.category(), command.appliesTo(), command.subjects());
        boolean againstStaff = command.subjects().stream().anyMatch(Subject::isAllegationAgainstWorkforce);
        // policy: allegations against staff go to the head teacher, with the LADO / local authority route offered (R12);
        // KCSIE part 4: where the head teacher is the one alleged, to the chair of governors
        List<Agency> suggested = againstStaff ? List.of(Agency.LADO, Agency.LA_SAFEGUARDING) : List.of();
        Role manager = !againstStaff ? null : command.headTeacherAlleged() ? Role.CHAIR_OF_GOVERNORS : Role.HEAD_TEACHER;
        AggregateLifecycle.apply(new IncidentReported(command.incidentId(), command.schoolId(), user.actor(), command.at(),
                command.category(), command.occurredAt(), command.summary(),
                command.subjects(), command.offSite(), command.source(), againstStaff, suggested, manager));
    }

    @CommandHandler
    long handle(EscalateIncidentCommand command) {
        mayChange(command.user());
        if (caseManager == Role.CHAIR_OF_GOVERNORS && command.to() != EscalationTarget.CHAIR_OF_GOVERNORS) {
            throw IncidentRefusal.byRule("HEAD_TEACHER_ALLEGATION_ROUTES_TO_CHAIR",
                    "An allegation against the head teacher is escalated to the chair of governors");
        }
        if (caseManager == Role.HEAD_TEACHER && command.to() != EscalationTarget.HEAD_TEACHER) {
            throw IncidentRefusal.byRule("STAFF_ALLEGATION_ROUTES_TO_HEAD_TEACHER",
                    "An allegation against a member of staff is escalated to the head teacher, not the DSL");
        }
        return applied(new IncidentEscalated(incidentId, schoolId, command.user().actor(), command.at(), command.to(),
                command.reason()));
    }

    @CommandHandler
    long handle(RecordPoliceReferralCommand command) {
        mayChange(command.user());
        notInTheFuture("referredAt", command.referredAt(), command.at());
        return applied(new PoliceReferralMade(incidentId, schoolId, command.user().actor(), command.at(), command.force(),
                command.crimeReference(), command.referredAt(), command.notes()));
    }

    @CommandHandler
    long handle(RecordExternalReferralCommand command) {
        mayChange(command.user());
        notInTheFuture("decidedAt", command.decidedAt(), command.at());
        if (command.agency() == Agency.POLICE && command.decision() == ReferralDecision.REFERRED) {
            throw IncidentRefusal.invalid("POLICE_REFERRAL_HAS_ITS_OWN_RECORD", "decision",
                    "a referral to the police is recorded at police-referrals; here only the decision not to refer");
        }
        return applied(new ExternalReferralRecorded(incidentId, schoolId, command.user().actor(), command.at(),
                command.agency(), command.decision(), command.rationale(), command.reference(), command.decidedAt()));
    }

    @CommandHandler
    long handle(ApplySanctionCommand command) {
        mayChange(command.user());
        personSignsOff(command.user(), allegationAgainstStaff, "sanction on an allegation against staff");
        SubjectType subjectType = currentSubjectType(command.subjectId());
        if (subjectType == null) {
            throw IncidentRefusal.byRule("SANCTION_SUBJECT_NOT_IN_INCIDENT",
                    "A sanction applies only to a subject of the incident");
        }
        if (command.type().isTimed() && command.endsOn() == null) {
            throw IncidentRefusal.byRule("TIMED_SANCTION_NEEDS_END",
                    "A " + command.type() + " sanction needs an end date");
        }
        if (command.endsOn() != null && !command.endsOn().isAfter(command.startsOn())) {
            throw IncidentRefusal.byRule("SANCTION_ENDS_BEFORE_IT_STARTS", "A sanction's end must be after its start");
        }
        return applied(new SanctionApplied(incidentId, schoolId, command.user().actor(), command.at(),
                command.subjectId(), command.subjectReference(), subjectType, command.type(), command.startsOn(), command.endsOn(),
                command.notes()));
    }

    @CommandHandler
    long handle(AddNoteCommand command) {
        mayChange(command.user());
        return applied(new NoteAdded(incidentId, schoolId, command.user().actor(), command.at(), command.text()));
    }

    @CommandHandler
    long handle(ReclassifyIncidentCommand command) {
        mayChange(command.user());
        // policy: corrections are appended with the reason they were made (R20)
        if (command.reason() == null) {
            throw IncidentRefusal.byRule("RECLASSIFICATION_REASON_REQUIRED", "A reclassification needs a reason");
        }
        if (command.category().code().equals(category.code())) {
            throw IncidentRefusal.byRule("ALREADY_IN_CATEGORY", "The incident is already in this category");
        }
        // else a recording system could lift the police rule and then close the incident unseen
        personSignsOff(command.user(), isIllegal() && command.category().classification() != Classification.ILLEGAL,
                "reclassify an illegal incident out of the illegal categories");
        requireApplicable(command.category(), command.appliesTo(), null);
        return applied(new IncidentReclassified(incidentId, schoolId, command.user().actor(), command.at(), category,
                command.category(), command.reason()));
    }

    /**
     * policy: an inaccuracy in the report is corrected by appending what it should have said and why (R20);
     * the report itself is never rewritten.
     */
    @CommandHandler
    long handle(CorrectIncidentCommand command) {
        mayChange(command.user());
        if (command.reason() == null) {
            throw IncidentRefusal.invalid("CORRECTION_REASON_REQUIRED", "reason", "a correction needs a reason");
        }
        String field = command.field();
        boolean valuePresent = field != null && switch (field) {
            case IncidentCorrected.SUMMARY -> command.summary() != null;
            case IncidentCorrected.OCCURRED_AT -> command.occurredAt() != null;
            case IncidentCorrected.OFF_SITE -> command.offSite() != null;
            default -> throw IncidentRefusal.invalid("NOT_A_CORRECTABLE_FIELD", "field",
                    "must be one of summary, occurredAt, offSite");
        };
        if (!valuePresent) {
            throw IncidentRefusal.invalid("INVALID_CORRECTION_VALUE", "value", "is not a valid " + field);
        }
        notInTheFuture("value", command.occurredAt(), command.at());
        return applied(new IncidentCorrected(incidentId, schoolId, command.user().actor(), command.at(), field,
                command.summary(), command.occurredAt(), command.offSite(), command.reason()));
    }

    /**
     * A person added after the report. The routing fixed at the report is never bypassed: an alleged member
     * of staff (or volunteer) is added only to an incident that is already an allegation against staff; else
     * it is reported as one, so that it goes to the head teacher with the LADO route offered (R12).
     */
    @CommandHandler
    long handle(AddSubjectCommand command) {
        mayChange(command.user());
        Subject subject = command.subject();
        if (subjects.containsKey(subject.subjectId()) && !removed.contains(subject.subjectId())) {
            throw IncidentRefusal.byRule("DUPLICATE_SUBJECT", "This person is already a subject of the incident");
        }
        if (subject.isAllegationAgainstWorkforce() && !allegationAgainstStaff) {
            throw IncidentRefusal.byRule("REPORT_AS_STAFF_ALLEGATION",
                    "An allegation against a member of staff is reported as a new incident, for the head teacher");
        }
        if (subject.isAllegationAgainstWorkforce() && command.headTeacher() && caseManager != Role.CHAIR_OF_GOVERNORS) {
            throw IncidentRefusal.byRule("REPORT_AS_HEAD_TEACHER_ALLEGATION",
                    "An allegation against the head teacher is reported as a new incident, for the chair of governors");
        }
        return applied(new SubjectAdded(incidentId, schoolId, command.user().actor(), command.at(), subject));
    }

    /**
     * policy: a person recorded by mistake stops being a subject; the report keeps that they were recorded
     * (R20). The incident keeps at least one subject. The routing is not changed: an allegation against staff
     * stays one, and removing the alleged member of staff is the head teacher's, as every change to it is.
     */
    @CommandHandler
    long handle(RemoveSubjectCommand command) {
        mayChange(command.user());
        UUID subjectId = command.subjectId();
        if (subjectId == null || !subjects.containsKey(subjectId) || removed.contains(subjectId)) {
            throw IncidentRefusal.byRule("SUBJECT_NOT_IN_INCIDENT", "No subject of the incident has this reference");
        }
        if (subjects.size() - removed.size() <= 1) {
            throw IncidentRefusal.byRule("LAST_SUBJECT", "An incident keeps at least one subject");
        }
        return applied(new SubjectRemoved(incidentId, schoolId, command.user().actor(), command.at(), subjectId,
                subjects.get(subjectId), command.reason()));
    }

    @CommandHandler
    long handle(CloseIncidentCommand command) {
        mayChange(command.user());
        personSignsOff(command.user(), isIllegal(), "close an incident in an illegal category");
        personSignsOff(command.user(), allegationAgainstStaff, "close an allegation against staff");
        List<Requirement> required = new ArrayList<>(category.requirements());
        if (allegationAgainstStaff && command.staffAllegationRequirements() != null) {
            command.staffAllegationRequirements().stream().filter(r -> !required.contains(r)).forEach(required::add);
        }
        List<Requirement> unmet = required.stream().filter(r -> !isMet(r)).toList();
        if (!unmet.isEmpty()) {
            throw IncidentRefusal.byRule(unmet.get(0).rule(),
                    "The incident cannot close until the category's requirements are on record",
                    Map.of("unmetRequirements", unmet.stream().map(Requirement::rule).toList()));
        }
        if (!openActions.isEmpty()) {
            throw IncidentRefusal.byRule("OPEN_ACTIONS", "The incident's actions must be done before it closes",
                    Map.of("openActions", openActions.stream().map(UUID::toString).sorted().toList()));
        }
        return applied(new IncidentClosed(incidentId, schoolId, command.user().actor(), command.at(), command.outcome(),
                command.summary()));
    }

    /** policy: parents and carers are told, or the reason they are not is on record (R17, R13). */
    @CommandHandler
    long handle(RecordParentContactCommand command) {
        mayChange(command.user());
        SubjectType subjectType = currentSubject(command.subjectId());
        notInTheFuture("at", command.contactedAt(), command.at());
        if (command.decision() == ParentContactDecision.NOT_INFORMED && command.rationale() == null) {
            throw IncidentRefusal.invalid("RATIONALE_REQUIRED", "rationale",
                    "a decision not to inform parents or carers needs its rationale");
        }
        return applied(new ParentContactRecorded(incidentId, schoolId, command.user().actor(), command.at(),
                command.subjectId(), command.subjectReference(), subjectType, command.decision(), command.contactedAt(),
                command.method(), command.rationale()));
    }

    /** Support for a person (counselling for a victim): on their file, never a sanction. */
    @CommandHandler
    long handle(ProvideSupportCommand command) {
        mayChange(command.user());
        SubjectType subjectType = currentSubject(command.subjectId());
        return applied(new SupportProvided(incidentId, schoolId, command.user().actor(), command.at(),
                command.subjectId(), command.subjectReference(), subjectType, command.type(), command.startsOn(),
                command.notes()));
    }

    @CommandHandler
    long handle(AssignActionCommand command) {
        mayChange(command.user());
        if (command.dueOn().isBefore(command.today())) {
            throw IncidentRefusal.invalid("DUE_DATE_IN_THE_PAST", "dueOn", "must be today or later");
        }
        return applied(new ActionAssigned(incidentId, schoolId, command.user().actor(), command.at(), command.actionId(),
                command.title(), command.owner(), command.dueOn()));
    }

    @CommandHandler
    long handle(CompleteActionCommand command) {
        mayChange(command.user());
        if (doneActions.contains(command.actionId())) {
            throw IncidentRefusal.byRule("ACTION_ALREADY_DONE", "This action is already done");
        }
        if (!openActions.contains(command.actionId())) {
            throw IncidentRefusal.notFound("ACTION_NOT_FOUND", "The incident has no such action");
        }
        return applied(new ActionCompleted(incidentId, schoolId, command.user().actor(), command.at(), command.actionId(),
                command.note()));
    }

    /**
     * Evidence is appended, never changed (R8). policy: no copy of an indecent image of a child is ever taken,
     * kept or passed on: in those categories a screenshot, a kept message or a file is refused, and only where
     * the material is (its address, the device, who holds it) and what it is are recorded (R9).
     */
    @CommandHandler
    long handle(RecordEvidenceCommand command) {
        mayChange(command.user());
        notInTheFuture("capturedAt", command.capturedAt(), command.at());
        if (COPIES.contains(command.kind()) && command.noCopyCategories().contains(category.code())) {
            throw IncidentRefusal.byRule("NO_COPIES_OF_INDECENT_IMAGES", "No copy of an indecent image of a child is "
                    + "ever taken: record where the material is and describe it, and leave it to the police");
        }
        if (command.kind() == EvidenceKind.URL && command.url() == null) {
            throw IncidentRefusal.invalid("URL_REQUIRED", "url", "evidence of kind URL needs its url");
        }
        return applied(new EvidenceRecorded(incidentId, schoolId, command.user().actor(), command.at(),
                command.evidenceId(), command.kind(), command.description(), command.url(), command.capturedAt(),
                command.heldAt()));
    }

    /** A device taken from a person of the incident, on a legal basis (R11). */
    @CommandHandler
    long handle(SeizeDeviceCommand command) {
        mayChange(command.user());
        if (command.subjectId() == null || currentSubjectType(command.subjectId()) == null) {
            throw IncidentRefusal.byRule("DEVICE_OWNER_NOT_IN_INCIDENT",
                    "A device is seized from a person of the incident: add them to it first");
        }
        notInTheFuture("seizedAt", command.seizedAt(), command.at());
        return applied(new DeviceSeized(incidentId, schoolId, command.user().actor(), command.at(), command.deviceId(),
                command.description(), command.subjectId(), command.subjectReference(),
                currentSubjectType(command.subjectId()), command.legalBasis(), command.seizedAt()));
    }

    @CommandHandler
    long handle(HandOverDeviceCommand command) {
        mayChange(command.user());
        if (devicesHandedOver.contains(command.deviceId())) {
            throw IncidentRefusal.byRule("DEVICE_ALREADY_HANDED_OVER", "This device has already left the school's keeping");
        }
        Instant seizedAt = devicesHeld.get(command.deviceId());
        if (seizedAt == null) {
            throw IncidentRefusal.notFound("DEVICE_NOT_FOUND", "The incident has no such device");
        }
        notInTheFuture("at", command.handedOverAt(), command.at());
        if (command.handedOverAt().isBefore(seizedAt)) {
            throw IncidentRefusal.invalid("HANDED_OVER_BEFORE_SEIZED", "at", "must not be before the device was seized");
        }
        return applied(new DeviceHandedOver(incidentId, schoolId, command.user().actor(), command.at(),
                command.deviceId(), command.to(), command.handedOverAt()));
    }

    @CommandHandler
    long handle(ReopenIncidentCommand command) {
        mayAct(command.user());
        personSignsOff(command.user(), allegationAgainstStaff, "reopen an allegation against staff");
        if (!closed) {
            throw IncidentRefusal.byRule("INCIDENT_NOT_CLOSED", "Only a closed incident can be reopened");
        }
        return applied(new IncidentReopened(incidentId, schoolId, command.user().actor(), command.at(), command.reason()));
    }

    /**
     * Erasure of one person (UK GDPR article 17), by the trust's data protection officer: idempotent,
     * refused while the incident is under legal hold.
     */
    @CommandHandler
    long handle(EraseSubjectCommand command) {
        mayManageData(command.user());
        if (disposed || !subjects.containsKey(command.subjectId()) || erased.contains(command.subjectId())) {
            return AggregateLifecycle.getVersion(); // already erased, or everything already disposed of
        }
        notUnderLegalHold();
        return applied(new SubjectErased(incidentId, schoolId, command.user().actor(), command.at(), command.subjectId(),
                command.reason()));
    }

    /** Disposal at the end of retention: a closed incident only, never under legal hold; idempotent. */
    @CommandHandler
    long handle(DisposeIncidentCommand command) {
        mayManageData(command.user());
        if (disposed) {
            return AggregateLifecycle.getVersion();
        }
        notUnderLegalHold();
        if (!closed) {
            throw IncidentRefusal.byRule("INCIDENT_NOT_CLOSED",
                    "An open incident is still being worked on: close it before disposal");
        }
        return applied(new IncidentDisposed(incidentId, schoolId, command.user().actor(), command.at(),
                command.retentionRule(), command.reason()));
    }

    @CommandHandler
    long handle(PlaceLegalHoldCommand command) {
        mayManageData(command.user());
        notDisposed();
        if (legalHold) {
            return AggregateLifecycle.getVersion();
        }
        return applied(new LegalHoldPlaced(incidentId, schoolId, command.user().actor(), command.at(), command.reason()));
    }

    @CommandHandler
    long handle(ReleaseLegalHoldCommand command) {
        mayManageData(command.user());
        notDisposed();
        if (!legalHold) {
            throw IncidentRefusal.byRule("NO_LEGAL_HOLD", "The incident is not under legal hold");
        }
        return applied(new LegalHoldReleased(incidentId, schoolId, command.user().actor(), command.at(), command.reason()));
    }

    /** Evidence that would be a copy of the material itself: a screenshot, a kept message, a file. */
    private static final Set<EvidenceKind> COPIES = EnumSet.of(EvidenceKind.SCREENSHOT, EvidenceKind.MESSAGE,
            EvidenceKind.DOCUMENT);

    /** The type of a current subject (not removed, not erased), or null. */
    private SubjectType currentSubjectType(UUID subjectId) {
        return subjectId == null || erased.contains(subjectId) || removed.contains(subjectId) ? null
                : subjects.get(subjectId);
    }

    private SubjectType currentSubject(UUID subjectId) {
        SubjectType type = currentSubjectType(subjectId);
        if (type == null) {
            throw IncidentRefusal.byRule("SUBJECT_NOT_IN_INCIDENT", "No subject of the incident has this reference");
        }
        return type;
    }

    private boolean isMet(Requirement requirement) {
        return switch (requirement) {
            case POLICE_REFERRAL -> policeReferred;
            case POLICE_DECISION -> policeReferred || decided.contains(Agency.POLICE);
            case HEAD_TEACHER_INFORMED -> headTeacherInformed;
            case LA_SAFEGUARDING_DECISION -> decided.contains(Agency.LA_SAFEGUARDING);
            case LADO_DECISION -> decided.contains(Agency.LADO);
            case IWF_REPORT -> referredTo.contains(Agency.IWF);
            case PREVENT_DECISION -> decided.contains(Agency.PREVENT);
            case CHILDRENS_SERVICES_DECISION -> decided.contains(Agency.CHILDRENS_SERVICES);
            case DSL_INVOLVEMENT -> dslInvolved;
        };
    }

    /**
     * The user's school must be the incident's; allegations against staff are for the head teacher only (R12), one
     * against the head teacher for the chair of governors only (KCSIE part 4), who acts on nothing else; the
     * school's recording system adds to either.
     */
    private void mayAct(ActingUser user) {
        notDisposed();
        ofTheSchool(user, schoolId, "You may act on incidents of your own school only");
        Role role = user.actor().role();
        if (caseManager == Role.CHAIR_OF_GOVERNORS) {
            if (role != Role.CHAIR_OF_GOVERNORS && role != Role.INTEGRATION) {
                throw IncidentRefusal.notAllowed("HEAD_TEACHER_ALLEGATION_CHAIR_ONLY",
                        "Only the chair of governors may act on an allegation against the head teacher");
            }
        } else if (role == Role.CHAIR_OF_GOVERNORS) {
            throw IncidentRefusal.notAllowed("CHAIR_ACTS_ON_HEAD_TEACHER_ALLEGATIONS_ONLY",
                    "The chair of governors acts only on an allegation against the head teacher");
        } else if (allegationAgainstStaff && !user.actsOnStaffAllegations()) {
            throw IncidentRefusal.notAllowed("STAFF_ALLEGATION_HEAD_TEACHER_ONLY",
                    "Only the head teacher may act on an allegation against a member of staff");
        }
    }

    /**
     * policy: a recording system reports an incident and adds to it (notes, referrals, escalations), but a
     * person signs off what decides it: closing an illegal incident (or taking it out of the illegal
     * categories), and closing, reopening or sanctioning on an allegation against staff, which the
     * system may not even read (R2, R12).
     */
    private static void personSignsOff(ActingUser user, boolean needed, String what) {
        if (needed && !user.signsOff()) {
            throw IncidentRefusal.notAllowed("PERSON_MUST_SIGN_OFF",
                    "A person must " + what + ", not a recording system");
        }
    }

    private boolean isIllegal() {
        return category.classification() == Classification.ILLEGAL;
    }

    /** Erasure, disposal and legal holds: the data protection officer of the incident's school or trust. */
    private void mayManageData(ActingUser user) {
        if (!user.managesData()) {
            throw IncidentRefusal.notAllowed("ROLE_NOT_ALLOWED", "Only the data protection officer may do this");
        }
        ofTheSchool(user, schoolId, "You may act on incidents of your own school or trust only");
    }

    /** The one school check: the incident's school must be one of the acting user's (their school, or their trust's). */
    private static void ofTheSchool(ActingUser user, String incidentSchoolId, String detail) {
        if (!user.actsFor(incidentSchoolId)) {
            throw IncidentRefusal.notAllowed("SCHOOL_NOT_ALLOWED", detail);
        }
    }

    private void notUnderLegalHold() {
        if (legalHold) {
            throw IncidentRefusal.byRule("LEGAL_HOLD", "The incident is under legal hold: release the hold first");
        }
    }

    /** A disposed incident is a skeleton: it takes no further change. */
    private void notDisposed() {
        if (disposed) {
            throw IncidentRefusal.byRule("INCIDENT_DISPOSED",
                    "The incident was disposed of at the end of its retention");
        }
    }

    /** A closed incident refuses every change but reopening. */
    private void mayChange(ActingUser user) {
        mayAct(user);
        if (closed) {
            throw IncidentRefusal.byRule("INCIDENT_CLOSED", "The incident is closed: reopen it first");
        }
    }

    private void requireApplicable(CategoryRef candidate, Set<SubjectType> appliesTo, List<Subject> reported) {
        Set<SubjectType> types = reported == null ? EnumSet.copyOf(subjects.entrySet().stream()
                .filter(s -> !removed.contains(s.getKey())).map(Map.Entry::getValue).toList())
                : EnumSet.copyOf(reported.stream().map(Subject::type).toList());
        if (types.stream().noneMatch(appliesTo::contains)) {
            throw IncidentRefusal.byRule("CATEGORY_NOT_APPLICABLE",
                    "Category " + candidate.code() + " applies to none of the incident's subject types");
        }
    }

    private static void notInTheFuture(String field, Instant when, Instant now) {
        if (when != null && when.isAfter(now.plus(CLOCK_SKEW))) {
            throw IncidentRefusal.invalid("IN_THE_FUTURE", field, "must not be in the future");
        }
    }

    private static long applied(IncidentEvent event) {
        AggregateLifecycle.apply(event);
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(IncidentReported event) {
        incidentId = event.incidentId();
        schoolId = event.schoolId();
        category = event.category();
        subjects = new HashMap<>();
        event.subjects().forEach(s -> subjects.put(s.subjectId(), s.type()));
        erased = new HashSet<>();
        removed = new HashSet<>();
        allegationAgainstStaff = event.allegationAgainstStaff();
        // reports recorded before the chair's route: an allegation against staff is the head teacher's
        caseManager = event.caseManager() != null ? event.caseManager()
                : event.allegationAgainstStaff() ? Role.HEAD_TEACHER : null;
        referredTo = EnumSet.noneOf(Agency.class);
        decided = EnumSet.noneOf(Agency.class);
        openActions = new HashSet<>();
        doneActions = new HashSet<>();
        devicesHeld = new HashMap<>();
        devicesHandedOver = new HashSet<>();
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(IncidentEscalated event) {
        dslInvolved = true; // to the DSL, or to the head teacher (or chair), whose involvement counts where the DSL's would
        headTeacherInformed |= event.to() == EscalationTarget.HEAD_TEACHER
                || event.to() == EscalationTarget.CHAIR_OF_GOVERNORS;
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(ParentContactRecorded event) {
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(SupportProvided event) {
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(ActionAssigned event) {
        openActions.add(event.actionId());
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(ActionCompleted event) {
        openActions.remove(event.actionId());
        doneActions.add(event.actionId());
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(EvidenceRecorded event) {
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(DeviceSeized event) {
        devicesHeld.put(event.deviceId(), event.seizedAt());
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(DeviceHandedOver event) {
        devicesHeld.remove(event.deviceId());
        devicesHandedOver.add(event.deviceId());
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(PoliceReferralMade event) {
        policeReferred = true;
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(ExternalReferralRecorded event) {
        decided.add(event.agency());
        if (event.decision() == ReferralDecision.REFERRED) {
            referredTo.add(event.agency());
        }
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(IncidentReclassified event) {
        category = event.to();
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(IncidentClosed event) {
        closed = true;
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(IncidentReopened event) {
        closed = false;
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(SanctionApplied event) {
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(SubjectAdded event) {
        subjects.put(event.subject().subjectId(), event.subject().type());
        removed.remove(event.subject().subjectId());
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(SubjectRemoved event) {
        removed.add(event.subjectId());
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(IncidentCorrected event) {
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(NoteAdded event) {
        noteInvolvement(event);
    }

    @EventSourcingHandler
    void on(SubjectErased event) {
        erased.add(event.subjectId());
    }

    @EventSourcingHandler
    void on(IncidentDisposed event) {
        disposed = true;
    }

    @EventSourcingHandler
    void on(LegalHoldPlaced event) {
        legalHold = true;
    }

    @EventSourcingHandler
    void on(LegalHoldReleased event) {
        legalHold = false;
    }

    /**
     * policy: a DSL who acts on the incident is involved in it, as is one it was escalated to (R4, R5); the head
     * teacher's involvement counts where the DSL's would (in an allegation against staff the DSL may not act), and
     * the head teacher acting on it has been told of it (R6); where the head teacher is the one alleged, the chair of
     * governors stands in for them.
     */
    private void noteInvolvement(IncidentEvent event) {
        Role role = event.actor().role();
        dslInvolved |= role == Role.DSL || role == Role.HEAD_TEACHER || role == Role.CHAIR_OF_GOVERNORS;
        headTeacherInformed |= role == Role.HEAD_TEACHER || role == Role.CHAIR_OF_GOVERNORS;
    }
}
