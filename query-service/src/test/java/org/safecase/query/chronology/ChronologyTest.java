package org.safecase.query.chronology;

import org.junit.jupiter.api.Test;
import org.safecase.events.ActionAssigned;
import org.safecase.events.ContactMethod;
import org.safecase.events.EscalationTarget;
import org.safecase.events.ParentContactDecision;
import org.safecase.events.ParentContactRecorded;
import org.safecase.events.SupportProvided;
import org.safecase.events.SupportType;
import org.safecase.events.IncidentClosed;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.Involvement;
import org.safecase.events.NoteAdded;
import org.safecase.events.Outcome;
import org.safecase.events.SanctionApplied;
import org.safecase.events.SanctionType;
import org.safecase.events.SubjectType;
import org.safecase.localstack.Http.Response;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.safecase.query.support.TestIncident.CHILD_PROTECTION;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.DSL;
import static org.safecase.query.support.TestIncident.HEAD;
import static org.safecase.query.support.TestIncident.STAFF;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.staff;
import static org.safecase.query.support.TestIncident.uniqueReference;

class ChronologyTest extends QueryServiceTest {

    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(10, ChronoUnit.DAYS);

    @Test
    void givenAPupilInTwoIncidentsThenTheirChronologyShowsBothInTimeOrderAndNeverNamesTheOtherPupil() {
        String child = uniqueReference();
        String other = uniqueReference();
        TestIncident first = incident("SCH-A");
        TestIncident second = incident("SCH-A");
        stream.send(first.reported(CYBERBULLYING, STAFF, at(0), at(1), pupil(child), affected(other)));
        // happened after the first report, before the first incident's escalation
        stream.send(second.reported(CHILD_PROTECTION, STAFF, at(2), at(2), pupil(child)));
        stream.send(first.envelope(new IncidentEscalated(first.id(), "SCH-A", DSL, at(3), EscalationTarget.DSL,
                first.sealed("reason", "Repeated messages"))));
        stream.send(sanction(first, child, SanctionType.DETENTION, at(4)));
        stream.send(sanction(first, other, SanctionType.WARNING, at(5)));
        stream.send(second.envelope(new NoteAdded(second.id(), "SCH-A", DSL, at(6),
                second.sealed("text", "Spoke to the class teacher"))));
        stream.send(first.envelope(new IncidentClosed(first.id(), "SCH-A", DSL, at(7), Outcome.INTERNAL_ACTION,
                first.sealed("summary", "Dealt with in school"))));
        awaitProjected(first, 4);
        awaitProjected(second, 1);

        Response response = chronology(child, "dsl.a");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("reference").asString()).isEqualTo(child);
        List<JsonNode> entries = entries(response);
        assertThat(entries).extracting(e -> e.get("type").asString()).containsExactly("IncidentReported",
                "IncidentReported", "IncidentEscalated", "SanctionApplied", "NoteAdded", "IncidentClosed");
        assertThat(entries).extracting(e -> e.get("incidentId").asString()).containsExactly(first.id().toString(),
                second.id().toString(), first.id().toString(), first.id().toString(), second.id().toString(),
                first.id().toString());
        assertThat(entries).extracting(e -> e.get("at").asString()).containsExactly(at(0).toString(),
                at(2).toString(), at(3).toString(), at(4).toString(), at(6).toString(), at(7).toString());
        assertThat(entries).extracting(e -> e.get("category").asString()).containsExactly("INA-CYBERBULLY", "SG-CP",
                "INA-CYBERBULLY", "INA-CYBERBULLY", "SG-CP", "INA-CYBERBULLY");
        assertThat(entries).allSatisfy(e -> assertThat(e.get("role").asString()).isEqualTo("ALLEGED"));
        assertThat(entries.get(0).get("summary").asString()).isEqualTo("Reported as Cyber-bullying (INAPPROPRIATE), "
                + "2 subjects, off site, from CPOMS. Their part: alleged. Also in it: another pupil (affected).");
        assertThat(entries.get(2).get("summary").asString()).isEqualTo("Escalated to the DSL");
        assertThat(entries.get(3).get("summary").asString()).isEqualTo("Sanction DETENTION for a pupil from 2026-11-20");
        assertThat(entries.get(4).get("summary").asString()).isEqualTo("Note added");
        assertThat(entries.get(5).get("summary").asString()).isEqualTo("Closed: INTERNAL_ACTION");
        // the other pupil is in the report by role word only, their sanction is not on this file, and no free text is
        assertThat(response.raw().body()).doesNotContain(other, "WARNING", "Repeated messages",
                "Spoke to the class teacher", "Dealt with in school", "Messages sent in the evening");

        Response theirs = chronology(other, "dsl.a");
        assertThat(entries(theirs)).extracting(e -> e.get("type").asString()).containsExactly("IncidentReported",
                "IncidentEscalated", "SanctionApplied", "IncidentClosed");
        assertThat(entries(theirs).get(0).get("role").asString()).isEqualTo("AFFECTED");
        assertThat(entries(theirs).get(0).get("summary").asString()).endsWith(
                "Their part: affected. Also in it: another pupil (alleged).");
        assertThat(theirs.raw().body()).doesNotContain(child, "DETENTION", second.id().toString());

        // every read of a file is in the read log
        eventually(() -> assertThat(http().get("/api/v1/access-log?subjectReference=" + child, "auditor").json()
                .get("items").valueStream().map(e -> e.get("action").asString())).contains("CHRONOLOGY"));
    }

    @Test
    void anUnknownReferenceHasAnEmptyChronology() {
        String unknown = uniqueReference();
        Response response = chronology(unknown, "dsl.a");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("reference").asString()).isEqualTo(unknown);
        assertThat(entries(response)).isEmpty();
    }

    @Test
    void theSchoolsLeadsAndAuditorsReadAChronologyAndNoOneElseDoes() {
        String child = uniqueReference();
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(CYBERBULLYING, pupil(child)));
        awaitProjected(incident, 0);

        for (String reader : List.of("dsl.a", "head.a", "auditor")) {
            assertThat(entries(chronology(child, reader))).as(reader).hasSize(1);
        }
        assertThat(entries(http().get("/api/v1/subjects/" + child + "/chronology?schoolId=SCH-A", "auditor")))
                .hasSize(1);
        assertThat(entries(http().get("/api/v1/subjects/" + child + "/chronology?schoolId=SCH-B", "auditor")))
                .isEmpty();
        // references are per school: another school's lead does not find this person
        assertThat(entries(chronology(child, "dsl.b"))).isEmpty();
        assertThat(http().get("/api/v1/subjects/" + child + "/chronology?schoolId=SCH-A", "dsl.b").status())
                .isEqualTo(403);
        for (String refused : List.of("staff.a", "governor.a", "governor.trust", "integration.a", "operator",
                "dpo.trust")) {
            assertThat(chronology(child, refused).status()).as(refused).isEqualTo(403);
        }
        assertThat(chronology(child, null).status()).isEqualTo(401);
    }

    @Test
    void aStaffSubjectAndAnAllegationAgainstStaffAreOnlyForTheHeadTeacherAndAuditors() {
        String teacher = "S-" + uniqueReference();
        String child = uniqueReference();
        TestIncident allegation = incident("SCH-A");
        stream.send(allegation.reported(CHILD_PROTECTION, HEAD, at(0), at(0), staff(teacher), affected(child)));
        TestIncident ordinary = incident("SCH-A");
        stream.send(ordinary.reported(CYBERBULLYING, STAFF, at(1), at(1), pupil(child)));
        awaitProjected(allegation, 0);
        awaitProjected(ordinary, 0);

        for (String reader : List.of("head.a", "auditor")) {
            List<JsonNode> file = entries(chronology(teacher, reader));
            assertThat(file).as(reader).extracting(e -> e.get("subjectType").asString()).containsExactly("STAFF");
            assertThat(file.get(0).get("summary").asString()).endsWith(
                    "Their part: alleged. Also in it: a pupil (affected).");
            assertThat(entries(chronology(child, reader))).as(reader).extracting(e -> e.get("incidentId").asString())
                    .containsExactly(allegation.id().toString(), ordinary.id().toString());
        }
        assertThat(entries(chronology(teacher, "dsl.a"))).isEmpty();
        assertThat(entries(chronology(child, "dsl.a"))).extracting(e -> e.get("incidentId").asString())
                .containsExactly(ordinary.id().toString());
        assertThat(chronology(child, "head.a").raw().body()).doesNotContain(teacher);
    }

    @Test
    void givenAnErasedPersonThenTheirChronologyIsEmptyAndTheOthersShowOnlyThatSomeoneWasErased() {
        String erased = uniqueReference();
        String other = uniqueReference();
        TestIncident first = incident("SCH-A");
        TestIncident second = incident("SCH-A");
        stream.send(first.reported(CYBERBULLYING, STAFF, at(0), at(0), pupil(erased), affected(other)),
                sanction(first, erased, SanctionType.DETENTION, at(1)));
        stream.send(second.reported(CYBERBULLYING, STAFF, at(2), at(2), pupil(erased)));
        awaitProjected(first, 1);
        awaitProjected(second, 0);
        assertThat(entries(chronology(erased, "dsl.a"))).hasSize(3);
        UUID subjectId = first.subjectId(erased);

        IncidentEventEnvelope fromFirst = first.subjectErased(erased, "Art. 17 request DPO-31");
        IncidentEventEnvelope fromSecond = second.subjectErased(erased, "Art. 17 request DPO-31");
        personalData.destroySubjectKey(subjectId);
        stream.send(fromFirst, fromSecond);
        stream.send(first.note("Noted after the erasure"));
        awaitProjected(first, 3);
        awaitProjected(second, 1);

        assertThat(entries(chronology(erased, "dsl.a"))).isEmpty();
        assertThat(entries(chronology(erased, "auditor"))).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + generations.activeSchema()
                + ".chronology_entry WHERE subject_id = ?", Long.class, subjectId)).isZero();
        assertThat(entries(chronology(other, "dsl.a"))).extracting(e -> e.get("summary").asString()).containsExactly(
                "Reported as Cyber-bullying (INAPPROPRIATE), 2 subjects, off site, from CPOMS. Their part: affected. "
                        + "Also in it: another pupil (alleged).",
                "Another person's personal data was erased", "Note added");
    }

    @Test
    void givenADisposedIncidentThenItsEntriesGiveWayToOneDisposalLine() {
        String child = uniqueReference();
        TestIncident kept = incident("SCH-A");
        TestIncident disposed = incident("SCH-A");
        stream.send(kept.reported(CYBERBULLYING, STAFF, at(0), at(0), pupil(child)));
        stream.send(disposed.reported(CYBERBULLYING, STAFF, at(1), at(1), pupil(child)),
                sanction(disposed, child, SanctionType.WARNING, at(2)));
        awaitProjected(kept, 0);
        awaitProjected(disposed, 1);

        personalData.destroyIncidentKey(disposed.id());
        stream.send(disposed.disposed("Retention ended"));
        awaitProjected(disposed, 2);

        List<JsonNode> file = entries(chronology(child, "dsl.a"));
        assertThat(file).extracting(e -> e.get("incidentId").asString(), e -> e.get("type").asString())
                .containsExactly(tuple(kept.id().toString(), "IncidentReported"),
                        tuple(disposed.id().toString(), "IncidentDisposed"));
        assertThat(file.get(1).get("summary").asString())
                .isEqualTo("Disposed of at the end of its retention (PUPIL_RECORD_DOB_PLUS_25)");
    }

    @Test
    void givenSupportAndAParentContactForTheVictimThenTheyAreOnTheVictimsFileOnlyAndSupportIsNoSanction() {
        String child = uniqueReference();
        String victim = uniqueReference();
        TestIncident incident = incident("SCH-A");
        UUID victimId = incident.subjectId(victim);
        stream.send(incident.reported(CYBERBULLYING, STAFF, at(0), at(0), pupil(child), affected(victim)));
        stream.send(incident.envelope(new SupportProvided(incident.id(), "SCH-A", DSL, at(1), victimId,
                personalData.sealFor(incident.id(), victimId, "subjectReference", victim), SubjectType.PUPIL,
                SupportType.COUNSELLING, LocalDate.parse("2026-11-23"),
                personalData.sealFor(incident.id(), victimId, "notes", "weekly with the school counsellor"))));
        stream.send(incident.envelope(new ParentContactRecorded(incident.id(), "SCH-A", DSL, at(2), victimId,
                personalData.sealFor(incident.id(), victimId, "subjectReference", victim), SubjectType.PUPIL,
                ParentContactDecision.INFORMED, at(2), ContactMethod.MEETING, null)));
        stream.send(incident.envelope(new ActionAssigned(incident.id(), "SCH-A", DSL, at(3), UUID.randomUUID(),
                incident.sealed("title", "Book the counsellor"), "dsl.a", LocalDate.now().plusDays(2))));
        awaitProjected(incident, 3);

        List<JsonNode> victimsFile = entries(chronology(victim, "dsl.a"));
        List<JsonNode> childsFile = entries(chronology(child, "dsl.a"));

        assertThat(victimsFile).extracting(e -> e.get("type").asString())
                .containsExactly("IncidentReported", "SupportProvided", "ParentContactRecorded");
        assertThat(victimsFile.get(1).get("summary").asString())
                .isEqualTo("Support for a pupil: counselling from 2026-11-23");
        assertThat(victimsFile.toString()).doesNotContain("counsellor").doesNotContain(victim);
        assertThat(childsFile).extracting(e -> e.get("type").asString()).containsExactly("IncidentReported");
        Response sanctions = http().get("/api/v1/subjects/" + victim + "/sanctions", "dsl.a");
        assertThat(sanctions.status()).isEqualTo(200);
        assertThat(sanctions.json().isEmpty()).isTrue();
    }

    @Test
    void anotherPersonIsNamedByTheKindOfPersonTheyAre() {
        assertThat(ChronologyProjection.roleWord(SubjectType.PUPIL, SubjectType.PUPIL)).isEqualTo("another pupil");
        assertThat(ChronologyProjection.roleWord(SubjectType.STAFF, SubjectType.PUPIL)).isEqualTo("a member of staff");
        assertThat(ChronologyProjection.roleWord(SubjectType.STAFF, SubjectType.STAFF))
                .isEqualTo("another member of staff");
        assertThat(ChronologyProjection.roleWord(SubjectType.PARENT_CARER, SubjectType.PUPIL))
                .isEqualTo("a parent or carer");
        assertThat(ChronologyProjection.roleWord(null, SubjectType.PUPIL)).isEqualTo("a subject");
    }

    private static Instant at(int hours) {
        return BASE.plus(hours, ChronoUnit.HOURS);
    }

    private static TestIncident.Person affected(String reference) {
        return new TestIncident.Person(SubjectType.PUPIL, reference, Involvement.AFFECTED, "Y6");
    }

    private IncidentEventEnvelope sanction(TestIncident incident, String reference, SanctionType type, Instant at) {
        UUID subjectId = incident.subjectId(reference);
        return incident.envelope(new SanctionApplied(incident.id(), "SCH-A", DSL, at, subjectId,
                personalData.sealFor(incident.id(), subjectId, "subjectReference", reference), SubjectType.PUPIL, type,
                LocalDate.parse("2026-11-20"), null, null));
    }

    private Response chronology(String reference, String user) {
        return http().get("/api/v1/subjects/" + reference + "/chronology", user);
    }

    private static List<JsonNode> entries(Response response) {
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("entries").valueStream().toList();
    }
}
