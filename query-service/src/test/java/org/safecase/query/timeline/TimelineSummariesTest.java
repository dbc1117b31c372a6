package org.safecase.query.timeline;

import org.junit.jupiter.api.Test;
import org.safecase.events.ActionAssigned;
import org.safecase.events.Actor;
import org.safecase.events.ContactMethod;
import org.safecase.events.DeviceHandedOver;
import org.safecase.events.DeviceLegalBasis;
import org.safecase.events.DeviceRecipient;
import org.safecase.events.DeviceSeized;
import org.safecase.events.EvidenceKind;
import org.safecase.events.EvidenceRecorded;
import org.safecase.events.ParentContactDecision;
import org.safecase.events.ParentContactRecorded;
import org.safecase.events.SupportProvided;
import org.safecase.events.SupportType;
import org.safecase.events.Agency;
import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentCorrected;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentReported;
import org.safecase.events.NoteAdded;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ReferralDecision;
import org.safecase.events.Role;
import org.safecase.events.SanctionApplied;
import org.safecase.events.SanctionType;
import org.safecase.events.Sealed;
import org.safecase.events.Subject;
import org.safecase.events.SubjectAdded;
import org.safecase.events.SubjectRemoved;
import org.safecase.events.SubjectType;
import org.safecase.platform.privacy.FieldOpener;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;

class TimelineSummariesTest {

    private static final UUID ID = UUID.randomUUID();
    private static final UUID SUBJECT = UUID.randomUUID();
    private static final Actor DSL = new Actor("dsl.a", Role.DSL);
    private static final Instant AT = Instant.parse("2026-11-20T10:15:00Z");

    /** Opens the legacy clear form only; a ciphertext stands for a field whose key was destroyed. */
    private static final FieldOpener FIELDS = new FieldOpener() {
        @Override
        public String open(UUID incidentId, String field, Sealed sealed) {
            return sealed == null ? null : sealed.isLegacyClear() ? sealed.clear() : Sealed.ERASED;
        }

        @Override
        public String openFor(UUID incidentId, UUID subjectId, String field, Sealed sealed) {
            return open(incidentId, field, sealed);
        }
    };

    private static Sealed text(String text) {
        return Sealed.legacyClear(text);
    }

    private static final Sealed ERASED = Sealed.ciphertext("AAAA");

    @Test
    void givenEventsWithoutPersonalFieldsThenTheirSummariesStillReadAndTheDetailIsEmpty() {
        var reported = TimelineSummaries.of(new IncidentReported(ID, "SCH-A", DSL, AT, CYBERBULLYING, AT, null,
                List.of(new Subject(SUBJECT, SubjectType.PUPIL, null, null, null, null)), false, null, false, List.of(), null),
                FIELDS);
        var sanction = TimelineSummaries.of(new SanctionApplied(ID, "SCH-A", DSL, AT, SUBJECT, null, SubjectType.STAFF,
                SanctionType.WARNING, LocalDate.parse("2026-11-20"), null, null), FIELDS);
        var note = TimelineSummaries.of(new NoteAdded(ID, "SCH-A", DSL, AT, null), FIELDS);

        assertThat(reported.summary()).isEqualTo("Reported as Cyber-bullying (INAPPROPRIATE), 1 subject, on site");
        assertThat(reported.detail()).isNull();
        assertThat(sanction.summary()).isEqualTo("Sanction WARNING for a member of staff from 2026-11-20");
        assertThat(sanction.subjectReference()).isNull();
        assertThat(sanction.subjectId()).isEqualTo(SUBJECT);
        assertThat(note.summary()).isEqualTo("Note added");
        assertThat(note.detail()).isNull();
    }

    @Test
    void givenCorrectionsThenTheSummaryNamesTheFieldAndOnlyTheNewTextAndTheReasonAreInTheDetail() {
        var summary = TimelineSummaries.of(new IncidentCorrected(ID, "SCH-A", DSL, AT, IncidentCorrected.SUMMARY,
                text("what really happened"), null, null, text("typo")), FIELDS);
        var occurredAt = TimelineSummaries.of(new IncidentCorrected(ID, "SCH-A", DSL, AT, IncidentCorrected.OCCURRED_AT,
                null, AT.minusSeconds(3600), null, text("the CCTV clock")), FIELDS);
        var offSite = TimelineSummaries.of(new IncidentCorrected(ID, "SCH-A", DSL, AT, IncidentCorrected.OFF_SITE,
                null, null, true, ERASED), FIELDS);

        assertThat(summary.summary()).isEqualTo("Summary corrected");
        assertThat(summary.detail()).isEqualTo("what really happened\nReason: typo");
        assertThat(occurredAt.summary()).isEqualTo("Time of the incident corrected to 2026-11-20T09:15:00Z");
        assertThat(occurredAt.detail()).isEqualTo("Reason: the CCTV clock");
        assertThat(offSite.summary()).isEqualTo("Corrected to off site");
        assertThat(offSite.detail()).isEqualTo(Sealed.ERASED);
    }

    @Test
    void givenAPersonAddedThenTheSummaryNamesTheirRoleAndPartAndTheirReferenceIsItsOwnField() {
        var added = TimelineSummaries.of(new SubjectAdded(ID, "SCH-A", DSL, AT, new Subject(SUBJECT, SubjectType.PUPIL,
                text("UPN-9"), org.safecase.events.Involvement.WITNESS, text("Y5"), null)), FIELDS);

        assertThat(added.summary()).isEqualTo("Added a pupil (witness)");
        assertThat(added.detail()).isNull();
        assertThat(added.subjectId()).isEqualTo(SUBJECT);
        assertThat(added.subjectReference()).isEqualTo("UPN-9");
    }

    @Test
    void givenAPersonRemovedThenTheSummaryNamesTheirRoleOnlyAndTheReasonIsTheirDetail() {
        var removed = TimelineSummaries.of(new SubjectRemoved(ID, "SCH-A", DSL, AT, SUBJECT, SubjectType.PUPIL,
                text("wrong pupil")), FIELDS);

        assertThat(removed.summary()).isEqualTo("Removed a pupil recorded by mistake");
        assertThat(removed.detail()).isEqualTo("wrong pupil");
        assertThat(removed.subjectId()).isEqualTo(SUBJECT);
        assertThat(removed.subjectReference()).isNull();
    }

    @Test
    void givenTheWorkingDayEventsThenEachSummaryIsCodedFactsAndTheirTextIsInTheDetailOfThePersonItIsAbout() {
        var informed = TimelineSummaries.of(new ParentContactRecorded(ID, "SCH-A", DSL, AT, SUBJECT, text("UPN-9"),
                SubjectType.PUPIL, ParentContactDecision.INFORMED, AT, ContactMethod.PHONE, null), FIELDS);
        var notInformed = TimelineSummaries.of(new ParentContactRecorded(ID, "SCH-A", DSL, AT, SUBJECT, text("UPN-9"),
                SubjectType.PUPIL, ParentContactDecision.NOT_INFORMED, AT, null, text("risk at home")), FIELDS);
        var support = TimelineSummaries.of(new SupportProvided(ID, "SCH-A", DSL, AT, SUBJECT, text("UPN-9"),
                SubjectType.PUPIL, SupportType.EARLY_HELP, LocalDate.parse("2026-11-23"), text("weekly")), FIELDS);
        var action = TimelineSummaries.of(new ActionAssigned(ID, "SCH-A", DSL, AT, UUID.randomUUID(),
                text("Call the mother"), "staff.a", LocalDate.parse("2026-11-24")), FIELDS);
        var evidence = TimelineSummaries.of(new EvidenceRecorded(ID, "SCH-A", DSL, AT, UUID.randomUUID(),
                EvidenceKind.URL, text("profile page"), text("https://example.invalid/p"), AT, null), FIELDS);
        var device = TimelineSummaries.of(new DeviceSeized(ID, "SCH-A", DSL, AT, UUID.randomUUID(), text("black phone"),
                SUBJECT, text("UPN-9"), SubjectType.PUPIL, DeviceLegalBasis.EDUCATION_ACT_SEARCH, AT), FIELDS);
        var handover = TimelineSummaries.of(new DeviceHandedOver(ID, "SCH-A", DSL, AT, UUID.randomUUID(),
                DeviceRecipient.POLICE, AT), FIELDS);

        assertThat(informed.summary()).isEqualTo("Informed the parents or carers of a pupil by phone at " + AT);
        assertThat(informed.subjectReference()).isEqualTo("UPN-9");
        assertThat(notInformed.summary()).isEqualTo("Decided not to inform the parents or carers of a pupil");
        assertThat(notInformed.detail()).isEqualTo("risk at home");
        assertThat(notInformed.subjectId()).isEqualTo(SUBJECT);
        assertThat(support.summary()).isEqualTo("Support for a pupil: early help from 2026-11-23");
        assertThat(action.summary()).isEqualTo("Action for staff.a, due 2026-11-24");
        assertThat(action.detail()).isEqualTo("Call the mother");
        assertThat(evidence.summary()).isEqualTo("Evidence recorded: url, captured at " + AT);
        assertThat(evidence.detail()).isEqualTo("profile page\nAddress: https://example.invalid/p");
        assertThat(device.summary()).isEqualTo("Device of a pupil seized (search under the Education Act 2011)");
        assertThat(device.detail()).isEqualTo("black phone");
        assertThat(handover.summary()).isEqualTo("Device handed to the police");
        assertThat(List.of(informed, support, action, evidence, device, handover))
                .allSatisfy(e -> assertThat(e.summary()).doesNotContain("UPN-9", "risk", "mother", "example"));
    }

    @Test
    void givenReferralsThenTheSummaryNamesTheBodyButItsReferenceAndRationaleAreInTheDetail() {
        assertThat(TimelineSummaries.of(new PoliceReferralMade(ID, "SCH-A", DSL, AT, "Met Police", text("CR-9"), AT,
                text("notes")), FIELDS).summary()).isEqualTo("Referred to Met Police");
        var iwf = TimelineSummaries.of(new ExternalReferralRecorded(ID, "SCH-A", DSL, AT, Agency.IWF,
                ReferralDecision.REFERRED, text("Images found"), text("IWF-7"), AT), FIELDS);
        assertThat(iwf.summary()).isEqualTo("Referred to the IWF");
        assertThat(iwf.detail()).isEqualTo("Reference: IWF-7\nImages found");
        assertThat(TimelineSummaries.of(new IncidentEscalated(ID, "SCH-A", DSL, AT,
                org.safecase.events.EscalationTarget.HEAD_TEACHER, text("r")), FIELDS).summary())
                .isEqualTo("Escalated to the head teacher");
    }

    @Test
    void givenAnErasedPartThenTheWholeDetailIsErasedAndTheReferenceIsGone() {
        var police = TimelineSummaries.of(new PoliceReferralMade(ID, "SCH-A", DSL, AT, "Met Police", ERASED, AT,
                text("notes")), FIELDS);
        var sanction = TimelineSummaries.of(new SanctionApplied(ID, "SCH-A", DSL, AT, SUBJECT, ERASED, SubjectType.PUPIL,
                SanctionType.DETENTION, LocalDate.parse("2026-11-20"), null, ERASED), FIELDS);

        assertThat(police.detail()).isEqualTo(Sealed.ERASED);
        assertThat(sanction.detail()).isEqualTo(Sealed.ERASED);
        assertThat(sanction.subjectReference()).isNull();
    }
}
