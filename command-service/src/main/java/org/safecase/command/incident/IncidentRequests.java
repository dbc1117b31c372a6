package org.safecase.command.incident;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Pattern;
import org.safecase.events.Agency;
import org.safecase.events.ContactMethod;
import org.safecase.events.DeviceLegalBasis;
import org.safecase.events.DeviceRecipient;
import org.safecase.events.EvidenceKind;
import org.safecase.events.ParentContactDecision;
import org.safecase.events.SupportType;
import org.safecase.events.EscalationTarget;
import org.safecase.events.Involvement;
import org.safecase.events.Outcome;
import org.safecase.events.ReferralDecision;
import org.safecase.events.SanctionType;
import org.safecase.events.SubjectType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The JSON bodies of the command API, as the contract names them. */
final class IncidentRequests {

    static final int TEXT = 10_000;
    static final int SHORT = 256;
    /** A user id as identity providers issue them: letters, digits and {@code . _ @ -}. */
    static final String USER_ID = "[A-Za-z0-9._@-]+";

    private IncidentRequests() {
    }

    record ReportIncident(@NotBlank @Size(max = 64) String schoolId,
                          @NotBlank @Size(max = 64) String category,
                          @NotNull Instant occurredAt,
                          @NotBlank @Size(max = TEXT) String summary,
                          @NotEmpty @Size(max = 100) List<@NotNull @Valid SubjectEntry> subjects,
                          Boolean offSite,
                          @Valid SourceEntry source) {
    }

    /** {@code headTeacher}: this person is the school's head teacher (a member of staff), so that an allegation goes to the chair. */
    record SubjectEntry(@NotNull SubjectType type,
                        @NotBlank @Size(max = 128) String reference,
                        Involvement involvement,
                        @Size(max = 16) String yearGroup,
                        @PastOrPresent LocalDate dateOfBirth,
                        Boolean headTeacher) {

        boolean isHeadTeacher() {
            return Boolean.TRUE.equals(headTeacher);
        }

        boolean isHeadTeacherAlleged() {
            return isHeadTeacher() && (involvement == null || involvement == Involvement.ALLEGED);
        }
    }

    record SourceEntry(@NotBlank @Size(max = 64) String system, @NotBlank @Size(max = SHORT) String reference) {
    }

    record Escalate(@NotNull EscalationTarget to, @NotBlank @Size(max = TEXT) String reason) {
    }

    record PoliceReferral(@NotBlank @Size(max = SHORT) String force,
                          @Size(max = SHORT) String crimeReference,
                          @NotNull Instant referredAt,
                          @Size(max = TEXT) String notes) {
    }

    record ExternalReferral(@NotNull Agency agency,
                            @NotNull ReferralDecision decision,
                            @NotBlank @Size(max = TEXT) String rationale,
                            @Size(max = SHORT) String reference,
                            @NotNull Instant decidedAt) {
    }

    record Sanction(@NotBlank @Size(max = 128) String subjectReference,
                    @NotNull SanctionType type,
                    @NotNull LocalDate startsOn,
                    LocalDate endsOn,
                    @Size(max = TEXT) String notes) {
    }

    record Note(@NotBlank @Size(max = TEXT) String text) {
    }

    record Reclassify(@NotBlank @Size(max = 64) String category, @NotBlank @Size(max = TEXT) String reason) {
    }

    /**
     * A correction: {@code value} is the field's new value, text for {@code summary}, an instant for
     * {@code occurredAt}, {@code true} or {@code false} for {@code offSite}; the service checks it by field.
     */
    record Correction(@NotBlank @Size(max = 32) String field,
                      @NotNull @Size(max = TEXT) String value,
                      @NotBlank @Size(max = TEXT) String reason) {
    }

    record Removal(@NotBlank @Size(max = TEXT) String reason) {
    }

    record Close(@NotNull Outcome outcome, @NotBlank @Size(max = TEXT) String summary) {
    }

    record Reopen(@NotBlank @Size(max = TEXT) String reason) {
    }

    /** {@code rationale} is required when the decision is not to inform them; the aggregate says so. */
    record ParentContact(@NotBlank @Size(max = 128) String subjectReference,
                         @NotNull ParentContactDecision decision,
                         @NotNull Instant at,
                         ContactMethod method,
                         @Size(max = TEXT) String rationale) {
    }

    record Support(@NotBlank @Size(max = 128) String subjectReference,
                   @NotNull SupportType type,
                   @NotNull LocalDate startsOn,
                   @Size(max = TEXT) String notes) {
    }

    /** {@code owner} is the user id of whoever must do it, as the identity provider names them. */
    record Action(@NotBlank @Size(max = SHORT) String title,
                  @NotBlank @Size(max = 128) @Pattern(regexp = USER_ID, message = "must be a user id") String owner,
                  @NotNull LocalDate dueOn) {
    }

    record Completion(@Size(max = TEXT) String note) {
    }

    record Evidence(@NotNull EvidenceKind kind,
                    @NotBlank @Size(max = TEXT) String description,
                    @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http or https address") String url,
                    Instant capturedAt,
                    @Size(max = SHORT) String heldAt) {
    }

    record Device(@NotBlank @Size(max = SHORT) String description,
                  @NotBlank @Size(max = 128) String ownerReference,
                  @NotNull DeviceLegalBasis legalBasis,
                  @NotNull Instant seizedAt) {
    }

    record Handover(@NotNull DeviceRecipient to, @NotNull Instant at) {
    }
}
