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

    static final List<IncidentEvent> ONE_OF_EACH = List.of(
            new IncidentReported(ID, "SCH-A", DSL, AT, GROOMING, AT.minusSeconds(60), "summary",
                    List.of(new Subject(SubjectType.PUPIL, "P-1", Involvement.AFFECTED, "Y6")), true,
                    new Source("CPOMS", "7731"), false, List.of()),
            new IncidentEscalated(ID, "SCH-A", DSL, AT, EscalationTarget.DSL, "reason"),
            new PoliceReferralMade(ID, "SCH-A", DSL, AT, "West Midlands Police", "CR-1", AT, "notes"),
            new ExternalReferralRecorded(ID, "SCH-A", DSL, AT, Agency.CEOP, ReferralDecision.REFERRED, "why", "ref", AT),
            new SanctionApplied(ID, "SCH-A", DSL, AT, "P-1", SubjectType.PUPIL, SanctionType.ACCESS_SUSPENSION,
                    LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-27"), null),
            new NoteAdded(ID, "SCH-A", DSL, AT, "text"),
            new IncidentReclassified(ID, "SCH-A", DSL, AT, GROOMING, GROOMING, "reason"),
            new IncidentClosed(ID, "SCH-A", DSL, AT, Outcome.POLICE_ACTION, "summary"),
            new IncidentReopened(ID, "SCH-A", DSL, AT, "reason"));

    @Test
    void everyEventTypeHasAStableNameAndASchemaRevision() {
        assertThat(IncidentEventTypes.all()).extracting(IncidentEventTypes::typeName).containsExactly(
                "IncidentReported", "IncidentEscalated", "PoliceReferralMade", "ExternalReferralRecorded",
                "SanctionApplied", "NoteAdded", "IncidentReclassified", "IncidentClosed", "IncidentReopened");
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
    void anUnknownTypeNameIsNotAnEvent() {
        assertThat(IncidentEventTypes.forName("IncidentDeleted")).isEmpty();
    }
}
