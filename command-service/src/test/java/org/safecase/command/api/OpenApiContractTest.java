package org.safecase.command.api;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The published OpenAPI document agrees with CONTRACT.md's command-service part. */
class OpenApiContractTest extends CommandServiceTest {

    @Test
    void everyContractCallIsDocumented() {
        JsonNode paths = http().get("/v3/api-docs", null).json().get("paths");

        assertThat(paths.get("/api/v1/categories").has("get")).isTrue();
        assertThat(paths.get("/api/v1/incidents").has("post")).isTrue();
        for (String change : new String[]{"escalations", "police-referrals", "external-referrals", "sanctions", "notes",
                "reclassification", "closure", "reopening"}) {
            assertThat(paths.get("/api/v1/incidents/{id}/" + change)).as(change).isNotNull();
            assertThat(paths.get("/api/v1/incidents/{id}/" + change).has("post")).as(change).isTrue();
        }
        assertThat(paths.get("/api/v1/incidents/{id}/events").has("get")).isTrue();
    }

    @Test
    void theReportBodyNamesTheContractsRequiredFieldsAndEnumValues() {
        JsonNode schemas = http().get("/v3/api-docs", null).json().get("components").get("schemas");
        JsonNode report = schemas.get("ReportIncident");

        assertThat(report.get("required").toString()).contains("schoolId", "category", "occurredAt", "summary", "subjects");
        assertThat(schemas.get("SubjectEntry").get("properties").get("type").get("enum").toString())
                .contains("PUPIL", "STAFF", "VOLUNTEER", "PARENT_CARER", "VISITOR", "COMMUNITY_USER", "UNKNOWN");
        assertThat(schemas.get("ExternalReferral").get("properties").get("agency").get("enum").toString())
                .contains("IWF", "CEOP", "CHILDRENS_SERVICES", "LA_SAFEGUARDING", "LADO", "PREVENT", "OTHER");
    }
}
