package org.safecase.command.api;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The published OpenAPI document agrees with CONTRACT.md's command-service part. */
class OpenApiContractTest extends CommandServiceTest {

    @Test
    void everyContractCallIsDocumented() {
        JsonNode paths = http().get("/v3/api-docs", "staff.a").json().get("paths");

        assertThat(paths.get("/api/v1/categories").has("get")).isTrue();
        assertThat(paths.get("/api/v1/incidents").has("post")).isTrue();
        for (String change : new String[]{"escalations", "police-referrals", "external-referrals", "sanctions", "notes",
                "reclassification", "corrections", "closure", "reopening", "parent-contacts", "support", "actions",
                "evidence", "devices", "actions/{actionId}/completion", "devices/{deviceId}/handover"}) {
            assertThat(paths.get("/api/v1/incidents/{id}/" + change)).as(change).isNotNull();
            assertThat(paths.get("/api/v1/incidents/{id}/" + change).has("post")).as(change).isTrue();
        }
        assertThat(paths.get("/api/v1/incidents/{id}/subjects").has("post")).isTrue();
        assertThat(paths.get("/api/v1/incidents/{id}/subjects/{reference}/removal").has("post")).isTrue();
        assertThat(paths.get("/api/v1/incidents/{id}/events").has("get")).isTrue();
    }

    @Test
    void everyDataProtectionCallOfVersionOnePointOneIsDocumented() {
        JsonNode paths = http().get("/v3/api-docs", "staff.a").json().get("paths");

        for (String post : new String[]{"/api/v1/subjects/{reference}/erasure", "/api/v1/incidents/{id}/disposal",
                "/api/v1/incidents/{id}/legal-hold", "/api/v1/incidents/{id}/legal-hold/release"}) {
            assertThat(paths.get(post)).as(post).isNotNull();
            assertThat(paths.get(post).has("post")).as(post).isTrue();
        }
        for (String get : new String[]{"/api/v1/subjects/{reference}/export", "/api/v1/retention/due",
                "/api/v1/retention/rules"}) {
            assertThat(paths.get(get)).as(get).isNotNull();
            assertThat(paths.get(get).has("get")).as(get).isTrue();
        }
        JsonNode schemas = http().get("/v3/api-docs", "staff.a").json().get("components").get("schemas");
        assertThat(schemas.get("SubjectEntry").get("properties").has("dateOfBirth")).isTrue();
        assertThat(schemas.get("Erasure").get("required").toString()).contains("schoolId", "reason");
    }

    @Test
    void givenTheSignedInUserAsAControllerArgument_whenDocumented_expectNoOperationToTakeAUserParameter() {
        JsonNode document = http().get("/v3/api-docs", "staff.a").json();

        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            JsonNode parameters = operation.getValue().path("parameters");
            parameters.forEach(parameter -> assertThat(parameter.get("name").asString())
                    .as(operation.getKey() + " " + path.getKey()).isNotEqualTo("user"));
        }));
        assertThat(document.get("components").get("schemas").has("AuthenticatedUser")).isFalse();
    }

    @Test
    void theReportBodyNamesTheContractsRequiredFieldsAndEnumValues() {
        JsonNode schemas = http().get("/v3/api-docs", "staff.a").json().get("components").get("schemas");
        JsonNode report = schemas.get("ReportIncident");

        assertThat(report.get("required").toString()).contains("schoolId", "category", "occurredAt", "summary", "subjects");
        assertThat(schemas.get("SubjectEntry").get("properties").get("type").get("enum").toString())
                .contains("PUPIL", "STAFF", "VOLUNTEER", "PARENT_CARER", "VISITOR", "COMMUNITY_USER", "UNKNOWN");
        assertThat(schemas.get("ExternalReferral").get("properties").get("agency").get("enum").toString())
                .contains("IWF", "CEOP", "CHILDRENS_SERVICES", "LA_SAFEGUARDING", "LADO", "PREVENT", "OTHER");
    }
}
