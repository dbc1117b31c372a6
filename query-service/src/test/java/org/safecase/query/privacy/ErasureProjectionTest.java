package org.safecase.query.privacy;

import org.junit.jupiter.api.Test;
import java.time.Instant;
import org.safecase.events.ParentContactDecision;
import org.safecase.events.ParentContactRecorded;
import org.safecase.events.SupportType;
import org.safecase.events.SupportProvided;
import org.safecase.events.EventHashes;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.SanctionType;
import org.safecase.events.Sealed;
import org.safecase.events.SubjectType;
import org.safecase.localstack.Http.Response;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.uniqueReference;

/** Erasure and disposal reach every read model at once, and a record written in clear before encryption still reads. */
class ErasureProjectionTest extends QueryServiceTest {

    @Test
    void givenAnErasedPersonThenTheirReferenceAndWhatWasRecordedAgainstThemAreGoneFromEveryIncidentButTheRestStays() {
        String erased = uniqueReference();
        String other = uniqueReference();
        TestIncident first = incident("SCH-A");
        TestIncident second = incident("SCH-A");
        stream.send(first.reported(CYBERBULLYING, pupil(erased), pupil(other)),
                first.sanction(erased, SubjectType.PUPIL, SanctionType.DETENTION, LocalDate.parse("2026-11-20"), null,
                        "Detention after school"),
                first.sanction(other, SubjectType.PUPIL, SanctionType.WARNING, LocalDate.parse("2026-11-20"), null,
                        "Warned in person"),
                first.note("Both pupils spoken to"));
        stream.send(second.reported(CYBERBULLYING, pupil(erased)),
                second.sanction(erased, SubjectType.PUPIL, SanctionType.WARNING, LocalDate.parse("2026-11-21"), null,
                        "Second warning"));
        awaitProjected(first, 3);
        awaitProjected(second, 1);
        assertThat(sanctionsOf(erased)).hasSize(2);

        IncidentEventEnvelope fromFirst = first.subjectErased(erased, "Art. 17 request DPO-12");
        IncidentEventEnvelope fromSecond = second.subjectErased(erased, "Art. 17 request DPO-12");
        personalData.destroySubjectKey(first.subjectId(erased));
        stream.send(fromFirst, fromSecond);
        awaitProjected(first, 4);
        awaitProjected(second, 2);

        List<JsonNode> timeline = timeline(first);
        assertThat(timeline.get(1).get("detail").asString()).isEqualTo(Sealed.ERASED);
        assertThat(timeline.get(1).has("subjectReference")).isFalse();
        assertThat(timeline.get(2).get("detail").asString()).isEqualTo("Warned in person");
        assertThat(timeline.get(2).get("subjectReference").asString()).isEqualTo(other);
        assertThat(timeline.get(3).get("detail").asString()).isEqualTo("Both pupils spoken to");
        assertThat(timeline.get(0).get("detail").asString()).isEqualTo("Messages sent in the evening");
        assertThat(timeline.get(4).get("summary").asString()).isEqualTo("A person's personal data was erased");
        assertThat(timeline.get(4).get("detail").asString()).isEqualTo("Art. 17 request DPO-12");
        assertThat(timeline(second).get(1).get("detail").asString()).isEqualTo(Sealed.ERASED);
        assertThat(sanctionsOf(erased)).isEmpty();
        assertThat(sanctionsOf(other)).hasSize(1);
        assertThat(storedText(first)).doesNotContain(erased, "Detention after school");
    }

    @Test
    void givenAnErasedPersonThenTheSupportAndParentContactsRecordedForThemAreErasedToo() {
        String erased = uniqueReference();
        TestIncident incident = incident("SCH-A");
        UUID subjectId = incident.subjectId(erased);
        stream.send(incident.reported(CYBERBULLYING, pupil(erased)),
                incident.envelope(new SupportProvided(incident.id(), "SCH-A", TestIncident.DSL, Instant.now(), subjectId,
                        personalData.sealFor(incident.id(), subjectId, "subjectReference", erased), SubjectType.PUPIL,
                        SupportType.COUNSELLING, LocalDate.parse("2026-11-23"),
                        personalData.sealFor(incident.id(), subjectId, "notes", "Sessions with the counsellor"))),
                incident.envelope(new ParentContactRecorded(incident.id(), "SCH-A", TestIncident.DSL, Instant.now(),
                        subjectId, personalData.sealFor(incident.id(), subjectId, "subjectReference", erased),
                        SubjectType.PUPIL, ParentContactDecision.NOT_INFORMED, Instant.now(), null,
                        personalData.sealFor(incident.id(), subjectId, "rationale", "Risk at home"))));
        awaitProjected(incident, 2);
        assertThat(timeline(incident).get(1).get("detail").asString()).isEqualTo("Sessions with the counsellor");

        IncidentEventEnvelope erasure = incident.subjectErased(erased, "Art. 17 request DPO-13");
        personalData.destroySubjectKey(subjectId);
        stream.send(erasure);
        awaitProjected(incident, 3);

        List<JsonNode> timeline = timeline(incident);
        assertThat(timeline.get(1).get("detail").asString()).isEqualTo(Sealed.ERASED);
        assertThat(timeline.get(1).has("subjectReference")).isFalse();
        assertThat(timeline.get(2).get("detail").asString()).isEqualTo(Sealed.ERASED);
        assertThat(storedText(incident)).doesNotContain(erased, "Sessions with the counsellor", "Risk at home");
    }

    @Test
    void givenADisposedIncidentThenEveryPersonalTextIsErasedButItsSkeletonAndTheReasonStay() {
        String pupil = uniqueReference();
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(CYBERBULLYING, pupil(pupil)),
                incident.referredToPolice("West Midlands Police", "CR-77", "Spoke to PC"),
                incident.sanction(pupil, SubjectType.PUPIL, SanctionType.WARNING, LocalDate.parse("2026-11-20"), null, null),
                incident.closed(org.safecase.events.Outcome.INTERNAL_ACTION, "Dealt with in school"));
        awaitProjected(incident, 3);

        personalData.destroyIncidentKey(incident.id());
        stream.send(incident.disposed("Retention ended, reviewed by the DPO"));
        awaitProjected(incident, 4);

        List<JsonNode> timeline = timeline(incident);
        assertThat(timeline).extracting(e -> e.get("summary").asString()).containsExactly(
                "Reported as Cyber-bullying (INAPPROPRIATE), 1 subject, off site, from CPOMS",
                "Referred to West Midlands Police", "Sanction WARNING for a pupil from 2026-11-20",
                "Closed: INTERNAL_ACTION", "Disposed of at the end of its retention (PUPIL_RECORD_DOB_PLUS_25)");
        assertThat(timeline.subList(0, 4)).allSatisfy(entry -> {
            assertThat(entry.has("subjectReference")).isFalse();
            assertThat(entry.path("detail").asString(Sealed.ERASED)).isEqualTo(Sealed.ERASED);
        });
        assertThat(timeline.get(4).get("detail").asString()).isEqualTo("Retention ended, reviewed by the DPO");
        assertThat(sanctionsOf(pupil)).isEmpty();
        assertThat(storedText(incident)).doesNotContain(pupil, "CR-77", "Spoke to PC", "Dealt with in school");
    }

    @Test
    void givenARecordWrittenInClearBeforeEncryptionThenItIsStillProjectedAsItWas() {
        TestIncident incident = incident("SCH-A");
        String pupil = uniqueReference();
        IncidentEventEnvelope reported = incident.reported(CYBERBULLYING, pupil(pupil));
        ObjectNode v1 = json.valueToTree(reported);
        ObjectNode payload = (ObjectNode) v1.get("payload");
        payload.put("summary", "Written before encryption");
        ObjectNode subject = (ObjectNode) payload.get("subjects").get(0);
        subject.remove("subjectId");
        subject.remove("dateOfBirth");
        subject.put("reference", pupil);
        subject.put("yearGroup", "Y6");
        v1.put("schemaVersion", 1);
        v1.put("hash", EventHashes.hash(v1)); // a record of before the chain gets its hash by the one-time step
        stream.sendRaw(incident.id().toString(), json.writeValueAsBytes(v1));
        awaitProjected(incident, 0);

        assertThat(timeline(incident).get(0).get("detail").asString()).isEqualTo("Written before encryption");
        assertThat(timeline(incident).get(0).get("summary").asString()).contains("1 subject");
    }

    private List<JsonNode> timeline(TestIncident incident) {
        Response response = http().get(incident.path() + "/timeline", "dsl.a");
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("entries").valueStream().toList();
    }

    private List<JsonNode> sanctionsOf(String reference) {
        Response response = http().get("/api/v1/subjects/" + reference + "/sanctions", "dsl.a");
        assertThat(response.status()).isEqualTo(200);
        return response.json().valueStream().toList();
    }

    /** Every row of every projection table about the incident, as text. */
    private String storedText(TestIncident incident) {
        String schema = generations.activeSchema();
        return String.join("\n", jdbc.queryForList("SELECT t::text FROM " + schema + ".timeline_entry t WHERE incident_id = ?",
                String.class, incident.id()))
                + jdbc.queryForList("SELECT t::text FROM " + schema + ".sanction t WHERE incident_id = ?", String.class,
                incident.id());
    }
}
