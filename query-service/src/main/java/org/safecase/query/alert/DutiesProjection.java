package org.safecase.query.alert;

import org.safecase.events.ActionAssigned;
import org.safecase.events.ActionCompleted;
import org.safecase.events.CategoryRef;
import org.safecase.events.Classification;
import org.safecase.events.EscalationTarget;
import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentDisposed;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReopened;
import org.safecase.events.IncidentReported;
import org.safecase.events.ParentContactRecorded;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ReferralDecision;
import org.safecase.events.Requirement;
import org.safecase.events.Role;
import org.safecase.events.SubjectAdded;
import org.safecase.events.SubjectType;
import org.safecase.platform.privacy.FieldOpener;
import org.safecase.query.projection.DecodedEvent;
import org.safecase.query.projection.IncidentProjection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What each incident owes and by when (R18): a duty arises with the event that calls for it, falls due by its
 * clock ({@link Clocks}) and is met by the event that does it. Escalation: an illegal or safeguarding incident, or
 * an allegation against staff, until a designated lead has it (the DSL or head teacher, for an allegation against
 * staff the head teacher); each referral or decision the category requires; the LADO's decision on an allegation
 * against staff; telling the parents of a pupil; each action, by the end of its day.
 */
@Component
@Order(60)
class DutiesProjection implements IncidentProjection {

    static final String ESCALATION = "ESCALATION";
    static final String LADO_DECISION = Requirement.LADO_DECISION.name();
    static final String PARENT_CONTACT = "PARENT_CONTACT";
    static final String ACTION = "ACTION";

    /** The duties a category's requirements bring, by the requirement's name; DSL involvement is the escalation. */
    private static final List<String> CATEGORY_DUTIES = Arrays.stream(Requirement.values())
            .filter(r -> r != Requirement.DSL_INVOLVEMENT && r != Requirement.LADO_DECISION).map(Requirement::name).toList();

    private final DutyRepository duties;
    private final Clocks clocks;
    private final WorkingDays workingDays;
    private final FieldOpener fields;

    DutiesProjection(DutyRepository duties, Clocks clocks, WorkingDays workingDays, FieldOpener fields) {
        this.duties = duties;
        this.clocks = clocks;
        this.workingDays = workingDays;
        this.fields = fields;
    }

    /** A poll's events, the facts of its incidents read in one statement first. */
    @Override
    public void applyAll(List<DecodedEvent> events) {
        duties.recall(events.stream().map(DecodedEvent::incidentId).toList());
        IncidentProjection.super.applyAll(events);
    }

    @Override
    public void apply(IncidentEventEnvelope envelope, IncidentEvent event) {
        UUID id = event.incidentId();
        Instant at = event.recordedAt();
        if (event instanceof IncidentReported reported) {
            duties.incident(id, reported.schoolId(), reported.category().code(), reported.allegationAgainstStaff());
            if (needsEscalation(reported.category(), reported.allegationAgainstStaff())) {
                owe(id, ESCALATION, at);
            }
            oweCategoryDuties(id, reported.category(), at);
            if (reported.allegationAgainstStaff()) {
                owe(id, LADO_DECISION, at);
            }
            if (reported.subjects().stream().anyMatch(s -> s.type() == SubjectType.PUPIL)) {
                owe(id, PARENT_CONTACT, at);
            }
        }
        DutyRepository.IncidentFacts facts = duties.facts(id).orElse(null);
        if (facts == null) {
            return; // an incident disposed of: it owes nothing
        }
        if (event instanceof IncidentEscalated escalated) {
            duties.meet(id, ESCALATION, at);
            if (escalated.to() == EscalationTarget.HEAD_TEACHER || escalated.to() == EscalationTarget.CHAIR_OF_GOVERNORS) {
                duties.meet(id, Requirement.HEAD_TEACHER_INFORMED.name(), at);
            }
        } else if (event instanceof PoliceReferralMade) {
            duties.meet(id, Requirement.POLICE_REFERRAL.name(), at);
            duties.meet(id, Requirement.POLICE_DECISION.name(), at);
        } else if (event instanceof ExternalReferralRecorded referral && referral.agency() != null) {
            decided(id, referral, at);
        } else if (event instanceof ParentContactRecorded) {
            duties.meet(id, PARENT_CONTACT, at);
        } else if (event instanceof SubjectAdded added && added.subject() != null
                && added.subject().type() == SubjectType.PUPIL) {
            owe(id, PARENT_CONTACT, at);
        } else if (event instanceof ActionAssigned action) {
            duties.assign(id, action.actionId(), fields.open(id, "title", action.title()), action.owner(),
                    action.dueOn(), at, action.actor().userId());
            duties.owe(id, ACTION + ":" + action.actionId(), ACTION, at, workingDays.endOf(action.dueOn()));
        } else if (event instanceof ActionCompleted done) {
            duties.complete(id, done.actionId(), at, fields.open(id, "note", done.note()));
            duties.meet(id, ACTION + ":" + done.actionId(), at);
        } else if (event instanceof IncidentReclassified reclassified && reclassified.to() != null) {
            duties.reclassified(id, reclassified.to().code());
            List<String> now = reclassified.to().requirements().stream().map(Requirement::name).toList();
            duties.dropUnmetExcept(id, CATEGORY_DUTIES, now);
            oweCategoryDuties(id, reclassified.to(), at);
            if (needsEscalation(reclassified.to(), facts.allegationAgainstStaff())) {
                owe(id, ESCALATION, at);
            }
        } else if (event instanceof IncidentClosed) {
            duties.open(id, false);
        } else if (event instanceof IncidentReopened) {
            duties.open(id, true);
        } else if (event instanceof IncidentDisposed) {
            duties.forget(id);
            return;
        }
        actorMeets(id, event.actor().role(), facts.allegationAgainstStaff(), at);
    }

    /**
     * A lead acting on the incident has it; the head teacher acting on it has been told of it; the chair of governors
     * stands in for the head teacher in an allegation against them (the only incidents they act on).
     */
    private void actorMeets(UUID id, Role role, boolean againstStaff, Instant at) {
        boolean headOrChair = role == Role.HEAD_TEACHER || role == Role.CHAIR_OF_GOVERNORS;
        if (headOrChair || (role == Role.DSL && !againstStaff)) {
            duties.meet(id, ESCALATION, at);
        }
        if (headOrChair) {
            duties.meet(id, Requirement.HEAD_TEACHER_INFORMED.name(), at);
        }
    }

    private void decided(UUID id, ExternalReferralRecorded referral, Instant at) {
        String duty = switch (referral.agency()) {
            case POLICE -> Requirement.POLICE_DECISION.name();
            case LADO -> LADO_DECISION;
            case LA_SAFEGUARDING -> Requirement.LA_SAFEGUARDING_DECISION.name();
            case PREVENT -> Requirement.PREVENT_DECISION.name();
            case CHILDRENS_SERVICES -> Requirement.CHILDRENS_SERVICES_DECISION.name();
            // policy: the IWF is reported to, not decided on (R3)
            case IWF -> referral.decision() == ReferralDecision.REFERRED ? Requirement.IWF_REPORT.name() : null;
            case CEOP, OTHER -> null;
        };
        if (duty != null) {
            duties.meet(id, duty, at);
        }
    }

    private void oweCategoryDuties(UUID id, CategoryRef category, Instant at) {
        category.requirements().stream().map(Requirement::name).filter(CATEGORY_DUTIES::contains)
                .forEach(duty -> owe(id, duty, at));
    }

    private void owe(UUID id, String due, Instant since) {
        clocks.dueAt(due, since).ifPresent(dueAt -> duties.owe(id, due, due, since, dueAt));
    }

    private static boolean needsEscalation(CategoryRef category, boolean againstStaff) {
        return againstStaff || category.classification() == Classification.ILLEGAL
                || category.classification() == Classification.SAFEGUARDING;
    }
}
