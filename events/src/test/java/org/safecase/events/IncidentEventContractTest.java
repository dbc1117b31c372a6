package org.safecase.events;

import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentEventContractTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final UUID ID = UUID.randomUUID();
    static final Actor DSL = new Actor("dsl.a", Role.DSL);
    static final Instant AT = Instant.parse("2026-11-20T10:15:00Z");
    static final CategoryRef GROOMING = new CategoryRef("ILL-GROOMING", "Grooming", Classification.ILLEGAL,
            List.of(Requirement.POLICE_REFERRAL), "2026.1");

    static final UUID SUBJECT = UUID.randomUUID();
    static final Sealed SEALED = Sealed.ciphertext("AQIDBA==");

    static final List<IncidentEvent> ONE_OF_EACH = List.of(
            new IncidentReported(ID, "SCH-A", DSL, AT, GROOMING, AT.minusSeconds(60), SEALED,
                    List.of(new Subject(SUBJECT, SubjectType.PUPIL, SEALED, Involvement.AFFECTED, SEALED, null)), true,
                    new Source("CPOMS", "7731"), false, List.of(), null),
            new IncidentEscalated(ID, "SCH-A", DSL, AT, EscalationTarget.DSL, SEALED),
            new PoliceReferralMade(ID, "SCH-A", DSL, AT, "West Midlands Police", SEALED, AT, SEALED),
            new ExternalReferralRecorded(ID, "SCH-A", DSL, AT, Agency.CEOP, ReferralDecision.REFERRED, SEALED, SEALED, AT),
            new SanctionApplied(ID, "SCH-A", DSL, AT, SUBJECT, SEALED, SubjectType.PUPIL, SanctionType.ACCESS_SUSPENSION,
                    LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-27"), null),
            new NoteAdded(ID, "SCH-A", DSL, AT, SEALED),
            new IncidentReclassified(ID, "SCH-A", DSL, AT, GROOMING, GROOMING, SEALED),
            new IncidentClosed(ID, "SCH-A", DSL, AT, Outcome.POLICE_ACTION, SEALED),
            new IncidentReopened(ID, "SCH-A", DSL, AT, SEALED),
            new SubjectErased(ID, "SCH-A", new Actor("dpo.trust", Role.DPO), AT, SUBJECT, "Art. 17 request DPO-12"),
            new IncidentDisposed(ID, "SCH-A", new Actor("dpo.trust", Role.DPO), AT, "PUPIL_RECORD_DOB_PLUS_25", "review done"),
            new LegalHoldPlaced(ID, "SCH-A", new Actor("dpo.trust", Role.DPO), AT, "claim 2026/113"),
            new LegalHoldReleased(ID, "SCH-A", new Actor("dpo.trust", Role.DPO), AT, "claim settled"),
            new IncidentCorrected(ID, "SCH-A", DSL, AT, IncidentCorrected.OCCURRED_AT, null, AT.minusSeconds(3600), null,
                    SEALED),
            new SubjectRemoved(ID, "SCH-A", DSL, AT, SUBJECT, SubjectType.PUPIL, SEALED),
            new SubjectAdded(ID, "SCH-A", DSL, AT, new Subject(SUBJECT, SubjectType.PUPIL, SEALED, Involvement.WITNESS,
                    SEALED, SEALED)),
            new ParentContactRecorded(ID, "SCH-A", DSL, AT, SUBJECT, SEALED, SubjectType.PUPIL,
                    ParentContactDecision.INFORMED, AT, ContactMethod.PHONE, null),
            new SupportProvided(ID, "SCH-A", DSL, AT, SUBJECT, SEALED, SubjectType.PUPIL, SupportType.COUNSELLING,
                    LocalDate.parse("2026-11-23"), SEALED),
            new ActionAssigned(ID, "SCH-A", DSL, AT, UUID.randomUUID(), SEALED, "dsl.a", LocalDate.parse("2026-11-24")),
            new ActionCompleted(ID, "SCH-A", DSL, AT, UUID.randomUUID(), SEALED),
            new EvidenceRecorded(ID, "SCH-A", DSL, AT, UUID.randomUUID(), EvidenceKind.URL, SEALED, SEALED, AT, null),
            new DeviceSeized(ID, "SCH-A", DSL, AT, UUID.randomUUID(), SEALED, SUBJECT, SEALED, SubjectType.PUPIL,
                    DeviceLegalBasis.EDUCATION_ACT_SEARCH, AT),
            new DeviceHandedOver(ID, "SCH-A", DSL, AT, UUID.randomUUID(), DeviceRecipient.POLICE, AT));

    @Test
    void everyEventTypeHasAStableNameAndASchemaRevision() {
        assertThat(IncidentEventTypes.all()).extracting(IncidentEventTypes::typeName).containsExactly(
                "IncidentReported", "IncidentEscalated", "PoliceReferralMade", "ExternalReferralRecorded",
                "SanctionApplied", "NoteAdded", "IncidentReclassified", "IncidentClosed", "IncidentReopened",
                "SubjectErased", "IncidentDisposed", "LegalHoldPlaced", "LegalHoldReleased", "IncidentCorrected",
                "SubjectRemoved", "SubjectAdded", "ParentContactRecorded", "SupportProvided", "ActionAssigned",
                "ActionCompleted", "EvidenceRecorded", "DeviceSeized", "DeviceHandedOver");
        assertThat(IncidentEventTypes.all()).allSatisfy(type -> assertThat(type.getAnnotation(Revision.class)).isNotNull());
        assertThat(IncidentEventTypes.all()).allSatisfy(type -> assertThat(type.isRecord()).isTrue());
    }

    @Test
    void everyPermittedEventIsRegistered() {
        assertThat(IncidentEvent.class.getPermittedSubclasses()).containsExactlyInAnyOrderElementsOf(IncidentEventTypes.all());
    }

    @Test
    void everyEventSurvivesAJsonRoundTripByItsTypeName() {
        for (IncidentEvent event : ONE_OF_EACH) {
            JsonNode json = JSON.valueToTree(event);
            Class<? extends IncidentEvent> type = IncidentEventTypes.forName(IncidentEventTypes.typeName(event.getClass())).orElseThrow();

            assertThat(JSON.treeToValue(json, type)).isEqualTo(event);
            assertThat(json.get("recordedAt").asString()).isEqualTo("2026-11-20T10:15:00Z");
        }
    }

    @Test
    void givenAReportWithoutACaseManagerThenItIsWrittenAsBeforeSoThatTheHashesOfEarlierReportsHold() {
        IncidentReported ordinary = (IncidentReported) ONE_OF_EACH.get(0);
        IncidentReported againstHead = new IncidentReported(ID, "SCH-A", DSL, AT, GROOMING, AT, SEALED, List.of(), false,
                null, true, List.of(Agency.LADO), Role.CHAIR_OF_GOVERNORS);

        assertThat(JSON.valueToTree(ordinary).has("caseManager")).isFalse();
        assertThat(JSON.valueToTree(againstHead).get("caseManager").asString()).isEqualTo("CHAIR_OF_GOVERNORS");
        assertThat(againstHead.againstHeadTeacher()).isTrue();
        assertThat(JSON.valueToTree(againstHead).has("againstHeadTeacher")).isFalse();
    }

    @Test
    void anUnknownTypeNameIsNotAnEvent() {
        assertThat(IncidentEventTypes.forName("IncidentDeleted")).isEmpty();
    }

    @Test
    void givenAPersonalFieldWhenSerialisedThenOnlyItsCiphertextIsWritten() {
        JsonNode json = JSON.valueToTree(ONE_OF_EACH.get(0));

        assertThat(json.get("summary").properties()).extracting(java.util.Map.Entry::getKey).containsExactly("ciphertext");
        assertThat(json.at("/subjects/0/reference/ciphertext").asString()).isEqualTo("AQIDBA==");
        assertThat(json.at("/subjects/0/subjectId").asString()).isEqualTo(SUBJECT.toString());
    }

    @Test
    void givenARevisionOneEventInClearWhenUpcastThenItsTextIsALegacyClearFieldAndItsSubjectsHaveIds() {
        tools.jackson.databind.node.ObjectNode v1 = (tools.jackson.databind.node.ObjectNode) JSON.readTree("""
                {"incidentId": "%s", "schoolId": "SCH-A", "actor": {"userId": "staff.a", "role": "STAFF"},
                 "recordedAt": "2026-11-20T10:15:00Z",
                 "category": {"code": "ILL-GROOMING", "name": "Grooming", "classification": "ILLEGAL",
                              "requirements": ["POLICE_REFERRAL"], "catalogueVersion": "2026.1"},
                 "occurredAt": "2026-11-20T09:00:00Z", "summary": "old summary",
                 "subjects": [{"type": "PUPIL", "reference": "UPN-1", "involvement": "AFFECTED", "yearGroup": "Y6"}],
                 "offSite": false, "source": null, "allegationAgainstStaff": false, "suggestedReferrals": []}
                """.formatted(ID));

        assertThat(LegacyEvents.isClear("IncidentReported", 1)).isTrue();
        IncidentReported upcast = JSON.treeToValue(LegacyEvents.upcast("IncidentReported", v1), IncidentReported.class);

        assertThat(upcast.summary()).isEqualTo(Sealed.legacyClear("old summary"));
        assertThat(upcast.subjects().get(0).reference()).isEqualTo(Sealed.legacyClear("UPN-1"));
        assertThat(upcast.subjects().get(0).yearGroup()).isEqualTo(Sealed.legacyClear("Y6"));
        assertThat(upcast.subjects().get(0).subjectId()).isEqualTo(LegacyEvents.subjectId(ID.toString(), "UPN-1"));
    }

    @Test
    void givenARevisionOneSanctionWhenUpcastThenItNamesTheSameSubjectAsItsReport() {
        tools.jackson.databind.node.ObjectNode v1 = (tools.jackson.databind.node.ObjectNode) JSON.readTree("""
                {"incidentId": "%s", "schoolId": "SCH-A", "actor": {"userId": "dsl.a", "role": "DSL"},
                 "recordedAt": "2026-11-20T10:15:00Z", "subjectReference": "UPN-1", "subjectType": "PUPIL",
                 "type": "DETENTION", "startsOn": "2026-11-21", "endsOn": null, "notes": "n"}
                """.formatted(ID));

        SanctionApplied upcast = JSON.treeToValue(LegacyEvents.upcast("SanctionApplied", v1), SanctionApplied.class);

        assertThat(upcast.subjectId()).isEqualTo(LegacyEvents.subjectId(ID.toString(), "UPN-1"));
        assertThat(upcast.subjectReference()).isEqualTo(Sealed.legacyClear("UPN-1"));
        assertThat(LegacyEvents.isClear("SanctionApplied", 2)).isFalse();
        assertThat(LegacyEvents.isClear("SubjectErased", 1)).isFalse();
    }
}
