package org.safecase.command.incident;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.safecase.command.category.Category;
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
import org.safecase.command.incident.IncidentCommands.EscalateIncidentCommand;
import org.safecase.command.incident.IncidentCommands.PlaceLegalHoldCommand;
import org.safecase.command.incident.IncidentCommands.RecordExternalReferralCommand;
import org.safecase.command.incident.IncidentCommands.RecordPoliceReferralCommand;
import org.safecase.command.incident.IncidentCommands.ReclassifyIncidentCommand;
import org.safecase.command.incident.IncidentCommands.ReleaseLegalHoldCommand;
import org.safecase.command.incident.IncidentCommands.ReopenIncidentCommand;
import org.safecase.command.incident.IncidentCommands.ReportIncidentCommand;
import org.safecase.events.ActionAssigned;
import org.safecase.events.ActionCompleted;
import org.safecase.events.Agency;
import org.safecase.events.ContactMethod;
import org.safecase.events.DeviceHandedOver;
import org.safecase.events.DeviceLegalBasis;
import org.safecase.events.DeviceRecipient;
import org.safecase.events.DeviceSeized;
import org.safecase.events.EvidenceKind;
import org.safecase.events.EvidenceRecorded;
import org.safecase.events.ParentContactDecision;
import org.safecase.events.ParentContactRecorded;
import org.safecase.events.SupportType;
import org.safecase.events.Classification;
import org.safecase.events.EscalationTarget;
import org.safecase.events.ExternalReferralRecorded;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentCorrected;
import org.safecase.events.IncidentDisposed;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentReclassified;
import org.safecase.events.IncidentReopened;
import org.safecase.events.IncidentReported;
import org.safecase.events.Involvement;
import org.safecase.events.LegalHoldPlaced;
import org.safecase.events.LegalHoldReleased;
import org.safecase.events.NoteAdded;
import org.safecase.events.Outcome;
import org.safecase.events.PoliceReferralMade;
import org.safecase.events.ReferralDecision;
import org.safecase.events.Requirement;
import org.safecase.events.Role;
import org.safecase.events.SanctionApplied;
import org.safecase.events.SanctionType;
import org.safecase.events.Sealed;
import org.safecase.events.Subject;
import org.safecase.events.SubjectErased;
import org.safecase.events.SubjectRemoved;
import org.safecase.events.SubjectAdded;
import org.safecase.events.SubjectType;
import org.safecase.platform.school.SchoolDirectory;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

class IncidentTest {

    static final String VERSION = "test-1";
    static final Instant NOW = Instant.parse("2026-11-20T10:15:00Z");
    static final UUID ID = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final Set<SubjectType> EVERYONE = EnumSet.allOf(SubjectType.class);

    static final Category CYBERBULLYING = new Category("INA-CYBERBULLY", "Cyber-bullying", Classification.INAPPROPRIATE,
            EVERYONE, List.of(), List.of(), false);
    static final Category GROOMING = new Category("ILL-GROOMING", "Grooming", Classification.ILLEGAL, EVERYONE,
            List.of(Requirement.POLICE_REFERRAL), List.of(), false);
    static final Category CHILD_ABUSE_IMAGES = new Category("ILL-CSAI", "Child sexual abuse images",
            Classification.ILLEGAL, EVERYONE, List.of(Requirement.POLICE_REFERRAL, Requirement.IWF_REPORT), List.of(),
            true);
    static final Category RADICALISATION = new Category("SG-RADICALISATION", "Radicalisation",
            Classification.SAFEGUARDING, EVERYONE, List.of(Requirement.PREVENT_DECISION, Requirement.DSL_INVOLVEMENT),
            List.of(), false);
    static final Category SEXTING = new Category("ILL-SEXTING-U18", "Sexting under 18", Classification.ILLEGAL,
            EnumSet.of(SubjectType.PUPIL), List.of(Requirement.POLICE_DECISION, Requirement.CHILDRENS_SERVICES_DECISION,
            Requirement.DSL_INVOLVEMENT), List.of(), true);
    static final Category CHILD_PROTECTION = new Category("SG-CP", "Child protection", Classification.SAFEGUARDING,
            EVERYONE, List.of(Requirement.DSL_INVOLVEMENT, Requirement.HEAD_TEACHER_INFORMED, Requirement.POLICE_DECISION),
            List.of(), false);
    static final Category STAFF_PUPIL_COMMS = new Category("STF-PUPIL-COMMS", "Staff contacting pupils privately",
            Classification.INAPPROPRIATE, EnumSet.of(SubjectType.STAFF, SubjectType.VOLUNTEER), List.of(), List.of(), false);

    /** Users as the service resolves them, with the trusts and schools of the reference directory. */
    static final ActingUsers ACTING = new ActingUsers(new SchoolDirectory(new ClassPathResource("reference/schools.json"),
            JsonMapper.builder().build()));

    static final ActingUser STAFF = ACTING.of(new AuthenticatedUser("staff.a", Role.STAFF, "SCH-A", "TRUST-1"));
    static final ActingUser DSL = ACTING.of(new AuthenticatedUser("dsl.a", Role.DSL, "SCH-A", "TRUST-1"));
    static final ActingUser HEAD = ACTING.of(new AuthenticatedUser("head.a", Role.HEAD_TEACHER, "SCH-A", "TRUST-1"));
    static final ActingUser CHAIR = ACTING.of(new AuthenticatedUser("chair.a", Role.CHAIR_OF_GOVERNORS, "SCH-A", "TRUST-1"));
    static final ActingUser INTEGRATION
            = ACTING.of(new AuthenticatedUser("integration.a", Role.INTEGRATION, "SCH-A", "TRUST-1"));
    static final ActingUser OTHER_SCHOOL_DSL = ACTING.of(new AuthenticatedUser("dsl.b", Role.DSL, "SCH-B", "TRUST-1"));

    static final ActingUser DPO = ACTING.of(new AuthenticatedUser("dpo.trust", Role.DPO, null, "TRUST-1"));
    static final ActingUser OTHER_TRUST_DPO = ACTING.of(new AuthenticatedUser("dpo.other", Role.DPO, null, "TRUST-2"));

    static final UUID EVIDENCE_ID = UUID.fromString("00000000-0000-0000-0000-0000000000e1");
    static final UUID DEVICE_ID = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    static final UUID ACTION_ID = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    static final UUID PUPIL_ID = UUID.fromString("00000000-0000-0000-0000-000000000111");
    static final UUID VICTIM_ID = UUID.fromString("00000000-0000-0000-0000-000000000112");
    static final UUID TEACHER_ID = UUID.fromString("00000000-0000-0000-0000-000000000211");

    static final Subject PUPIL = new Subject(PUPIL_ID, SubjectType.PUPIL, sealed("P-1"), Involvement.ALLEGED,
            sealed("Y6"), null);
    static final Subject VICTIM = new Subject(VICTIM_ID, SubjectType.PUPIL, sealed("P-2"), Involvement.AFFECTED,
            sealed("Y6"), null);
    static final Subject TEACHER = new Subject(TEACHER_ID, SubjectType.STAFF, sealed("S-1"), Involvement.ALLEGED, null,
            null);

    FixtureConfiguration<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
    }

    /** A sealed field as the aggregate sees it: opaque, only ever copied. */
    static Sealed sealed(String text) {
        return Sealed.ciphertext("sealed:" + text);
    }

    static ReportIncidentCommand report(Category category, ActingUser by, Subject... subjects) {
        return new ReportIncidentCommand(ID, "SCH-A", category.asRecordedIn(VERSION), category.subjectTypes(),
                NOW.minusSeconds(3600), sealed("what happened"), List.of(subjects), false, null, false, by, NOW);
    }

    /** A report naming the school's head teacher among those alleged. */
    static ReportIncidentCommand reportAgainstHeadTeacher(Category category, ActingUser by, Subject... subjects) {
        return new ReportIncidentCommand(ID, "SCH-A", category.asRecordedIn(VERSION), category.subjectTypes(),
                NOW.minusSeconds(3600), sealed("what happened"), List.of(subjects), false, null, true, by, NOW);
    }

    /** A reclassification into a category as it stands in the catalogue version of the test. */
    static ReclassifyIncidentCommand reclassify(Category to, Sealed reason, ActingUser by) {
        return new ReclassifyIncidentCommand(ID, null, to.asRecordedIn(VERSION), to.subjectTypes(), reason, by, NOW);
    }

    static IncidentReported reported(Category category, Subject... subjects) {
        boolean againstStaff = List.of(subjects).stream().anyMatch(Subject::isAllegationAgainstWorkforce);
        return new IncidentReported(ID, "SCH-A", STAFF.actor(), NOW, category.asRecordedIn(VERSION),
                NOW.minusSeconds(3600), sealed("what happened"), List.of(subjects), false, null, againstStaff,
                againstStaff ? List.of(Agency.LADO, Agency.LA_SAFEGUARDING) : List.of(),
                againstStaff ? Role.HEAD_TEACHER : null);
    }

    static IncidentReported reportedAgainstHeadTeacher(Category category, Subject... subjects) {
        return new IncidentReported(ID, "SCH-A", STAFF.actor(), NOW, category.asRecordedIn(VERSION),
                NOW.minusSeconds(3600), sealed("what happened"), List.of(subjects), false, null, true,
                List.of(Agency.LADO, Agency.LA_SAFEGUARDING), Role.CHAIR_OF_GOVERNORS);
    }

    static PoliceReferralMade policeReferral() {
        return new PoliceReferralMade(ID, "SCH-A", DSL.actor(), NOW, "West Midlands Police", sealed("CR-1"), NOW, null);
    }

    static ExternalReferralRecorded decision(Agency agency, ReferralDecision decision, ActingUser by) {
        return new ExternalReferralRecorded(ID, "SCH-A", by.actor(), NOW, agency, decision, sealed("rationale"), null, NOW);
    }

    static CloseIncidentCommand close(ActingUser by) {
        return new CloseIncidentCommand(ID, null, Outcome.POLICE_ACTION, sealed("closing summary"),
                List.of(Requirement.LADO_DECISION), by, NOW);
    }

    static IncidentClosed closed(ActingUser by) {
        return new IncidentClosed(ID, "SCH-A", by.actor(), NOW, Outcome.POLICE_ACTION, sealed("closing summary"));
    }

    static Matcher<IncidentRefusal> refusedBy(String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(IncidentRefusal refusal) {
                return refusal.rule().equals(rule);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal by rule ").appendValue(rule);
            }

            @Override
            protected void describeMismatchSafely(IncidentRefusal refusal, Description mismatch) {
                mismatch.appendText("was refused by ").appendValue(refusal.rule());
            }
        };
    }

    @Nested
    class Reporting {

        @Test
        void staffReportRecordsTheCategoryAsItStoodInTheCatalogueAndTheActingUser() {
            fixture.givenNoPriorActivity()
                    .when(report(CYBERBULLYING, STAFF, PUPIL, VICTIM))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(reported(CYBERBULLYING, PUPIL, VICTIM));
        }

        @Test
        void cannotReportAnIncidentOfAnotherSchool() {
            fixture.givenNoPriorActivity()
                    .when(report(CYBERBULLYING, OTHER_SCHOOL_DSL, PUPIL))
                    .expectException(refusedBy("SCHOOL_NOT_ALLOWED"))
                    .expectNoEvents();
        }

        @Test
        void cannotReportAnIncidentThatOccursInTheFuture() {
            fixture.givenNoPriorActivity()
                    .when(new ReportIncidentCommand(ID, "SCH-A", CYBERBULLYING.asRecordedIn(VERSION),
                            CYBERBULLYING.subjectTypes(), NOW.plusSeconds(86400), sealed("s"), List.of(PUPIL), false, null,
                            false, STAFF, NOW))
                    .expectException(refusedBy("IN_THE_FUTURE"))
                    .expectNoEvents();
        }

        @Test
        void cannotReportTheSameSubjectTwice() {
            fixture.givenNoPriorActivity()
                    .when(report(CYBERBULLYING, STAFF, PUPIL, PUPIL))
                    .expectException(refusedBy("DUPLICATE_SUBJECT"))
                    .expectNoEvents();
        }

        @Test
        void theSamePersonSealedTwiceIsStillTheSameSubject() {
            Subject resealed = new Subject(PUPIL_ID, SubjectType.PUPIL, sealed("P-1 sealed again"), Involvement.ALLEGED,
                    sealed("Y6 sealed again"), null);
            fixture.givenNoPriorActivity()
                    .when(report(CYBERBULLYING, STAFF, PUPIL, resealed))
                    .expectException(refusedBy("DUPLICATE_SUBJECT"))
                    .expectNoEvents();
        }

        @Test
        void cannotReportAStaffOnlyCategoryAboutPupilsOnly() {
            fixture.givenNoPriorActivity()
                    .when(report(STAFF_PUPIL_COMMS, STAFF, PUPIL))
                    .expectException(refusedBy("CATEGORY_NOT_APPLICABLE"))
                    .expectNoEvents();
        }
    }

    @Nested
    class IllegalMaterial {

        @Test
        void cannotCloseAnIllegalIncidentWithoutAPoliceReferral() {
            fixture.given(reported(GROOMING, PUPIL))
                    .when(close(DSL))
                    .expectException(refusedBy("POLICE_REFERRAL_REQUIRED"))
                    .expectNoEvents();
        }

        @Test
        void closesAnIllegalIncidentOnceThePoliceReferralIsOnRecord() {
            fixture.given(reported(GROOMING, PUPIL), policeReferral())
                    .when(close(DSL))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(closed(DSL))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void childAbuseImageryAlsoNeedsAnIwfReport() {
            fixture.given(reported(CHILD_ABUSE_IMAGES, PUPIL), policeReferral())
                    .when(close(DSL))
                    .expectException(refusedBy("IWF_REPORT_REQUIRED"))
                    .expectNoEvents();
        }

        @Test
        void aDecisionNotToReportToTheIwfDoesNotSatisfyTheIwfRule() {
            fixture.given(reported(CHILD_ABUSE_IMAGES, PUPIL), policeReferral(),
                            decision(Agency.IWF, ReferralDecision.NOT_REFERRED, DSL))
                    .when(close(DSL))
                    .expectException(refusedBy("IWF_REPORT_REQUIRED"))
                    .expectNoEvents();
        }

        @Test
        void childAbuseImageryClosesWithPoliceReferralAndIwfReport() {
            fixture.given(reported(CHILD_ABUSE_IMAGES, PUPIL), policeReferral(),
                            decision(Agency.IWF, ReferralDecision.REFERRED, DSL))
                    .when(close(DSL))
                    .expectEvents(closed(DSL));
        }

        @Test
        void reclassifyingOutOfIllegalWithAReasonLiftsThePoliceRule() {
            fixture.given(reported(GROOMING, PUPIL),
                            new IncidentReclassified(ID, "SCH-A", DSL.actor(), NOW, GROOMING.asRecordedIn(VERSION),
                                    CYBERBULLYING.asRecordedIn(VERSION), sealed("contact was between classmates")))
                    .when(close(DSL))
                    .expectEvents(closed(DSL));
        }
    }

    @Nested
    class Radicalisation {

        @Test
        void cannotCloseWithoutAPreventDecision() {
            fixture.given(reported(RADICALISATION, PUPIL),
                            new IncidentEscalated(ID, "SCH-A", STAFF.actor(), NOW, EscalationTarget.DSL, sealed("concern")))
                    .when(close(DSL))
                    .expectException(refusedBy("PREVENT_DECISION_REQUIRED"))
                    .expectNoEvents();
        }

        @Test
        void cannotCloseWithoutTheDslInvolved() {
            fixture.given(reported(RADICALISATION, PUPIL), decision(Agency.PREVENT, ReferralDecision.NOT_REFERRED, INTEGRATION))
                    .when(close(INTEGRATION))
                    .expectException(refusedBy("DSL_INVOLVEMENT_REQUIRED"))
                    .expectNoEvents();
        }

        @Test
        void aRecordedDecisionNotToReferToPreventWithTheDslInvolvedAllowsClosure() {
            fixture.given(reported(RADICALISATION, PUPIL), decision(Agency.PREVENT, ReferralDecision.NOT_REFERRED, DSL))
                    .when(close(DSL))
                    .expectEvents(closed(DSL));
        }
    }

    @Nested
    class SextingOfUnder18s {

        @Test
        void needsTheDslInvolved() {
            fixture.given(reported(SEXTING, PUPIL),
                            new PoliceReferralMade(ID, "SCH-A", INTEGRATION.actor(), NOW, "West Midlands Police",
                                    sealed("CR-1"), NOW, null),
                            decision(Agency.CHILDRENS_SERVICES, ReferralDecision.REFERRED, INTEGRATION))
                    .when(close(STAFF))
                    .expectException(refusedBy("DSL_INVOLVEMENT_REQUIRED"))
                    .expectNoEvents();
        }

        @Test
        void needsADecisionOnChildrensServices() {
            fixture.given(reported(SEXTING, PUPIL), policeReferral())
                    .when(close(DSL))
                    .expectException(refusedBy("CHILDRENS_SERVICES_DECISION_REQUIRED"))
                    .expectNoEvents();
        }

        @Test
        void needsAPoliceDecisionEitherWay() {
            fixture.given(reported(SEXTING, PUPIL), decision(Agency.CHILDRENS_SERVICES, ReferralDecision.NOT_REFERRED, DSL))
                    .when(close(DSL))
                    .expectException(refusedBy("POLICE_DECISION_REQUIRED"))
                    .expectNoEvents();
        }

        @Test
        void closesWithARecordedDecisionNotToInvolveThePolice() {
            fixture.given(reported(SEXTING, PUPIL), decision(Agency.POLICE, ReferralDecision.NOT_REFERRED, DSL),
                            decision(Agency.CHILDRENS_SERVICES, ReferralDecision.NOT_REFERRED, DSL))
                    .when(close(DSL))
                    .expectEvents(closed(DSL));
        }

        @Test
        void closesWithEveryRequirementOnRecord() {
            fixture.given(reported(SEXTING, PUPIL), policeReferral(),
                            decision(Agency.CHILDRENS_SERVICES, ReferralDecision.NOT_REFERRED, DSL))
                    .when(close(DSL))
                    .expectEvents(closed(DSL));
        }

        @Test
        void aReferralToThePoliceIsNotADecisionRecordedAmongTheAgencies() {
            fixture.given(reported(SEXTING, PUPIL))
                    .when(new RecordExternalReferralCommand(ID, null, Agency.POLICE, ReferralDecision.REFERRED,
                            sealed("rationale"), null, NOW, DSL, NOW))
                    .expectException(refusedBy("POLICE_REFERRAL_HAS_ITS_OWN_RECORD"))
                    .expectNoEvents();
        }

        @Test
        void noScreenshotOfTheImageIsEverTaken() {
            fixture.given(reported(SEXTING, PUPIL))
                    .when(EvidenceAndDevices.evidence(EvidenceKind.SCREENSHOT, null))
                    .expectException(refusedBy("NO_COPIES_OF_INDECENT_IMAGES"))
                    .expectNoEvents();
        }
    }

    @Nested
    class SuspectedChildProtection {

        @Test
        void needsTheHeadTeacherTold() {
            fixture.given(reported(CHILD_PROTECTION, VICTIM), decision(Agency.POLICE, ReferralDecision.NOT_REFERRED, DSL))
                    .when(close(DSL))
                    .expectException(refusedBy("HEAD_TEACHER_INFORMED_REQUIRED"))
                    .expectNoEvents();
        }

        @Test
        void needsPoliceContactOnRecord() {
            fixture.given(reported(CHILD_PROTECTION, VICTIM), new IncidentEscalated(ID, "SCH-A", DSL.actor(), NOW,
                            EscalationTarget.HEAD_TEACHER, sealed("told the head")))
                    .when(close(DSL))
                    .expectException(refusedBy("POLICE_DECISION_REQUIRED"))
                    .expectNoEvents();
        }

        @Test
        void closesOnceTheHeadTeacherIsToldAndThePoliceDecisionIsOnRecord() {
            fixture.given(reported(CHILD_PROTECTION, VICTIM), new IncidentEscalated(ID, "SCH-A", DSL.actor(), NOW,
                            EscalationTarget.HEAD_TEACHER, sealed("told the head")), policeReferral())
                    .when(close(DSL))
                    .expectEvents(closed(DSL));
        }

        @Test
        void theHeadTeachersInvolvementCountsWhereTheDslsWould() {
            fixture.given(reported(CHILD_PROTECTION, VICTIM),
                            decision(Agency.POLICE, ReferralDecision.NOT_REFERRED, HEAD))
                    .when(close(HEAD))
                    .expectEvents(closed(HEAD));
        }
    }

    @Nested
    class EvidenceAndDevices {

        @Test
        void evidenceIsRecordedWithItsKindAndWhereItIsHeld() {
            fixture.given(reported(CYBERBULLYING, PUPIL, VICTIM))
                    .when(evidence(EvidenceKind.SCREENSHOT, null))
                    .expectEvents(new EvidenceRecorded(ID, "SCH-A", DSL.actor(), NOW, EVIDENCE_ID, EvidenceKind.SCREENSHOT,
                            sealed("screenshot of the messages"), null, NOW, sealed("DSL's locked cabinet")));
        }

        @Test
        void noCopyOfChildAbuseImageryIsKeptNorAnyKeptMessage() {
            fixture.given(reported(CHILD_ABUSE_IMAGES, PUPIL))
                    .when(evidence(EvidenceKind.MESSAGE, null))
                    .expectException(refusedBy("NO_COPIES_OF_INDECENT_IMAGES"))
                    .expectNoEvents();
        }

        @Test
        void whereChildAbuseImageryIsFoundIsRecordedByItsAddress() {
            fixture.given(reported(CHILD_ABUSE_IMAGES, PUPIL))
                    .when(evidence(EvidenceKind.URL, sealed("https://example.org/x")))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void aUrlEvidenceNeedsItsAddress() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(evidence(EvidenceKind.URL, null))
                    .expectException(refusedBy("URL_REQUIRED"))
                    .expectNoEvents();
        }

        @Test
        void aDeviceIsSeizedFromAPersonOfTheIncidentOnly() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(seize(VICTIM_ID))
                    .expectException(refusedBy("DEVICE_OWNER_NOT_IN_INCIDENT"))
                    .expectNoEvents();
        }

        @Test
        void aSeizedDeviceIsHandedOverOnce() {
            DeviceSeized seized = new DeviceSeized(ID, "SCH-A", DSL.actor(), NOW, DEVICE_ID, sealed("phone"), PUPIL_ID,
                    PUPIL.reference(), SubjectType.PUPIL, DeviceLegalBasis.EDUCATION_ACT_SEARCH, NOW.minusSeconds(60));
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(seize(PUPIL_ID))
                    .expectEvents(seized);
            fixture.given(reported(CYBERBULLYING, PUPIL), seized)
                    .when(new HandOverDeviceCommand(ID, null, DEVICE_ID, DeviceRecipient.POLICE, NOW, DSL, NOW))
                    .expectEvents(new DeviceHandedOver(ID, "SCH-A", DSL.actor(), NOW, DEVICE_ID, DeviceRecipient.POLICE, NOW));
            fixture.given(reported(CYBERBULLYING, PUPIL), seized,
                            new DeviceHandedOver(ID, "SCH-A", DSL.actor(), NOW, DEVICE_ID, DeviceRecipient.POLICE, NOW))
                    .when(new HandOverDeviceCommand(ID, null, DEVICE_ID, DeviceRecipient.OWNER, NOW, DSL, NOW))
                    .expectException(refusedBy("DEVICE_ALREADY_HANDED_OVER"));
        }

        @Test
        void anUnknownDeviceIsNotFound() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new HandOverDeviceCommand(ID, null, DEVICE_ID, DeviceRecipient.POLICE, NOW, DSL, NOW))
                    .expectException(refusedBy("DEVICE_NOT_FOUND"))
                    .expectNoEvents();
        }

        static RecordEvidenceCommand evidence(EvidenceKind kind, Sealed url) {
            return new RecordEvidenceCommand(ID, null, EVIDENCE_ID, kind, sealed("screenshot of the messages"), url, NOW,
                    sealed("DSL's locked cabinet"), Set.of("ILL-CSAI", "ILL-CSAI-NONPHOTO", "ILL-SEXTING-U18"), DSL, NOW);
        }

        static SeizeDeviceCommand seize(UUID owner) {
            return new SeizeDeviceCommand(ID, null, DEVICE_ID, sealed("phone"), owner, sealed("P-1"),
                    DeviceLegalBasis.EDUCATION_ACT_SEARCH, NOW.minusSeconds(60), DSL, NOW);
        }
    }

    @Nested
    class ParentsAndSupport {

        @Test
        void parentsInformedAreOnRecordWithWhenAndHow() {
            fixture.given(reported(CYBERBULLYING, PUPIL, VICTIM))
                    .when(new RecordParentContactCommand(ID, null, VICTIM_ID, VICTIM.reference(),
                            ParentContactDecision.INFORMED, NOW, ContactMethod.PHONE, null, DSL, NOW))
                    .expectEvents(new ParentContactRecorded(ID, "SCH-A", DSL.actor(), NOW, VICTIM_ID, VICTIM.reference(),
                            SubjectType.PUPIL, ParentContactDecision.INFORMED, NOW, ContactMethod.PHONE, null));
        }

        @Test
        void notInformingParentsNeedsItsRationale() {
            fixture.given(reported(CYBERBULLYING, PUPIL, VICTIM))
                    .when(new RecordParentContactCommand(ID, null, VICTIM_ID, VICTIM.reference(),
                            ParentContactDecision.NOT_INFORMED, NOW, null, null, DSL, NOW))
                    .expectException(refusedBy("RATIONALE_REQUIRED"))
                    .expectNoEvents();
        }

        @Test
        void supportIsForAPersonOfTheIncident() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new ProvideSupportCommand(ID, null, VICTIM_ID, null, SupportType.COUNSELLING,
                            LocalDate.parse("2026-11-23"), null, DSL, NOW))
                    .expectException(refusedBy("SUBJECT_NOT_IN_INCIDENT"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Actions {

        static final ActionAssigned ASSIGNED = new ActionAssigned(ID, "SCH-A", DSL.actor(), NOW, ACTION_ID,
                sealed("call the parents"), "dsl.a", LocalDate.parse("2026-11-21"));

        @Test
        void areAssignedToAnOwnerWithADueDay() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new AssignActionCommand(ID, null, ACTION_ID, sealed("call the parents"), "dsl.a",
                            LocalDate.parse("2026-11-21"), LocalDate.parse("2026-11-20"), DSL, NOW))
                    .expectEvents(ASSIGNED);
        }

        @Test
        void cannotBeDueInThePast() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new AssignActionCommand(ID, null, ACTION_ID, sealed("call the parents"), "dsl.a",
                            LocalDate.parse("2026-11-19"), LocalDate.parse("2026-11-20"), DSL, NOW))
                    .expectException(refusedBy("DUE_DATE_IN_THE_PAST"));
        }

        @Test
        void anIncidentWithOpenActionsDoesNotClose() {
            fixture.given(reported(CYBERBULLYING, PUPIL), ASSIGNED)
                    .when(close(DSL))
                    .expectException(refusedBy("OPEN_ACTIONS"))
                    .expectNoEvents();
        }

        @Test
        void areDoneOnceAndThenTheIncidentCloses() {
            ActionCompleted done = new ActionCompleted(ID, "SCH-A", DSL.actor(), NOW, ACTION_ID, null);
            fixture.given(reported(CYBERBULLYING, PUPIL), ASSIGNED)
                    .when(new CompleteActionCommand(ID, null, ACTION_ID, null, DSL, NOW))
                    .expectEvents(done);
            fixture.given(reported(CYBERBULLYING, PUPIL), ASSIGNED, done)
                    .when(new CompleteActionCommand(ID, null, ACTION_ID, null, DSL, NOW))
                    .expectException(refusedBy("ACTION_ALREADY_DONE"));
            fixture.given(reported(CYBERBULLYING, PUPIL), ASSIGNED, done)
                    .when(close(DSL))
                    .expectEvents(closed(DSL));
        }
    }

    @Nested
    class AllegationsAgainstStaff {

        @Test
        void areOfferedTheLadoAndLocalAuthorityRoutes() {
            fixture.givenNoPriorActivity()
                    .when(report(STAFF_PUPIL_COMMS, STAFF, TEACHER, VICTIM))
                    .expectEvents(reported(STAFF_PUPIL_COMMS, TEACHER, VICTIM));
        }

        @Test
        void escalateToTheHeadTeacher() {
            fixture.given(reported(STAFF_PUPIL_COMMS, TEACHER, VICTIM))
                    .when(new EscalateIncidentCommand(ID, null, EscalationTarget.HEAD_TEACHER, sealed("allegation"), HEAD,
                            NOW))
                    .expectEvents(new IncidentEscalated(ID, "SCH-A", HEAD.actor(), NOW, EscalationTarget.HEAD_TEACHER,
                            sealed("allegation")));
        }

        @Test
        void doNotEscalateToTheDsl() {
            fixture.given(reported(STAFF_PUPIL_COMMS, TEACHER, VICTIM))
                    .when(new EscalateIncidentCommand(ID, null, EscalationTarget.DSL, sealed("allegation"), INTEGRATION,
                            NOW))
                    .expectException(refusedBy("STAFF_ALLEGATION_ROUTES_TO_HEAD_TEACHER"))
                    .expectNoEvents();
        }

        @Test
        void closeOnlyWithTheLadoDecisionOnRecord() {
            fixture.given(reported(STAFF_PUPIL_COMMS, TEACHER, VICTIM))
                    .when(close(HEAD))
                    .expectException(refusedBy("LADO_DECISION_REQUIRED"))
                    .expectNoEvents();
        }

        @Test
        void aChildProtectionAllegationAgainstStaffClosesWithTheHeadTeacherAsCaseManager() {
            fixture.given(reported(CHILD_PROTECTION, TEACHER, VICTIM), decision(Agency.LADO, ReferralDecision.REFERRED, HEAD),
                            decision(Agency.POLICE, ReferralDecision.NOT_REFERRED, HEAD))
                    .when(close(HEAD))
                    .expectEvents(closed(HEAD));
        }

        @Test
        void areHiddenFromTheDsl() {
            fixture.given(reported(STAFF_PUPIL_COMMS, TEACHER, VICTIM))
                    .when(new AddNoteCommand(ID, null, sealed("note"), DSL, NOW))
                    .expectException(refusedBy("STAFF_ALLEGATION_HEAD_TEACHER_ONLY"))
                    .expectNoEvents();
        }

        @Test
        void aStaffMemberWhoWasOnlyAffectedDoesNotMakeItAnAllegationAgainstStaff() {
            Subject bulliedTeacher = new Subject(UUID.fromString("00000000-0000-0000-0000-000000000212"),
                    SubjectType.STAFF, sealed("S-2"), Involvement.AFFECTED, null, null);
            fixture.given(reported(CYBERBULLYING, PUPIL, bulliedTeacher))
                    .when(new EscalateIncidentCommand(ID, null, EscalationTarget.DSL, sealed("bullying of a teacher"),
                            DSL, NOW))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class AllegationsAgainstTheHeadTeacher {

        @Test
        void areManagedByTheChairOfGovernors() {
            fixture.givenNoPriorActivity()
                    .when(reportAgainstHeadTeacher(STAFF_PUPIL_COMMS, STAFF, TEACHER, VICTIM))
                    .expectEvents(reportedAgainstHeadTeacher(STAFF_PUPIL_COMMS, TEACHER, VICTIM));
        }

        @Test
        void theHeadTeacherCannotActOnAnAllegationAgainstThemselves() {
            fixture.given(reportedAgainstHeadTeacher(STAFF_PUPIL_COMMS, TEACHER, VICTIM))
                    .when(new AddNoteCommand(ID, null, sealed("note"), HEAD, NOW))
                    .expectException(refusedBy("HEAD_TEACHER_ALLEGATION_CHAIR_ONLY"))
                    .expectNoEvents();
        }

        @Test
        void escalateToTheChairOfGovernors() {
            fixture.given(reportedAgainstHeadTeacher(STAFF_PUPIL_COMMS, TEACHER, VICTIM))
                    .when(new EscalateIncidentCommand(ID, null, EscalationTarget.HEAD_TEACHER, sealed("allegation"),
                            INTEGRATION, NOW))
                    .expectException(refusedBy("HEAD_TEACHER_ALLEGATION_ROUTES_TO_CHAIR"));
            fixture.given(reportedAgainstHeadTeacher(STAFF_PUPIL_COMMS, TEACHER, VICTIM))
                    .when(new EscalateIncidentCommand(ID, null, EscalationTarget.CHAIR_OF_GOVERNORS, sealed("allegation"),
                            INTEGRATION, NOW))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void theChairClosesWithTheLadoDecisionAndTheirInvolvementCountsWhereTheDslsWould() {
            fixture.given(reportedAgainstHeadTeacher(CHILD_PROTECTION, TEACHER, VICTIM),
                            decision(Agency.LADO, ReferralDecision.REFERRED, CHAIR),
                            decision(Agency.POLICE, ReferralDecision.NOT_REFERRED, CHAIR))
                    .when(close(CHAIR))
                    .expectEvents(closed(CHAIR));
        }

        @Test
        void theChairActsOnNothingElse() {
            fixture.given(reported(STAFF_PUPIL_COMMS, TEACHER, VICTIM))
                    .when(new AddNoteCommand(ID, null, sealed("note"), CHAIR, NOW))
                    .expectException(refusedBy("CHAIR_ACTS_ON_HEAD_TEACHER_ALLEGATIONS_ONLY"))
                    .expectNoEvents();
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new AddNoteCommand(ID, null, sealed("note"), CHAIR, NOW))
                    .expectException(refusedBy("CHAIR_ACTS_ON_HEAD_TEACHER_ALLEGATIONS_ONLY"))
                    .expectNoEvents();
        }

        @Test
        void theHeadTeacherAddedAsAllegedToAnotherAllegationIsReportedAnew() {
            fixture.given(reported(STAFF_PUPIL_COMMS, TEACHER, VICTIM))
                    .when(new AddSubjectCommand(ID, null, new Subject(UUID.fromString("00000000-0000-0000-0000-000000000299"),
                            SubjectType.STAFF, sealed("S-HEAD"), Involvement.ALLEGED, null, null), true, HEAD, NOW))
                    .expectException(refusedBy("REPORT_AS_HEAD_TEACHER_ALLEGATION"))
                    .expectNoEvents();
        }
    }

    @Nested
    class APersonSignsOff {

        @Test
        void anIntegrationCannotCloseAnIllegalIncident() {
            fixture.given(reported(GROOMING, PUPIL), policeReferral())
                    .when(close(INTEGRATION))
                    .expectException(refusedBy("PERSON_MUST_SIGN_OFF"))
                    .expectNoEvents();
        }

        @Test
        void anIntegrationCannotTakeAnIllegalIncidentOutOfTheIllegalCategoriesToCloseIt() {
            fixture.given(reported(GROOMING, PUPIL))
                    .when(reclassify(CYBERBULLYING, sealed("classmates"), INTEGRATION))
                    .expectException(refusedBy("PERSON_MUST_SIGN_OFF"))
                    .expectNoEvents();
        }

        @Test
        void anIntegrationMovesAnIncidentIntoAnIllegalCategory() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(reclassify(GROOMING, sealed("adult contact"), INTEGRATION))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void anIntegrationStillRefersAndAddsToAnIllegalIncident() {
            fixture.given(reported(GROOMING, PUPIL))
                    .when(new RecordPoliceReferralCommand(ID, null, "West Midlands Police", sealed("CR-1"), NOW, null,
                            INTEGRATION, NOW))
                    .expectSuccessfulHandlerExecution();
            fixture.given(reported(GROOMING, PUPIL))
                    .when(new AddNoteCommand(ID, null, sealed("from the recording system"), INTEGRATION, NOW))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void anIntegrationClosesAnIncidentThatIsNotIllegal() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(close(INTEGRATION))
                    .expectEvents(closed(INTEGRATION));
        }

        @Test
        void theDslClosesTheIllegalIncidentAnIntegrationReferred() {
            fixture.given(reported(GROOMING, PUPIL),
                            new PoliceReferralMade(ID, "SCH-A", INTEGRATION.actor(), NOW, "West Midlands Police",
                                    sealed("CR-1"), NOW, null))
                    .when(close(DSL))
                    .expectEvents(closed(DSL));
        }

        @Test
        void anIntegrationCannotCloseAnAllegationAgainstStaff() {
            fixture.given(reported(STAFF_PUPIL_COMMS, TEACHER, VICTIM))
                    .when(close(INTEGRATION))
                    .expectException(refusedBy("PERSON_MUST_SIGN_OFF"))
                    .expectNoEvents();
        }

        @Test
        void anIntegrationCannotReopenAnAllegationAgainstStaff() {
            fixture.given(reported(STAFF_PUPIL_COMMS, TEACHER, VICTIM), closed(HEAD))
                    .when(new ReopenIncidentCommand(ID, null, sealed("new evidence"), INTEGRATION, NOW))
                    .expectException(refusedBy("PERSON_MUST_SIGN_OFF"))
                    .expectNoEvents();
        }

        @Test
        void anIntegrationCannotSanctionOnAnAllegationAgainstStaff() {
            fixture.given(reported(STAFF_PUPIL_COMMS, TEACHER, VICTIM))
                    .when(new ApplySanctionCommand(ID, null, TEACHER_ID, TEACHER.reference(), SanctionType.STAFF_SUSPENSION,
                            LocalDate.parse("2026-11-20"), LocalDate.parse("2026-12-20"), null, INTEGRATION, NOW))
                    .expectException(refusedBy("PERSON_MUST_SIGN_OFF"))
                    .expectNoEvents();
        }

        @Test
        void anIntegrationStillAddsNotesAndEscalatesAnAllegationAgainstStaff() {
            fixture.given(reported(STAFF_PUPIL_COMMS, TEACHER, VICTIM))
                    .when(new AddNoteCommand(ID, null, sealed("from the recording system"), INTEGRATION, NOW))
                    .expectSuccessfulHandlerExecution();
            fixture.given(reported(STAFF_PUPIL_COMMS, TEACHER, VICTIM))
                    .when(new EscalateIncidentCommand(ID, null, EscalationTarget.HEAD_TEACHER, sealed("allegation"),
                            INTEGRATION, NOW))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void theHeadTeacherSanctionsClosesAndReopensAnAllegationAgainstStaff() {
            fixture.given(reported(STAFF_PUPIL_COMMS, TEACHER, VICTIM))
                    .when(new ApplySanctionCommand(ID, null, TEACHER_ID, TEACHER.reference(), SanctionType.STAFF_SUSPENSION,
                            LocalDate.parse("2026-11-20"), LocalDate.parse("2026-12-20"), null, HEAD, NOW))
                    .expectSuccessfulHandlerExecution();
            fixture.given(reported(STAFF_PUPIL_COMMS, TEACHER, VICTIM), decision(Agency.LADO, ReferralDecision.REFERRED, HEAD))
                    .when(close(HEAD))
                    .expectEvents(closed(HEAD));
            fixture.given(reported(STAFF_PUPIL_COMMS, TEACHER, VICTIM), closed(HEAD))
                    .when(new ReopenIncidentCommand(ID, null, sealed("new evidence"), HEAD, NOW))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class Sanctions {

        @Test
        void applyToASubjectOfTheIncident() {
            fixture.given(reported(CYBERBULLYING, PUPIL, VICTIM))
                    .when(new ApplySanctionCommand(ID, null, PUPIL_ID, PUPIL.reference(), SanctionType.ACCESS_SUSPENSION,
                            LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-27"), null, DSL, NOW))
                    .expectEvents(new SanctionApplied(ID, "SCH-A", DSL.actor(), NOW, PUPIL_ID, PUPIL.reference(),
                            SubjectType.PUPIL,
                            SanctionType.ACCESS_SUSPENSION, LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-27"),
                            null))
                    .expectResultMessagePayload(1L);
        }

        @Test
        void doNotApplyToSomeoneOutsideTheIncident() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new ApplySanctionCommand(ID, null, UUID.fromString("00000000-0000-0000-0000-000000000199"),
                            sealed("P-99"), SanctionType.WARNING, LocalDate.parse("2026-11-20"), null, null, DSL, NOW))
                    .expectException(refusedBy("SANCTION_SUBJECT_NOT_IN_INCIDENT"))
                    .expectNoEvents();
        }

        @Test
        void aTimedSanctionNeedsAnEnd() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new ApplySanctionCommand(ID, null, PUPIL_ID, PUPIL.reference(), SanctionType.EXCLUSION,
                            LocalDate.parse("2026-11-20"), null, null, DSL, NOW))
                    .expectException(refusedBy("TIMED_SANCTION_NEEDS_END"))
                    .expectNoEvents();
        }

        @Test
        void aTimedSanctionEndsAfterItStarts() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new ApplySanctionCommand(ID, null, PUPIL_ID, PUPIL.reference(), SanctionType.ACCESS_SUSPENSION,
                            LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-20"), null, DSL, NOW))
                    .expectException(refusedBy("SANCTION_ENDS_BEFORE_IT_STARTS"))
                    .expectNoEvents();
        }
    }

    @Nested
    class ClosedIncidents {

        @Test
        void refuseNotes() {
            fixture.given(reported(CYBERBULLYING, PUPIL), closed(DSL))
                    .when(new AddNoteCommand(ID, null, sealed("late note"), DSL, NOW))
                    .expectException(refusedBy("INCIDENT_CLOSED"))
                    .expectNoEvents();
        }

        @Test
        void refuseEscalation() {
            fixture.given(reported(CYBERBULLYING, PUPIL), closed(DSL))
                    .when(new EscalateIncidentCommand(ID, null, EscalationTarget.DSL, sealed("why"), DSL, NOW))
                    .expectException(refusedBy("INCIDENT_CLOSED"))
                    .expectNoEvents();
        }

        @Test
        void refuseASecondClosure() {
            fixture.given(reported(CYBERBULLYING, PUPIL), closed(DSL))
                    .when(close(DSL))
                    .expectException(refusedBy("INCIDENT_CLOSED"))
                    .expectNoEvents();
        }

        @Test
        void canBeReopenedAndThenChanged() {
            fixture.given(reported(CYBERBULLYING, PUPIL), closed(DSL),
                            new IncidentReopened(ID, "SCH-A", DSL.actor(), NOW, sealed("new evidence")))
                    .when(new AddNoteCommand(ID, null, sealed("new evidence attached"), DSL, NOW))
                    .expectEvents(new NoteAdded(ID, "SCH-A", DSL.actor(), NOW, sealed("new evidence attached")))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void reopeningAnOpenIncidentIsRefused() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new ReopenIncidentCommand(ID, null, sealed("why"), DSL, NOW))
                    .expectException(refusedBy("INCIDENT_NOT_CLOSED"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Corrections {

        static CorrectIncidentCommand correctOccurredAt(Instant occurredAt, ActingUser by) {
            return new CorrectIncidentCommand(ID, null, IncidentCorrected.OCCURRED_AT, null, occurredAt, null,
                    sealed("the CCTV clock"), by, NOW);
        }

        @Test
        void areAppendedWithTheNewValueTheReasonAndWhoMadeThem() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(correctOccurredAt(NOW.minusSeconds(7200), DSL))
                    .expectEvents(new IncidentCorrected(ID, "SCH-A", DSL.actor(), NOW, IncidentCorrected.OCCURRED_AT,
                            null, NOW.minusSeconds(7200), null, sealed("the CCTV clock")))
                    .expectResultMessagePayload(1L);
        }

        @Test
        void correctTheSummaryWithItsNewTextSealed() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new CorrectIncidentCommand(ID, null, IncidentCorrected.SUMMARY, sealed("what really happened"),
                            null, null, sealed("typo"), HEAD, NOW))
                    .expectEvents(new IncidentCorrected(ID, "SCH-A", HEAD.actor(), NOW, IncidentCorrected.SUMMARY,
                            sealed("what really happened"), null, null, sealed("typo")));
        }

        @Test
        void cannotMoveTheIncidentIntoTheFuture() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(correctOccurredAt(NOW.plusSeconds(3600), DSL))
                    .expectException(refusedBy("IN_THE_FUTURE"))
                    .expectNoEvents();
        }

        @Test
        void needAReason() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new CorrectIncidentCommand(ID, null, IncidentCorrected.OFF_SITE, null, null, true, null, DSL,
                            NOW))
                    .expectException(refusedBy("CORRECTION_REASON_REQUIRED"))
                    .expectNoEvents();
        }

        @Test
        void refuseAFieldThatIsNotCorrectable() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new CorrectIncidentCommand(ID, null, "category", null, null, true, sealed("why"), DSL, NOW))
                    .expectException(refusedBy("NOT_A_CORRECTABLE_FIELD"))
                    .expectNoEvents();
        }

        @Test
        void needTheValueOfTheFieldTheyName() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new CorrectIncidentCommand(ID, null, IncidentCorrected.OFF_SITE, null, NOW, null,
                            sealed("why"), DSL, NOW))
                    .expectException(refusedBy("INVALID_CORRECTION_VALUE"))
                    .expectNoEvents();
        }

        @Test
        void areRefusedOnAClosedIncident() {
            fixture.given(reported(CYBERBULLYING, PUPIL), closed(DSL))
                    .when(correctOccurredAt(NOW.minusSeconds(7200), DSL))
                    .expectException(refusedBy("INCIDENT_CLOSED"))
                    .expectNoEvents();
        }

        @Test
        void ofAnAllegationAgainstStaffAreTheHeadTeachers() {
            fixture.given(reported(STAFF_PUPIL_COMMS, TEACHER))
                    .when(correctOccurredAt(NOW.minusSeconds(7200), DSL))
                    .expectException(refusedBy("STAFF_ALLEGATION_HEAD_TEACHER_ONLY"))
                    .expectNoEvents();
        }
    }

    @Nested
    class AddingAPerson {

        @Test
        void appendsThePersonSealedWithWhoAddedThem() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new AddSubjectCommand(ID, null, VICTIM, false, DSL, NOW))
                    .expectEvents(new SubjectAdded(ID, "SCH-A", DSL.actor(), NOW, VICTIM))
                    .expectResultMessagePayload(1L);
        }

        @Test
        void refusesAPersonAlreadyInTheIncident() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new AddSubjectCommand(ID, null, PUPIL, false, DSL, NOW))
                    .expectException(refusedBy("DUPLICATE_SUBJECT"))
                    .expectNoEvents();
        }

        @Test
        void neverTurnsAnIncidentIntoAnAllegationAgainstStaffBehindTheHeadTeachersBack() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new AddSubjectCommand(ID, null, TEACHER, false, DSL, NOW))
                    .expectException(refusedBy("REPORT_AS_STAFF_ALLEGATION"))
                    .expectNoEvents();
        }

        @Test
        void aMemberOfStaffWhoWasOnlyAWitnessIsAdded() {
            Subject witness = new Subject(TEACHER_ID, SubjectType.STAFF, sealed("S-1"), Involvement.WITNESS, null, null);
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new AddSubjectCommand(ID, null, witness, false, DSL, NOW))
                    .expectEvents(new SubjectAdded(ID, "SCH-A", DSL.actor(), NOW, witness));
        }

        @Test
        void anAddedPersonCanBeSanctioned() {
            fixture.given(reported(CYBERBULLYING, PUPIL), new SubjectAdded(ID, "SCH-A", DSL.actor(), NOW, VICTIM))
                    .when(new ApplySanctionCommand(ID, null, VICTIM_ID, sealed("P-2"), SanctionType.WARNING,
                            LocalDate.parse("2026-11-21"), null, null, DSL, NOW))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void isRefusedOnAClosedIncident() {
            fixture.given(reported(CYBERBULLYING, PUPIL), closed(DSL))
                    .when(new AddSubjectCommand(ID, null, VICTIM, false, DSL, NOW))
                    .expectException(refusedBy("INCIDENT_CLOSED"))
                    .expectNoEvents();
        }
    }

    @Nested
    class RemovingAPersonRecordedByMistake {

        static RemoveSubjectCommand remove(UUID subjectId, ActingUser by) {
            return new RemoveSubjectCommand(ID, null, subjectId, sealed("wrong pupil"), by, NOW);
        }

        static SubjectRemoved removed(UUID subjectId, SubjectType type) {
            return new SubjectRemoved(ID, "SCH-A", DSL.actor(), NOW, subjectId, type, sealed("wrong pupil"));
        }

        @Test
        void appendsTheRemovalWithTheReasonAndWhoMadeIt() {
            fixture.given(reported(CYBERBULLYING, PUPIL, VICTIM))
                    .when(remove(VICTIM_ID, DSL))
                    .expectEvents(removed(VICTIM_ID, SubjectType.PUPIL))
                    .expectResultMessagePayload(1L);
        }

        @Test
        void refusesAPersonNotInTheIncident() {
            fixture.given(reported(CYBERBULLYING, PUPIL, VICTIM))
                    .when(remove(TEACHER_ID, DSL))
                    .expectException(refusedBy("SUBJECT_NOT_IN_INCIDENT"))
                    .expectNoEvents();
        }

        @Test
        void refusesAPersonAlreadyRemoved() {
            fixture.given(reported(CYBERBULLYING, PUPIL, VICTIM, TEACHER), removed(VICTIM_ID, SubjectType.PUPIL))
                    .when(remove(VICTIM_ID, HEAD))
                    .expectException(refusedBy("SUBJECT_NOT_IN_INCIDENT"))
                    .expectNoEvents();
        }

        @Test
        void refusesTheLastSubject() {
            fixture.given(reported(CYBERBULLYING, PUPIL, VICTIM), removed(VICTIM_ID, SubjectType.PUPIL))
                    .when(remove(PUPIL_ID, DSL))
                    .expectException(refusedBy("LAST_SUBJECT"))
                    .expectNoEvents();
        }

        @Test
        void aRemovedPersonCannotBeSanctioned() {
            fixture.given(reported(CYBERBULLYING, PUPIL, VICTIM), removed(VICTIM_ID, SubjectType.PUPIL))
                    .when(new ApplySanctionCommand(ID, null, VICTIM_ID, sealed("P-2"), SanctionType.WARNING,
                            LocalDate.parse("2026-11-21"), null, null, DSL, NOW))
                    .expectException(refusedBy("SANCTION_SUBJECT_NOT_IN_INCIDENT"))
                    .expectNoEvents();
        }

        @Test
        void aRemovedPersonCanStillBeErased() {
            fixture.given(reported(CYBERBULLYING, PUPIL, VICTIM), removed(VICTIM_ID, SubjectType.PUPIL))
                    .when(new EraseSubjectCommand(ID, VICTIM_ID, "Art. 17 request", DPO, NOW))
                    .expectEvents(new SubjectErased(ID, "SCH-A", DPO.actor(), NOW, VICTIM_ID, "Art. 17 request"));
        }

        @Test
        void isRefusedOnAClosedIncident() {
            fixture.given(reported(CYBERBULLYING, PUPIL, VICTIM), closed(DSL))
                    .when(remove(VICTIM_ID, DSL))
                    .expectException(refusedBy("INCIDENT_CLOSED"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Reclassification {

        @Test
        void needsAReason() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(reclassify(GROOMING, null, DSL))
                    .expectException(refusedBy("RECLASSIFICATION_REASON_REQUIRED"))
                    .expectNoEvents();
        }

        @Test
        void keepsTheEarlierCategoryOnRecord() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(reclassify(GROOMING, sealed("adult contact found"), DSL))
                    .expectEvents(new IncidentReclassified(ID, "SCH-A", DSL.actor(), NOW,
                            CYBERBULLYING.asRecordedIn(VERSION), GROOMING.asRecordedIn(VERSION),
                            sealed("adult contact found")));
        }

        @Test
        void intoAnIllegalCategoryBringsThePoliceRule() {
            fixture.given(reported(CYBERBULLYING, PUPIL),
                            new IncidentReclassified(ID, "SCH-A", DSL.actor(), NOW, CYBERBULLYING.asRecordedIn(VERSION),
                                    GROOMING.asRecordedIn(VERSION), sealed("adult contact found")))
                    .when(close(DSL))
                    .expectException(refusedBy("POLICE_REFERRAL_REQUIRED"))
                    .expectNoEvents();
        }
    }

    @Nested
    class SchoolBoundaries {

        @Test
        void aDslOfAnotherSchoolCannotActOnTheIncident() {
            fixture.given(reported(CYBERBULLYING, PUPIL))
                    .when(new AddNoteCommand(ID, null, sealed("note"), OTHER_SCHOOL_DSL, NOW))
                    .expectException(refusedBy("SCHOOL_NOT_ALLOWED"))
                    .expectNoEvents();
        }

        @Test
        void policeReferralIsRecordedWithTheActingUser() {
            fixture.given(reported(GROOMING, PUPIL))
                    .when(new RecordPoliceReferralCommand(ID, null, "West Midlands Police", sealed("CR-1"), NOW, null,
                            DSL, NOW))
                    .expectEvents(policeReferral());
        }

        @Test
        void externalReferralDecisionIsRecordedEitherWay() {
            fixture.given(reported(RADICALISATION, PUPIL))
                    .when(new RecordExternalReferralCommand(ID, null, Agency.PREVENT, ReferralDecision.NOT_REFERRED,
                            sealed("rationale"), null, NOW, DSL, NOW))
                    .expectEvents(decision(Agency.PREVENT, ReferralDecision.NOT_REFERRED, DSL));
        }
    }

    static EraseSubjectCommand erase(UUID subjectId, ActingUser by) {
        return new EraseSubjectCommand(ID, subjectId, "erasure request", by, NOW);
    }

    static SubjectErased erased(UUID subjectId) {
        return new SubjectErased(ID, "SCH-A", DPO.actor(), NOW, subjectId, "erasure request");
    }

    static DisposeIncidentCommand dispose(ActingUser by) {
        return new DisposeIncidentCommand(ID, "PUPIL_RECORD_DOB_PLUS_25", "retention ended", by, NOW);
    }

    static IncidentDisposed disposed() {
        return new IncidentDisposed(ID, "SCH-A", DPO.actor(), NOW, "PUPIL_RECORD_DOB_PLUS_25", "retention ended");
    }

    static LegalHoldPlaced held() {
        return new LegalHoldPlaced(ID, "SCH-A", DPO.actor(), NOW, "litigation");
    }

    @Nested
    class DataProtection {

        @Nested
        class Erasure {

            @Test
            void erasesOneSubjectOfTheIncident() {
                fixture.given(reported(CYBERBULLYING, PUPIL, VICTIM))
                        .when(erase(PUPIL_ID, DPO))
                        .expectSuccessfulHandlerExecution()
                        .expectEvents(erased(PUPIL_ID))
                        .expectResultMessagePayload(1L);
            }

            @Test
            void erasingAnErasedSubjectAgainChangesNothing() {
                fixture.given(reported(CYBERBULLYING, PUPIL, VICTIM), erased(PUPIL_ID))
                        .when(erase(PUPIL_ID, DPO))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents()
                        .expectResultMessagePayload(1L);
            }

            @Test
            void isRefusedUnderLegalHold() {
                fixture.given(reported(CYBERBULLYING, PUPIL, VICTIM), held())
                        .when(erase(PUPIL_ID, DPO))
                        .expectException(refusedBy("LEGAL_HOLD"))
                        .expectNoEvents();
            }

            @Test
            void anErasedSubjectCanNoLongerBeSanctioned() {
                fixture.given(reported(CYBERBULLYING, PUPIL, VICTIM), erased(PUPIL_ID))
                        .when(new ApplySanctionCommand(ID, null, PUPIL_ID, PUPIL.reference(), SanctionType.WARNING,
                                LocalDate.parse("2026-11-20"), null, null, DSL, NOW))
                        .expectException(refusedBy("SANCTION_SUBJECT_NOT_IN_INCIDENT"))
                        .expectNoEvents();
            }

            /** An erasure runs over every incident of the person: one already disposed of has nothing left to erase. */
            @Test
            void erasingFromADisposedIncidentChangesNothing() {
                fixture.given(reported(CYBERBULLYING, PUPIL), closed(DSL), disposed())
                        .when(erase(PUPIL_ID, DPO))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents()
                        .expectResultMessagePayload(2L);
            }
        }

        @Nested
        class Disposal {

            @Test
            void disposesOfAClosedIncident() {
                fixture.given(reported(CYBERBULLYING, PUPIL), closed(DSL))
                        .when(dispose(DPO))
                        .expectSuccessfulHandlerExecution()
                        .expectEvents(disposed())
                        .expectResultMessagePayload(2L);
            }

            @Test
            void isRefusedForAnOpenIncident() {
                fixture.given(reported(CYBERBULLYING, PUPIL))
                        .when(dispose(DPO))
                        .expectException(refusedBy("INCIDENT_NOT_CLOSED"))
                        .expectNoEvents();
            }

            @Test
            void disposingOfADisposedIncidentAgainChangesNothing() {
                fixture.given(reported(CYBERBULLYING, PUPIL), closed(DSL), disposed())
                        .when(dispose(DPO))
                        .expectSuccessfulHandlerExecution()
                        .expectNoEvents()
                        .expectResultMessagePayload(2L);
            }

            @Test
            void isRefusedUnderLegalHold() {
                fixture.given(reported(CYBERBULLYING, PUPIL), closed(DSL), held())
                        .when(dispose(DPO))
                        .expectException(refusedBy("LEGAL_HOLD"))
                        .expectNoEvents();
            }

            @Test
            void aDisposedIncidentRefusesNotes() {
                fixture.given(reported(CYBERBULLYING, PUPIL), closed(DSL), disposed())
                        .when(new AddNoteCommand(ID, null, sealed("late note"), DSL, NOW))
                        .expectException(refusedBy("INCIDENT_DISPOSED"))
                        .expectNoEvents();
            }

            @Test
            void aDisposedIncidentCannotBeReopened() {
                fixture.given(reported(CYBERBULLYING, PUPIL), closed(DSL), disposed())
                        .when(new ReopenIncidentCommand(ID, null, sealed("new evidence"), DSL, NOW))
                        .expectException(refusedBy("INCIDENT_DISPOSED"))
                        .expectNoEvents();
            }

            @Test
            void aDisposedIncidentCannotBePutUnderLegalHold() {
                fixture.given(reported(CYBERBULLYING, PUPIL), closed(DSL), disposed())
                        .when(new PlaceLegalHoldCommand(ID, "litigation", DPO, NOW))
                        .expectException(refusedBy("INCIDENT_DISPOSED"))
                        .expectNoEvents();
            }
        }

        @Nested
        class LegalHold {

            @Test
            void isPlacedWithItsReason() {
                fixture.given(reported(CYBERBULLYING, PUPIL))
                        .when(new PlaceLegalHoldCommand(ID, "litigation", DPO, NOW))
                        .expectSuccessfulHandlerExecution()
                        .expectEvents(held())
                        .expectResultMessagePayload(1L);
            }

            @Test
            void isReleasedWithItsReason() {
                fixture.given(reported(CYBERBULLYING, PUPIL), held())
                        .when(new ReleaseLegalHoldCommand(ID, "litigation settled", DPO, NOW))
                        .expectSuccessfulHandlerExecution()
                        .expectEvents(new LegalHoldReleased(ID, "SCH-A", DPO.actor(), NOW, "litigation settled"))
                        .expectResultMessagePayload(2L);
            }

            @Test
            void onceReleasedNoLongerStopsDisposal() {
                fixture.given(reported(CYBERBULLYING, PUPIL), closed(DSL), held(),
                                new LegalHoldReleased(ID, "SCH-A", DPO.actor(), NOW, "litigation settled"))
                        .when(dispose(DPO))
                        .expectEvents(disposed());
            }

            @Test
            void releaseWithoutAHoldIsRefused() {
                fixture.given(reported(CYBERBULLYING, PUPIL))
                        .when(new ReleaseLegalHoldCommand(ID, "litigation settled", DPO, NOW))
                        .expectException(refusedBy("NO_LEGAL_HOLD"))
                        .expectNoEvents();
            }
        }

        @Nested
        class DataProtectionOfficerOnly {

            @Test
            void anotherRoleCannotEraseASubject() {
                fixture.given(reported(CYBERBULLYING, PUPIL))
                        .when(erase(PUPIL_ID, HEAD))
                        .expectException(refusedBy("ROLE_NOT_ALLOWED"))
                        .expectNoEvents();
            }

            @Test
            void theDataProtectionOfficerOfAnotherTrustCannotActOnTheIncident() {
                fixture.given(reported(CYBERBULLYING, PUPIL))
                        .when(erase(PUPIL_ID, OTHER_TRUST_DPO))
                        .expectException(refusedBy("SCHOOL_NOT_ALLOWED"))
                        .expectNoEvents();
            }
        }
    }
}
