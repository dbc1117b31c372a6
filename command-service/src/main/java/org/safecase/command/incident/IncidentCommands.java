package org.safecase.command.incident;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.safecase.events.Agency;
import org.safecase.events.CategoryRef;
import org.safecase.events.ContactMethod;
import org.safecase.events.DeviceLegalBasis;
import org.safecase.events.DeviceRecipient;
import org.safecase.events.EvidenceKind;
import org.safecase.events.ParentContactDecision;
import org.safecase.events.Requirement;
import org.safecase.events.SupportType;
import org.safecase.events.EscalationTarget;
import org.safecase.events.Outcome;
import org.safecase.events.ReferralDecision;
import org.safecase.events.SanctionType;
import org.safecase.events.Sealed;
import org.safecase.events.Source;
import org.safecase.events.Subject;
import org.safecase.events.SubjectType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The commands on an incident. Each carries the acting user and the time it was received, so that the
 * aggregate needs no clock nor directory; a category comes as recorded in the catalogue version in force,
 * with the subject types it applies to; {@code expectedVersion} is the client's {@code If-Match}, or null.
 * Personal fields arrive sealed: the aggregate never holds personal data in clear.
 */
final class IncidentCommands {

    private IncidentCommands() {
    }

    /** {@code headTeacherAlleged}: the school's head teacher is one of the subjects alleged (KCSIE part 4). */
    record ReportIncidentCommand(@TargetAggregateIdentifier UUID incidentId, String schoolId, CategoryRef category,
                                 Set<SubjectType> appliesTo, Instant occurredAt, Sealed summary, List<Subject> subjects,
                                 boolean offSite, Source source, boolean headTeacherAlleged, ActingUser user,
                                 Instant at) {
    }

    record EscalateIncidentCommand(@TargetAggregateIdentifier UUID incidentId, @TargetAggregateVersion Long expectedVersion,
                                   EscalationTarget to, Sealed reason, ActingUser user, Instant at) {
    }

    record RecordPoliceReferralCommand(@TargetAggregateIdentifier UUID incidentId,
                                       @TargetAggregateVersion Long expectedVersion, String force,
                                       Sealed crimeReference, Instant referredAt, Sealed notes,
                                       ActingUser user, Instant at) {
    }

    record RecordExternalReferralCommand(@TargetAggregateIdentifier UUID incidentId,
                                         @TargetAggregateVersion Long expectedVersion, Agency agency,
                                         ReferralDecision decision, Sealed rationale, Sealed reference,
                                         Instant decidedAt, ActingUser user, Instant at) {
    }

    record ApplySanctionCommand(@TargetAggregateIdentifier UUID incidentId, @TargetAggregateVersion Long expectedVersion,
                                UUID subjectId, Sealed subjectReference, SanctionType type, LocalDate startsOn,
                                LocalDate endsOn, Sealed notes, ActingUser user, Instant at) {
    }

    record AddNoteCommand(@TargetAggregateIdentifier UUID incidentId, @TargetAggregateVersion Long expectedVersion,
                          Sealed text, ActingUser user, Instant at) {
    }

    record ReclassifyIncidentCommand(@TargetAggregateIdentifier UUID incidentId,
                                     @TargetAggregateVersion Long expectedVersion, CategoryRef category,
                                     Set<SubjectType> appliesTo, Sealed reason, ActingUser user, Instant at) {
    }

    /** One field of the report corrected: exactly one of summary, occurredAt and offSite, as {@code field} names. */
    record CorrectIncidentCommand(@TargetAggregateIdentifier UUID incidentId,
                                  @TargetAggregateVersion Long expectedVersion, String field, Sealed summary,
                                  Instant occurredAt, Boolean offSite, Sealed reason, ActingUser user, Instant at) {
    }

    /** A person recorded by mistake; {@code subjectId} is null when the school's reference names no one it knows. */
    record RemoveSubjectCommand(@TargetAggregateIdentifier UUID incidentId, @TargetAggregateVersion Long expectedVersion,
                                UUID subjectId, Sealed reason, ActingUser user, Instant at) {
    }

    record AddSubjectCommand(@TargetAggregateIdentifier UUID incidentId, @TargetAggregateVersion Long expectedVersion,
                             Subject subject, boolean headTeacher, ActingUser user, Instant at) {
    }

    /**
     * {@code staffAllegationRequirements}: what the catalogue in force asks of an allegation against staff before
     * it closes (the LADO's decision), beside what its category asks.
     */
    record CloseIncidentCommand(@TargetAggregateIdentifier UUID incidentId, @TargetAggregateVersion Long expectedVersion,
                                Outcome outcome, Sealed summary, List<Requirement> staffAllegationRequirements,
                                ActingUser user, Instant at) {
    }

    /** {@code subjectId} is null when the school's reference names no one it knows; so for every subject's command. */
    record RecordParentContactCommand(@TargetAggregateIdentifier UUID incidentId,
                                      @TargetAggregateVersion Long expectedVersion, UUID subjectId,
                                      Sealed subjectReference, ParentContactDecision decision, Instant contactedAt,
                                      ContactMethod method, Sealed rationale, ActingUser user, Instant at) {
    }

    record ProvideSupportCommand(@TargetAggregateIdentifier UUID incidentId, @TargetAggregateVersion Long expectedVersion,
                                 UUID subjectId, Sealed subjectReference, SupportType type, LocalDate startsOn,
                                 Sealed notes, ActingUser user, Instant at) {
    }

    record AssignActionCommand(@TargetAggregateIdentifier UUID incidentId, @TargetAggregateVersion Long expectedVersion,
                               UUID actionId, Sealed title, String owner, LocalDate dueOn, LocalDate today,
                               ActingUser user, Instant at) {
    }

    record CompleteActionCommand(@TargetAggregateIdentifier UUID incidentId,
                                 @TargetAggregateVersion Long expectedVersion, UUID actionId, Sealed note,
                                 ActingUser user, Instant at) {
    }

    /** {@code noCopyCategories}: the catalogue's categories in which no copy of the material is ever taken (R9). */
    record RecordEvidenceCommand(@TargetAggregateIdentifier UUID incidentId, @TargetAggregateVersion Long expectedVersion,
                                 UUID evidenceId, EvidenceKind kind, Sealed description, Sealed url,
                                 Instant capturedAt, Sealed heldAt, Set<String> noCopyCategories, ActingUser user,
                                 Instant at) {
    }

    record SeizeDeviceCommand(@TargetAggregateIdentifier UUID incidentId, @TargetAggregateVersion Long expectedVersion,
                              UUID deviceId, Sealed description, UUID subjectId, Sealed subjectReference,
                              DeviceLegalBasis legalBasis, Instant seizedAt, ActingUser user, Instant at) {
    }

    record HandOverDeviceCommand(@TargetAggregateIdentifier UUID incidentId,
                                 @TargetAggregateVersion Long expectedVersion, UUID deviceId, DeviceRecipient to,
                                 Instant handedOverAt, ActingUser user, Instant at) {
    }

    record ReopenIncidentCommand(@TargetAggregateIdentifier UUID incidentId, @TargetAggregateVersion Long expectedVersion,
                                 Sealed reason, ActingUser user, Instant at) {
    }

    record EraseSubjectCommand(@TargetAggregateIdentifier UUID incidentId, UUID subjectId, String reason,
                               ActingUser user, Instant at) {
    }

    record DisposeIncidentCommand(@TargetAggregateIdentifier UUID incidentId, String retentionRule, String reason,
                                  ActingUser user, Instant at) {
    }

    record PlaceLegalHoldCommand(@TargetAggregateIdentifier UUID incidentId, String reason, ActingUser user,
                                 Instant at) {
    }

    record ReleaseLegalHoldCommand(@TargetAggregateIdentifier UUID incidentId, String reason, ActingUser user,
                                   Instant at) {
    }
}
