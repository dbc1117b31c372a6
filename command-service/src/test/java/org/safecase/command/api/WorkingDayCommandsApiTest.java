package org.safecase.command.api;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.localstack.Http.Response;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.command.support.Reports.report;
import static org.safecase.command.support.Reports.uniqueReference;

/**
 * The contract's "child's file and the working day" commands over HTTP: each answers as the contract says, a
 * refusal is problem+json naming its rule and writes nothing, and the roles that may not work a case cannot.
 */
class WorkingDayCommandsApiTest extends CommandServiceTest {

    @Autowired
    JdbcTemplate jdbc;

    private record Reported(String id, String pupil) {
    }

    private Reported reported(String category) {
        String pupil = uniqueReference();
        Response created = http().post("/api/v1/incidents", "dsl.a", report(category, "PUPIL", pupil));
        assertThat(created.status()).isEqualTo(201);
        return new Reported(created.json().get("incidentId").asString(), pupil);
    }

    private long storedEvents(String incidentId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                incidentId);
    }

    private JsonNode state(String incidentId) {
        Response state = http().get("/api/v1/incidents/" + incidentId + "/state", "dsl.a");
        assertThat(state.status()).isEqualTo(200);
        return state.json();
    }

    @Test
    void givenAnIncidentWhenTheParentsAreInformedThenTheDecisionIsOnRecordForThatPupil() {
        Reported incident = reported("INA-CYBERBULLY");

        Response informed = http().post("/api/v1/incidents/" + incident.id() + "/parent-contacts", "dsl.a", """
                {"subjectReference": "%s", "decision": "INFORMED", "at": "2026-11-20T15:00:00Z", "method": "PHONE"}
                """.formatted(incident.pupil()));

        assertThat(informed.status()).isEqualTo(200);
        assertThat(informed.json().get("version").asLong()).isEqualTo(1);
        JsonNode contact = state(incident.id()).get("parentContacts").get(0);
        assertThat(contact.get("subjectReference").asString()).isEqualTo(incident.pupil());
        assertThat(contact.get("decision").asString()).isEqualTo("INFORMED");
        assertThat(contact.get("method").asString()).isEqualTo("PHONE");
    }

    @Test
    void givenADecisionNotToInformParentsWithoutARationaleThenItIs400AndNothingIsWritten() {
        Reported incident = reported("INA-CYBERBULLY");

        Response refused = http().post("/api/v1/incidents/" + incident.id() + "/parent-contacts", "dsl.a", """
                {"subjectReference": "%s", "decision": "NOT_INFORMED", "at": "2026-11-20T15:00:00Z", "rationale": " "}
                """.formatted(incident.pupil()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("rule").asString()).isEqualTo("RATIONALE_REQUIRED");
        assertThat(storedEvents(incident.id())).isEqualTo(1);
    }

    @Test
    void givenAReferenceTheSchoolNeverRecordedWhenSupportIsRecordedThenItIs409() {
        Reported incident = reported("INA-CYBERBULLY");

        Response refused = http().post("/api/v1/incidents/" + incident.id() + "/support", "dsl.a", """
                {"subjectReference": "%s", "type": "COUNSELLING", "startsOn": "2026-11-23"}
                """.formatted(uniqueReference()));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("rule").asString()).isEqualTo("SUBJECT_NOT_IN_INCIDENT");
        assertThat(storedEvents(incident.id())).isEqualTo(1);
    }

    @Test
    void givenSupportForAPupilThenItIsSupportNotASanction() {
        Reported incident = reported("INA-CYBERBULLY");

        Response support = http().post("/api/v1/incidents/" + incident.id() + "/support", "dsl.a", """
                {"subjectReference": "%s", "type": "COUNSELLING", "startsOn": "2026-11-23", "notes": "weekly sessions"}
                """.formatted(incident.pupil()));

        assertThat(support.status()).isEqualTo(200);
        JsonNode state = state(incident.id());
        assertThat(state.get("support").get(0).get("type").asString()).isEqualTo("COUNSELLING");
        assertThat(state.get("sanctions")).isEmpty();
    }

    @Test
    void givenAnActionWhenDoneThenTheIncidentMayClose() {
        Reported incident = reported("INA-CYBERBULLY");
        Response assigned = http().post("/api/v1/incidents/" + incident.id() + "/actions", "dsl.a", """
                {"title": "Speak to the pupil's form tutor", "owner": "dsl.a", "dueOn": "%s"}
                """.formatted(LocalDate.now().plusDays(1)));
        assertThat(assigned.status()).isEqualTo(201);
        String actionId = assigned.json().get("actionId").asString();
        assertThat(UUID.fromString(actionId)).isNotNull();
        assertThat(assigned.json().get("version").asLong()).isEqualTo(1);

        Response early = http().post("/api/v1/incidents/" + incident.id() + "/closure", "dsl.a",
                "{\"outcome\": \"INTERNAL_ACTION\", \"summary\": \"spoken to\"}");
        Response done = http().post("/api/v1/incidents/" + incident.id() + "/actions/" + actionId + "/completion",
                "dsl.a", "{\"note\": \"spoke to them\"}");
        Response again = http().post("/api/v1/incidents/" + incident.id() + "/actions/" + actionId + "/completion",
                "dsl.a", "{}");
        Response closed = http().post("/api/v1/incidents/" + incident.id() + "/closure", "dsl.a",
                "{\"outcome\": \"INTERNAL_ACTION\", \"summary\": \"spoken to\"}");

        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("rule").asString()).isEqualTo("OPEN_ACTIONS");
        assertThat(done.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("rule").asString()).isEqualTo("ACTION_ALREADY_DONE");
        assertThat(closed.status()).isEqualTo(200);
    }

    @Test
    void givenAnUnknownActionThenItsCompletionIs404() {
        Reported incident = reported("INA-CYBERBULLY");

        Response missing = http().post("/api/v1/incidents/" + incident.id() + "/actions/" + UUID.randomUUID()
                + "/completion", "dsl.a", "{}");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("type").asString()).isEqualTo("urn:safecase:problem:action-not-found");
    }

    @Test
    void givenAnActionDueInThePastOrForNoUserIdThenItIs400() {
        Reported incident = reported("INA-CYBERBULLY");

        Response past = http().post("/api/v1/incidents/" + incident.id() + "/actions", "dsl.a", """
                {"title": "t", "owner": "dsl.a", "dueOn": "2020-01-01"}""");
        Response owner = http().post("/api/v1/incidents/" + incident.id() + "/actions", "dsl.a", """
                {"title": "t", "owner": "<script>", "dueOn": "2030-01-01"}""");

        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("rule").asString()).isEqualTo("DUE_DATE_IN_THE_PAST");
        assertThat(owner.status()).isEqualTo(400);
        assertThat(storedEvents(incident.id())).isEqualTo(1);
    }

    @Test
    void givenChildAbuseImageryWhenAScreenshotIsOfferedThenItIsRefusedAndOnlyWhereItIsMayBeRecorded() {
        Reported incident = reported("ILL-CSAI");

        Response screenshot = http().post("/api/v1/incidents/" + incident.id() + "/evidence", "dsl.a", """
                {"kind": "SCREENSHOT", "description": "what was on the screen"}""");
        Response address = http().post("/api/v1/incidents/" + incident.id() + "/evidence", "dsl.a", """
                {"kind": "URL", "description": "page seen in the ICT suite", "url": "https://example.invalid/x",
                 "capturedAt": "2026-11-20T10:00:00Z", "heldAt": "reported to the IWF"}""");

        assertThat(screenshot.status()).isEqualTo(409);
        assertThat(screenshot.json().get("rule").asString()).isEqualTo("NO_COPIES_OF_INDECENT_IMAGES");
        assertThat(address.status()).isEqualTo(200);
        assertThat(storedEvents(incident.id())).isEqualTo(2);
        assertThat(state(incident.id()).get("evidence").get(0).get("url").asString())
                .isEqualTo("https://example.invalid/x");
    }

    @Test
    void givenADeviceSeizedFromAPupilWhenHandedToThePoliceThenBothAreOnRecordWithTheLegalBasis() {
        Reported incident = reported("ILL-SEXTING-U18");
        Response seized = http().post("/api/v1/incidents/" + incident.id() + "/devices", "dsl.a", """
                {"description": "black phone", "ownerReference": "%s", "legalBasis": "EDUCATION_ACT_SEARCH",
                 "seizedAt": "2026-11-20T11:00:00Z"}""".formatted(incident.pupil()));
        assertThat(seized.status()).isEqualTo(201);
        String deviceId = seized.json().get("deviceId").asString();

        Response before = http().post("/api/v1/incidents/" + incident.id() + "/devices/" + deviceId + "/handover",
                "dsl.a", "{\"to\": \"POLICE\", \"at\": \"2026-11-20T10:00:00Z\"}");
        Response handedOver = http().post("/api/v1/incidents/" + incident.id() + "/devices/" + deviceId + "/handover",
                "dsl.a", "{\"to\": \"POLICE\", \"at\": \"2026-11-20T16:00:00Z\"}");

        assertThat(before.status()).isEqualTo(400);
        assertThat(handedOver.status()).isEqualTo(200);
        JsonNode device = state(incident.id()).get("devices").get(0);
        assertThat(device.get("ownerReference").asString()).isEqualTo(incident.pupil());
        assertThat(device.get("legalBasis").asString()).isEqualTo("EDUCATION_ACT_SEARCH");
        assertThat(device.get("handedOverTo").asString()).isEqualTo("POLICE");
    }

    @Test
    void givenSextingWhenThePoliceAreNotInvolvedByDecisionThenItClosesWithoutAReferral() {
        Reported incident = reported("ILL-SEXTING-U18");
        String base = "/api/v1/incidents/" + incident.id();

        Response referredHere = http().post(base + "/external-referrals", "dsl.a", """
                {"agency": "POLICE", "decision": "REFERRED", "rationale": "r", "decidedAt": "2026-11-20T12:00:00Z"}""");
        Response notReferred = http().post(base + "/external-referrals", "dsl.a", """
                {"agency": "POLICE", "decision": "NOT_REFERRED", "decidedAt": "2026-11-20T12:00:00Z",
                 "rationale": "consensual exchange between 16-year-olds, no aggravating factors (UKCIS)"}""");
        Response childrensServices = http().post(base + "/external-referrals", "dsl.a", """
                {"agency": "CHILDRENS_SERVICES", "decision": "NOT_REFERRED", "decidedAt": "2026-11-20T12:00:00Z",
                 "rationale": "no risk of harm identified"}""");
        Response closed = http().post(base + "/closure", "dsl.a",
                "{\"outcome\": \"NO_FURTHER_ACTION\", \"summary\": \"handled in school\"}");

        assertThat(referredHere.status()).isEqualTo(400);
        assertThat(referredHere.json().get("rule").asString()).isEqualTo("POLICE_REFERRAL_HAS_ITS_OWN_RECORD");
        assertThat(notReferred.status()).isEqualTo(200);
        assertThat(childrensServices.status()).isEqualTo(200);
        assertThat(closed.status()).isEqualTo(200);
    }

    @Test
    void givenStaffOrAGovernorWhenTheyTryTheWorkingDayCommandsThenTheyAre403AndNothingIsWritten() {
        Reported incident = reported("INA-CYBERBULLY");
        String base = "/api/v1/incidents/" + incident.id();
        String action = http().post(base + "/actions", "dsl.a", """
                {"title": "t", "owner": "dsl.a", "dueOn": "2030-01-01"}""").json().get("actionId").asString();

        for (String user : new String[]{"staff.a", "governor.a"}) {
            assertThat(http().post(base + "/support", user, """
                    {"subjectReference": "%s", "type": "PASTORAL", "startsOn": "2026-11-23"}"""
                    .formatted(incident.pupil())).status()).isEqualTo(403);
            assertThat(http().post(base + "/actions/" + action + "/completion", user, "{}").status()).isEqualTo(403);
            assertThat(http().post(base + "/devices/" + UUID.randomUUID() + "/handover", user,
                    "{\"to\": \"OWNER\", \"at\": \"2026-11-20T16:00:00Z\"}").status()).isEqualTo(403);
        }
        Response otherSchool = http().post(base + "/evidence", "dsl.b", "{\"kind\": \"LOG\", \"description\": \"d\"}");

        assertThat(otherSchool.status()).isEqualTo(403);
        assertThat(storedEvents(incident.id())).isEqualTo(2);
    }
}
