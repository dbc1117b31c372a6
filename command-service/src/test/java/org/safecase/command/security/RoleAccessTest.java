package org.safecase.command.security;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.localstack.Http.Response;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.command.support.Reports.report;
import static org.safecase.command.support.Reports.uniqueReference;

/** Each role's allowed and refused calls (CONTRACT.md, demo users). */
class RoleAccessTest extends CommandServiceTest {

    private String incidentBy(String user) {
        Response created = http().post("/api/v1/incidents", user, report("INA-CYBERBULLY", "PUPIL", uniqueReference()));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("incidentId").asString();
    }

    private String staffAllegation() {
        Response created = http().post("/api/v1/incidents", "staff.a", report("STF-PUPIL-COMMS", "STAFF", "S-" + uniqueReference()));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("incidentId").asString();
    }

    private static void assertRefused(Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anUnauthenticatedRequestIs401() {
        assertRefused(http().get("/api/v1/categories", null), 401);
        assertRefused(http().post("/api/v1/incidents", null, report("INA-CYBERBULLY", "PUPIL", uniqueReference())), 401);
    }

    @Test
    void healthAnswersAnyoneUpOrDownAndShowsItsDetailsToOperatorsOnly() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            Response anonymous = http().get(path, null);
            assertThat(anonymous.status()).as(path).isEqualTo(200);
            assertThat(anonymous.json().get("status").asString()).as(path).isEqualTo("UP");
        }
        for (String user : List.of("dsl.a", "head.a", "auditor", "governor.a", "dpo.trust")) {
            JsonNode health = http().get("/actuator/health", user).json();
            assertThat(health.has("components")).as(user).isFalse();
            assertThat(health.toString()).as(user).doesNotContain("lastAppliedAt", "lag", "path");
        }
        assertThat(http().get("/actuator/health", null).json().has("components")).isFalse();
        JsonNode operator = http().get("/actuator/health", "operator").json();
        assertThat(operator.at("/components/forwarder/details").isObject()).isTrue();
        assertThat(operator.at("/components/diskSpace/details/path").isString()).isTrue();
    }

    @Test
    void theActuatorButHealthIsForOperatorsOnly() {
        for (String path : List.of("/actuator/metrics", "/actuator/metrics/http.server.requests", "/actuator/prometheus",
                "/actuator/info")) {
            assertRefused(http().get(path, null), 401);
            for (String user : List.of("staff.a", "dsl.a", "head.a", "integration.a", "governor.a", "governor.trust",
                    "auditor", "dpo.trust")) {
                assertRefused(http().get(path, user), 403);
            }
        }
        assertThat(http().get("/actuator/metrics", "operator").status()).isEqualTo(200);
    }

    @Test
    void theApiDocumentsNeedASignedInUser() {
        for (String path : List.of("/v3/api-docs", "/swagger-ui.html", "/swagger-ui/index.html")) {
            assertRefused(http().get(path, null), 401);
        }
        assertThat(http().get("/v3/api-docs", "governor.a").status()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIs401() {
        assertRefused(http().get("/api/v1/categories", "no.such.user"), 401);
    }

    @Test
    void staffReportAndAddNotesButCannotEscalateReferOrClose() {
        String id = incidentBy("staff.a");

        assertThat(http().post("/api/v1/incidents/" + id + "/notes", "staff.a", "{\"text\": \"n\"}").status()).isEqualTo(200);
        assertRefused(http().post("/api/v1/incidents/" + id + "/escalations", "staff.a", "{\"to\": \"DSL\", \"reason\": \"r\"}"), 403);
        assertRefused(http().post("/api/v1/incidents/" + id + "/closure", "staff.a",
                "{\"outcome\": \"NO_FURTHER_ACTION\", \"summary\": \"s\"}"), 403);
        assertRefused(http().get("/api/v1/incidents/" + id + "/events", "staff.a"), 403);
    }

    @Test
    void theDslDoesEverythingOnIncidentsOfTheirSchool() {
        String id = incidentBy("dsl.a");

        assertThat(http().post("/api/v1/incidents/" + id + "/escalations", "dsl.a", "{\"to\": \"DSL\", \"reason\": \"r\"}").status())
                .isEqualTo(200);
        assertThat(http().post("/api/v1/incidents/" + id + "/closure", "dsl.a",
                "{\"outcome\": \"NO_FURTHER_ACTION\", \"summary\": \"s\"}").status()).isEqualTo(200);
        assertThat(http().post("/api/v1/incidents/" + id + "/reopening", "dsl.a", "{\"reason\": \"r\"}").status()).isEqualTo(200);
        assertThat(http().get("/api/v1/incidents/" + id + "/events", "dsl.a").status()).isEqualTo(200);
    }

    @Test
    void aDslOfAnotherSchoolIsRefused() {
        String id = incidentBy("dsl.a");

        assertRefused(http().post("/api/v1/incidents/" + id + "/notes", "dsl.b", "{\"text\": \"n\"}"), 403);
        assertRefused(http().get("/api/v1/incidents/" + id + "/events", "dsl.b"), 403);
        assertRefused(http().post("/api/v1/incidents", "dsl.b", report("INA-CYBERBULLY", "PUPIL", uniqueReference())), 403);
    }

    @Test
    void onlyTheHeadTeacherSeesAndActsOnAnAllegationAgainstStaff() {
        String id = staffAllegation();

        assertRefused(http().get("/api/v1/incidents/" + id + "/events", "dsl.a"), 403);
        assertRefused(http().post("/api/v1/incidents/" + id + "/notes", "dsl.a", "{\"text\": \"n\"}"), 403);
        assertRefused(http().post("/api/v1/incidents/" + id + "/notes", "staff.a", "{\"text\": \"n\"}"), 403);
        assertThat(http().get("/api/v1/incidents/" + id + "/events", "head.a").status()).isEqualTo(200);
        assertThat(http().post("/api/v1/incidents/" + id + "/escalations", "head.a",
                "{\"to\": \"HEAD_TEACHER\", \"reason\": \"allegation\"}").status()).isEqualTo(200);
        assertThat(http().get("/api/v1/incidents/" + id + "/events", "auditor").status()).isEqualTo(200);
    }

    @Test
    void theIntegrationReportsAndChangesOnBehalfOfItsRecordingSystem() {
        String id = incidentBy("integration.a");

        assertThat(http().post("/api/v1/incidents/" + id + "/sanctions", "integration.a", """
                {"subjectReference": "nobody", "type": "WARNING", "startsOn": "2026-11-20"}""").status()).isEqualTo(409);
        assertThat(http().post("/api/v1/incidents/" + id + "/escalations", "integration.a",
                "{\"to\": \"DSL\", \"reason\": \"r\"}").status()).isEqualTo(200);
        assertRefused(http().get("/api/v1/incidents/" + id + "/events", "integration.a"), 403);
    }

    @Test
    void theAuditorReadsEventStreamsOfTheTrustAndChangesNothing() {
        String id = incidentBy("dsl.a");

        assertThat(http().get("/api/v1/incidents/" + id + "/events", "auditor").status()).isEqualTo(200);
        assertRefused(http().post("/api/v1/incidents/" + id + "/notes", "auditor", "{\"text\": \"n\"}"), 403);
        assertRefused(http().post("/api/v1/incidents", "auditor", report("INA-CYBERBULLY", "PUPIL", uniqueReference())), 403);
    }

    @Test
    void governorsGetNothingFromTheCommandServiceButTheCatalogue() {
        String id = incidentBy("dsl.a");

        assertThat(http().get("/api/v1/categories", "governor.a").status()).isEqualTo(200);
        assertRefused(http().get("/api/v1/incidents/" + id + "/events", "governor.a"), 403);
        assertRefused(http().get("/api/v1/incidents/" + id + "/events", "governor.trust"), 403);
        assertRefused(http().post("/api/v1/incidents", "governor.a", report("INA-CYBERBULLY", "PUPIL", uniqueReference())), 403);
        assertRefused(http().post("/api/v1/incidents/" + id + "/notes", "governor.a", "{\"text\": \"n\"}"), 403);
    }
}
