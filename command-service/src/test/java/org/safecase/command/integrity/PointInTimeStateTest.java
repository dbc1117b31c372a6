package org.safecase.command.integrity;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.localstack.Http.Response;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An incident as it stood at a version or an instant, rebuilt from its events alone. */
class PointInTimeStateTest extends CommandServiceTest {

    private JsonNode state(String id, String query, String user) {
        Response response = http().get("/api/v1/incidents/" + id + "/state" + query, user);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void givenACaseThatMovedOnThenEachVersionShowsWhatWasKnownThen() {
        String reference = "UPN-" + UUID.randomUUID();
        String id = http().post("/api/v1/incidents", "dsl.a", """
                {"schoolId": "SCH-A", "category": "INA-CYBERBULLY", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "What happened", "subjects": [{"type": "PUPIL", "reference": "%s", "involvement": "ALLEGED",
                 "dateOfBirth": "2013-04-05"}]}""".formatted(reference)).json().get("incidentId").asString();
        String path = "/api/v1/incidents/" + id;
        http().post(path + "/escalations", "dsl.a", "{\"to\": \"DSL\", \"reason\": \"threats\"}");
        String reportedAndEscalated = http().get(path + "/events", "auditor").json().get(1).get("recordedAt").asString();
        http().post(path + "/reclassification", "dsl.a", "{\"category\": \"SG-CP\", \"reason\": \"a disclosure\"}");
        http().post(path + "/sanctions", "dsl.a",
                "{\"subjectReference\": \"%s\", \"type\": \"WARNING\", \"startsOn\": \"2026-11-21\"}".formatted(reference));
        http().post(path + "/escalations", "dsl.a", "{\"to\": \"HEAD_TEACHER\", \"reason\": \"child protection\"}");
        http().post(path + "/external-referrals", "dsl.a", """
                {"agency": "POLICE", "decision": "NOT_REFERRED", "rationale": "no offence", "decidedAt": "2026-11-21T09:00:00Z"}""");
        http().post(path + "/closure", "dsl.a", "{\"outcome\": \"INTERNAL_ACTION\", \"summary\": \"done\"}");

        JsonNode reported = state(id, "?atVersion=0", "auditor");
        JsonNode escalated = state(id, "?asOf=" + reportedAndEscalated, "dsl.a");
        JsonNode now = state(id, "", "head.a");

        assertThat(reported.get("version").asLong()).isZero();
        assertThat(reported.get("status").asString()).isEqualTo("OPEN");
        assertThat(reported.get("category").asString()).isEqualTo("INA-CYBERBULLY");
        assertThat(reported.get("escalations").isEmpty()).isTrue();
        assertThat(reported.get("subjects").get(0).get("reference").asString()).isEqualTo(reference);
        assertThat(reported.get("subjects").get(0).get("dateOfBirth").asString()).isEqualTo("2013-04-05");
        assertThat(escalated.get("version").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(escalated.get("escalations").get(0).get("to").asString()).isEqualTo("DSL");
        assertThat(now.get("version").asLong()).isEqualTo(6);
        assertThat(now.get("category").asString()).isEqualTo("SG-CP");
        assertThat(now.get("classification").asString()).isEqualTo("SAFEGUARDING");
        assertThat(now.get("status").asString()).isEqualTo("CLOSED");
        assertThat(now.get("outcome").asString()).isEqualTo("INTERNAL_ACTION");
        assertThat(now.get("sanctions").get(0).get("subjectReference").asString()).isEqualTo(reference);
    }

    @Test
    void givenPeopleAddedAndRemovedThenEachVersionListsThePeopleOfItsTime() {
        String first = "UPN-" + UUID.randomUUID();
        String added = "UPN-" + UUID.randomUUID();
        String id = http().post("/api/v1/incidents", "dsl.a", """
                {"schoolId": "SCH-A", "category": "INA-CYBERBULLY", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "What happened", "subjects": [{"type": "PUPIL", "reference": "%s"}]}"""
                .formatted(first)).json().get("incidentId").asString();
        String path = "/api/v1/incidents/" + id;
        http().post(path + "/subjects", "dsl.a", "{\"type\": \"PUPIL\", \"reference\": \"%s\"}".formatted(added));
        assertThat(http().post(path + "/subjects/" + first + "/removal", "dsl.a", "{\"reason\": \"recorded in error\"}")
                .status()).isEqualTo(200);

        assertThat(state(id, "?atVersion=0", "auditor").get("subjects").valueStream().map(s -> s.get("reference").asString()))
                .containsExactly(first);
        assertThat(state(id, "?atVersion=1", "auditor").get("subjects").valueStream().map(s -> s.get("reference").asString()))
                .containsExactly(first, added);
        assertThat(state(id, "", "auditor").get("subjects").valueStream().map(s -> s.get("reference").asString()))
                .containsExactly(added);
    }

    @Test
    void givenCorrectionsThenEachVersionShowsTheReportAsItThenStoodAndTheCorrectionsWithTheirReasons() {
        String id = http().post("/api/v1/incidents", "dsl.a", """
                {"schoolId": "SCH-A", "category": "INA-CYBERBULLY", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "What happened", "subjects": [{"type": "PUPIL", "reference": "UPN-%s"}]}"""
                .formatted(UUID.randomUUID())).json().get("incidentId").asString();
        String path = "/api/v1/incidents/" + id;
        http().post(path + "/corrections", "dsl.a",
                "{\"field\": \"occurredAt\", \"value\": \"2026-11-19T16:00:00Z\", \"reason\": \"it was the day before\"}");
        http().post(path + "/corrections", "dsl.a",
                "{\"field\": \"summary\", \"value\": \"What really happened\", \"reason\": \"first account was wrong\"}");

        JsonNode before = state(id, "?atVersion=0", "auditor");
        JsonNode now = state(id, "", "dsl.a");

        assertThat(before.get("occurredAt").asString()).isEqualTo("2026-11-20T10:15:00Z");
        assertThat(before.get("summary").asString()).isEqualTo("What happened");
        assertThat(before.get("corrections").isEmpty()).isTrue();
        assertThat(now.get("occurredAt").asString()).isEqualTo("2026-11-19T16:00:00Z");
        assertThat(now.get("summary").asString()).isEqualTo("What really happened");
        assertThat(now.get("corrections").valueStream().map(c -> c.get("field").asString() + ": " + c.get("reason").asString()))
                .containsExactly("occurredAt: it was the day before", "summary: first account was wrong");
    }

    @Test
    void badParametersAreClearErrorsAndOtherRolesAreRefused() {
        String id = http().post("/api/v1/incidents", "dsl.a", """
                {"schoolId": "SCH-A", "category": "INA-CYBERBULLY", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "What happened", "subjects": [{"type": "PUPIL", "reference": "UPN-%s"}]}"""
                .formatted(UUID.randomUUID())).json().get("incidentId").asString();
        String path = "/api/v1/incidents/" + id + "/state";

        assertThat(http().get(path + "?atVersion=5", "auditor").status()).isEqualTo(400);
        assertThat(http().get(path + "?atVersion=0&asOf=2026-11-20T10:15:00Z", "auditor").status()).isEqualTo(400);
        assertThat(http().get(path + "?asOf=yesterday", "auditor").status()).isEqualTo(400);
        assertThat(http().get(path + "?asOf=2000-01-01T00:00:00Z", "auditor").status()).isEqualTo(404);
        for (String user : List.of("staff.a", "integration.a", "governor.a", "operator", "dpo.trust", "dsl.b")) {
            assertThat(http().get(path, user).status()).as(user).isEqualTo(403);
        }
    }
}
