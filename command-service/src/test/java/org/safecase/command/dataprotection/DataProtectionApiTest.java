package org.safecase.command.dataprotection;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.events.Sealed;
import org.safecase.localstack.Http.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The data protection officer's calls on the command service, against the real event store. */
class DataProtectionApiTest extends CommandServiceTest {

    @Autowired
    JdbcTemplate jdbc;

    private static String pupil() {
        return "UPN-" + UUID.randomUUID();
    }

    private String report(String by, String category, String... subjects) {
        StringBuilder people = new StringBuilder();
        for (String subject : subjects) {
            people.append(people.isEmpty() ? "" : ", ").append(subject);
        }
        Response created = http().post("/api/v1/incidents", by, """
                {"schoolId": "SCH-A", "category": "%s", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "What happened", "subjects": [%s]}""".formatted(category, people));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("incidentId").asString();
    }

    private static String person(String type, String reference, String involvement, String dateOfBirth) {
        return """
                {"type": "%s", "reference": "%s", "involvement": "%s"%s}""".formatted(type, reference, involvement,
                dateOfBirth == null ? "" : ", \"dateOfBirth\": \"" + dateOfBirth + "\"");
    }

    private Response erase(String user, String reference) {
        return http().post("/api/v1/subjects/" + reference + "/erasure", user,
                "{\"schoolId\": \"SCH-A\", \"reason\": \"Art. 17 request DPO-7\"}");
    }

    private long events(String incidentId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                incidentId);
    }

    private JsonNode eventsRead(String incidentId) {
        return http().get("/api/v1/incidents/" + incidentId + "/events", "auditor").json();
    }

    @Test
    void givenAPersonInTwoIncidentsWhenErasedThenEachHasAnErasureAndTheirFieldsReadAsErasedForGood() {
        String reference = pupil();
        String other = pupil();
        String first = report("dsl.a", "INA-CYBERBULLY", person("PUPIL", reference, "ALLEGED", "2013-02-03"),
                person("PUPIL", other, "AFFECTED", null));
        String second = report("dsl.a", "INA-OFFENSIVE-MSG", person("PUPIL", reference, "ALLEGED", null));
        http().post("/api/v1/incidents/" + first + "/sanctions", "dsl.a",
                "{\"subjectReference\": \"%s\", \"type\": \"WARNING\", \"startsOn\": \"2026-11-21\", \"notes\": \"Said sorry\"}"
                        .formatted(reference));

        Response erased = erase("dpo.trust", reference);

        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("reference").asString()).isEqualTo(reference);
        assertThat(erased.json().get("incidents").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder(first, second);
        JsonNode stream = eventsRead(first);
        assertThat(stream.get(2).get("type").asString()).isEqualTo("SubjectErased");
        assertThat(stream.get(2).get("actor").get("role").asString()).isEqualTo("DPO");
        assertThat(stream.get(2).get("payload").get("reason").asString()).isEqualTo("Art. 17 request DPO-7");
        assertThat(stream.toString()).doesNotContain(reference).doesNotContain("2013-02-03").doesNotContain("Said sorry")
                .contains(other).contains("What happened");
        assertThat(stream.get(1).get("payload").get("subjectReference").asString()).isEqualTo(Sealed.ERASED);
        assertThat(stream.get(0).get("payload").get("subjects").get(0).get("reference").asString()).isEqualTo(Sealed.ERASED);
        // the reference now names nobody: the same reference reported again is a new person
        assertThat(erase("dpo.trust", reference).json().get("incidents").isEmpty()).isTrue();
        assertThat(events(first)).isEqualTo(3);
        assertThat(http().post("/api/v1/incidents/" + first + "/sanctions", "dsl.a",
                "{\"subjectReference\": \"%s\", \"type\": \"WARNING\", \"startsOn\": \"2026-11-22\"}".formatted(reference))
                .json().get("rule").asString()).isEqualTo("SANCTION_SUBJECT_NOT_IN_INCIDENT");
    }

    /** Found by the API fuzz (issue 9): the answer named the disposed incident, where nothing was written. */
    @Test
    void givenAPersonInADisposedIncidentAndAnOpenOne_whenErased_expectOnlyTheOpenOneNamedAndGivenAnErasure() {
        String reference = pupil();
        String disposed = report("dsl.a", "INA-CYBERBULLY", person("PUPIL", reference, "ALLEGED", null));
        String open = report("dsl.a", "INA-OFFENSIVE-MSG", person("PUPIL", reference, "ALLEGED", null));
        http().post("/api/v1/incidents/" + disposed + "/closure", "dsl.a", "{\"outcome\": \"INTERNAL_ACTION\", \"summary\": \"done\"}");
        assertThat(http().post("/api/v1/incidents/" + disposed + "/disposal", "dpo.trust", "{\"reason\": \"due\"}").status())
                .isEqualTo(200);
        long eventsOfTheDisposed = events(disposed);

        Response erased = erase("dpo.trust", reference);

        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("incidents").valueStream().map(JsonNode::asString)).containsExactly(open);
        assertThat(events(disposed)).isEqualTo(eventsOfTheDisposed);
        assertThat(events(open)).isEqualTo(2);
    }

    @Test
    void givenAnIncidentUnderLegalHoldThenErasureAndDisposalAreRefusedAndChangeNothingUntilReleased() {
        String reference = pupil();
        String held = report("dsl.a", "INA-CYBERBULLY", person("PUPIL", reference, "ALLEGED", null));
        String free = report("dsl.a", "INA-CYBERBULLY", person("PUPIL", reference, "ALLEGED", null));
        http().post("/api/v1/incidents/" + held + "/closure", "dsl.a", "{\"outcome\": \"INTERNAL_ACTION\", \"summary\": \"done\"}");
        assertThat(http().post("/api/v1/incidents/" + held + "/legal-hold", "dpo.trust", "{\"reason\": \"Claim 2026/113\"}")
                .status()).isEqualTo(200);

        Response erasure = erase("dpo.trust", reference);
        Response disposal = http().post("/api/v1/incidents/" + held + "/disposal", "dpo.trust", "{\"reason\": \"due\"}");

        assertThat(erasure.status()).isEqualTo(409);
        assertThat(erasure.json().get("rule").asString()).isEqualTo("LEGAL_HOLD");
        assertThat(disposal.json().get("rule").asString()).isEqualTo("LEGAL_HOLD");
        assertThat(events(held)).isEqualTo(3);
        assertThat(events(free)).isEqualTo(1);
        assertThat(eventsRead(free).toString()).contains(reference);

        assertThat(http().post("/api/v1/incidents/" + held + "/legal-hold/release", "dpo.trust",
                "{\"reason\": \"Claim settled\"}").status()).isEqualTo(200);
        assertThat(erase("dpo.trust", reference).json().get("incidents")).hasSize(2);
    }

    @Test
    void givenAClosedIncidentWhenDisposedThenEveryPersonalFieldIsErasedItsSkeletonStaysAndItTakesNoMoreChanges() {
        String reference = pupil();
        String id = report("dsl.a", "ILL-GROOMING", person("PUPIL", reference, "AFFECTED", "2014-01-01"));
        String path = "/api/v1/incidents/" + id;
        http().post(path + "/police-referrals", "dsl.a",
                "{\"force\": \"West Midlands Police\", \"crimeReference\": \"CR-55\", \"referredAt\": \"2026-11-20T11:00:00Z\"}");
        http().post(path + "/external-referrals", "dsl.a", """
                {"agency": "LA_SAFEGUARDING", "decision": "REFERRED", "rationale": "told the LA officer",
                 "decidedAt": "2026-11-20T12:00:00Z"}""");
        Response open = http().post(path + "/disposal", "dpo.trust", "{\"reason\": \"due\"}");
        http().post(path + "/closure", "dsl.a", "{\"outcome\": \"POLICE_ACTION\", \"summary\": \"With the police\"}");

        Response disposed = http().post(path + "/disposal", "dpo.trust", "{\"reason\": \"Retention reviewed\"}");
        Response again = http().post(path + "/disposal", "dpo.trust", "{\"reason\": \"Retention reviewed\"}");

        assertThat(open.json().get("rule").asString()).isEqualTo("INCIDENT_NOT_CLOSED");
        assertThat(disposed.status()).isEqualTo(200);
        assertThat(disposed.json().get("version").asLong()).isEqualTo(4);
        assertThat(again.json().get("version").asLong()).isEqualTo(4);
        JsonNode stream = eventsRead(id);
        assertThat(stream).hasSize(5);
        assertThat(stream.toString()).doesNotContain(reference).doesNotContain("CR-55").doesNotContain("With the police")
                .doesNotContain("2014-01-01").contains("West Midlands Police").contains("ILL-GROOMING");
        assertThat(stream.get(4).get("type").asString()).isEqualTo("IncidentDisposed");
        assertThat(stream.get(4).get("payload").get("retentionRule").asString()).isEqualTo("CHILD_PROTECTION_DOB_PLUS_25");
        assertThat(stream.get(0).get("payload").get("summary").asString()).isEqualTo(Sealed.ERASED);
        Response note = http().post(path + "/notes", "dsl.a", "{\"text\": \"late\"}");
        assertThat(note.status()).isEqualTo(409);
        assertThat(note.json().get("rule").asString()).isEqualTo("INCIDENT_DISPOSED");
        assertThat(events(id)).isEqualTo(5);
    }

    @Test
    void givenASubjectAccessRequestThenTheExportHoldsTheirDataAndNeverNamesAnotherPupil() {
        String reference = pupil();
        String other = pupil();
        String id = report("dsl.a", "INA-CYBERBULLY", person("PUPIL", reference, "AFFECTED", "2014-06-07"),
                person("PUPIL", other, "ALLEGED", "2013-01-01"));
        String path = "/api/v1/incidents/" + id;
        http().post(path + "/sanctions", "dsl.a",
                "{\"subjectReference\": \"%s\", \"type\": \"DETENTION\", \"startsOn\": \"2026-11-21\", \"notes\": \"Other's notes\"}"
                        .formatted(other));
        http().post(path + "/sanctions", "dsl.a",
                "{\"subjectReference\": \"%s\", \"type\": \"WARNING\", \"startsOn\": \"2026-11-21\", \"notes\": \"Own notes\"}"
                        .formatted(reference));

        Response export = http().get("/api/v1/subjects/" + reference + "/export?schoolId=SCH-A", "dpo.trust");

        assertThat(export.status()).isEqualTo(200);
        String body = export.raw().body();
        assertThat(body).doesNotContain(other).doesNotContain("2013-01-01").doesNotContain("Other's notes");
        JsonNode incident = export.json().get("incidents").get(0);
        assertThat(incident.get("incidentId").asString()).isEqualTo(id);
        assertThat(incident.get("subject").get("reference").asString()).isEqualTo(reference);
        assertThat(incident.get("subject").get("dateOfBirth").asString()).isEqualTo("2014-06-07");
        List<JsonNode> events = incident.get("events").valueStream().toList();
        assertThat(events.get(0).get("content").get("subjects").get(1).get("person").asString()).isEqualTo("another pupil");
        assertThat(events.get(1).get("content").get("person").asString()).isEqualTo("another pupil");
        assertThat(events.get(2).get("content").get("notes").asString()).isEqualTo("Own notes");
        assertThat(export.json().get("notice").asString()).contains("review");
        assertThat(http().get("/api/v1/subjects/" + pupil() + "/export?schoolId=SCH-A", "dpo.trust").json()
                .get("incidents").isEmpty()).isTrue();
    }

    @Test
    void givenPeopleAddedAfterTheReportThenEachExportHoldsItsOwnDataAndNamesNoOneElse() {
        String reported = pupil();
        String added = pupil();
        String id = report("dsl.a", "INA-CYBERBULLY", person("PUPIL", reported, "AFFECTED", null));
        assertThat(http().post("/api/v1/incidents/" + id + "/subjects", "dsl.a", """
                {"type": "PUPIL", "reference": "%s", "involvement": "WITNESS", "dateOfBirth": "2013-08-09"}"""
                .formatted(added)).status()).isEqualTo(200);

        String ofReported = http().get("/api/v1/subjects/" + reported + "/export?schoolId=SCH-A", "dpo.trust").raw().body();
        JsonNode ofAdded = http().get("/api/v1/subjects/" + added + "/export?schoolId=SCH-A", "dpo.trust").json();

        assertThat(ofReported).doesNotContain(added).doesNotContain("2013-08-09").contains("another pupil");
        assertThat(ofAdded.toString()).doesNotContain(reported);
        JsonNode incident = ofAdded.get("incidents").get(0);
        assertThat(incident.get("subject").get("reference").asString()).isEqualTo(added);
        assertThat(incident.get("subject").get("dateOfBirth").asString()).isEqualTo("2013-08-09");
    }

    @Test
    void onlyTheDataProtectionOfficerOfTheSchoolsTrustMayEraseDisposeHoldExportOrReadRetention() {
        String reference = pupil();
        String id = report("dsl.a", "INA-CYBERBULLY", person("PUPIL", reference, "AFFECTED", null));
        for (String user : List.of("dsl.a", "head.a", "auditor", "integration.a", "operator", "governor.a")) {
            assertThat(erase(user, reference).status()).as(user).isEqualTo(403);
            assertThat(http().post("/api/v1/incidents/" + id + "/disposal", user, "{\"reason\": \"r\"}").status()).as(user)
                    .isEqualTo(403);
            assertThat(http().post("/api/v1/incidents/" + id + "/legal-hold", user, "{\"reason\": \"r\"}").status()).as(user)
                    .isEqualTo(403);
            assertThat(http().get("/api/v1/subjects/" + reference + "/export?schoolId=SCH-A", user).status()).as(user)
                    .isEqualTo(403);
            assertThat(http().get("/api/v1/retention/due", user).status()).as(user).isEqualTo(403);
        }
        Response otherTrust = http().post("/api/v1/subjects/" + reference + "/erasure", "dpo.trust",
                "{\"schoolId\": \"SCH-Z\", \"reason\": \"r\"}");
        assertThat(otherTrust.status()).isEqualTo(403);
        assertThat(events(id)).isEqualTo(1);
        assertThat(eventsRead(id).toString()).contains(reference);
    }

    @Test
    void aReasonIsRequiredAndMayNotCarryControlCharacters() {
        String id = report("dsl.a", "INA-CYBERBULLY", person("PUPIL", pupil(), "AFFECTED", null));

        Response missing = http().post("/api/v1/incidents/" + id + "/legal-hold", "dpo.trust", "{}");
        Response control = http().post("/api/v1/incidents/" + id + "/legal-hold", "dpo.trust", "{\"reason\": \"a\\u0007b\"}");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(control.status()).isEqualTo(400);
        assertThat(events(id)).isEqualTo(1);
    }
}
