package org.safecase.command.dataprotection;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.localstack.Http.Response;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the retention rules make due, read by the DPO, as the incidents change. */
class RetentionApiTest extends CommandServiceTest {

    private String report(String category, String subjects) {
        Response created = http().post("/api/v1/incidents", "head.a", """
                {"schoolId": "SCH-A", "category": "%s", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "What happened", "subjects": [%s]}""".formatted(category, subjects));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.json().get("incidentId").asString();
    }

    private Optional<JsonNode> due(String incidentId, String asOf) {
        Response due = http().get("/api/v1/retention/due?schoolId=SCH-A&asOf=" + asOf, "dpo.trust");
        assertThat(due.status()).isEqualTo(200);
        return due.json().valueStream().filter(item -> item.get("incidentId").asString().equals(incidentId)).findFirst();
    }

    @Test
    void givenAChildProtectionIncidentThenItIsDueTwentyFiveYearsAfterTheYoungestPupilsBirth() {
        String id = report("SG-CP", """
                {"type": "PUPIL", "reference": "UPN-%s", "dateOfBirth": "2010-03-04"},
                {"type": "PUPIL", "reference": "UPN-%s", "dateOfBirth": "2012-09-10"}""".formatted(UUID.randomUUID(),
                UUID.randomUUID()));

        assertThat(due(id, "2037-09-09")).isEmpty();
        JsonNode due = due(id, "2037-09-10").orElseThrow();
        assertThat(due.get("rule").asString()).isEqualTo("CHILD_PROTECTION_DOB_PLUS_25");
        assertThat(due.get("dueOn").asString()).isEqualTo("2037-09-10");
        assertThat(due.get("category").asString()).isEqualTo("SG-CP");
        assertThat(due.toString()).doesNotContain("UPN-").doesNotContain("2012-09-10");
    }

    @Test
    void aRetentionDateMovesWhenASubjectIsAdded() {
        String id = report("SG-CP", """
                {"type": "PUPIL", "reference": "UPN-%s", "dateOfBirth": "2010-03-04"}""".formatted(UUID.randomUUID()));
        assertThat(due(id, "2100-01-01").orElseThrow().get("dueOn").asString()).isEqualTo("2035-03-04");

        assertThat(http().post("/api/v1/incidents/" + id + "/subjects", "head.a", """
                {"type": "PUPIL", "reference": "UPN-%s", "involvement": "AFFECTED", "dateOfBirth": "2013-06-07"}"""
                .formatted(UUID.randomUUID())).status()).isEqualTo(200);

        assertThat(due(id, "2100-01-01").orElseThrow().get("dueOn").asString()).isEqualTo("2038-06-07");
    }

    @Test
    void givenTheYoungestPupilErasedThenTheDateFollowsTheNextYoungestAndNoLongerRevealsTheErasedBirthDate() {
        String younger = "UPN-" + UUID.randomUUID();
        String id = report("SG-CP", """
                {"type": "PUPIL", "reference": "UPN-%s", "dateOfBirth": "2010-03-04"},
                {"type": "PUPIL", "reference": "%s", "dateOfBirth": "2012-09-10"}""".formatted(UUID.randomUUID(), younger));
        assertThat(due(id, "2100-01-01").orElseThrow().get("dueOn").asString()).isEqualTo("2037-09-10");

        assertThat(http().post("/api/v1/subjects/" + younger + "/erasure", "dpo.trust",
                "{\"schoolId\": \"SCH-A\", \"reason\": \"recorded in error\"}").status()).isEqualTo(200);

        assertThat(due(id, "2100-01-01").orElseThrow().get("dueOn").asString()).isEqualTo("2035-03-04");
    }

    @Test
    void givenAnAllegationAgainstStaffThenTheDateMovesWhenItIsReclassifiedAsChildProtection() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        String id = report("INA-CYBERBULLY", """
                {"type": "STAFF", "reference": "S-%s", "involvement": "ALLEGED"},
                {"type": "PUPIL", "reference": "UPN-%s", "involvement": "AFFECTED", "dateOfBirth": "2015-05-06"}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID()));
        JsonNode before = due(id, "2100-01-01").orElseThrow();

        Response reclassified = http().post("/api/v1/incidents/" + id + "/reclassification", "head.a",
                "{\"category\": \"SG-CP\", \"reason\": \"The messages were a disclosure\"}");

        assertThat(reclassified.status()).isEqualTo(200);
        assertThat(before.get("rule").asString()).isEqualTo("STAFF_ALLEGATION_10_YEARS");
        assertThat(before.get("dueOn").asString()).isEqualTo(today.plusYears(10).toString());
        JsonNode after = due(id, "2100-01-01").orElseThrow();
        assertThat(after.get("rule").asString()).isEqualTo("CHILD_PROTECTION_DOB_PLUS_25");
        assertThat(after.get("dueOn").asString()).isEqualTo("2040-05-06");
    }

    @Test
    void givenNoDateOfBirthThenTheIncidentsDateStartsTheClockAndALegalHoldShows() {
        String id = report("INA-OFFENSIVE-MSG", """
                {"type": "PUPIL", "reference": "UPN-%s"}""".formatted(UUID.randomUUID()));
        http().post("/api/v1/incidents/" + id + "/legal-hold", "dpo.trust", "{\"reason\": \"Police investigation\"}");

        JsonNode due = due(id, "2051-11-20").orElseThrow();

        assertThat(due.get("rule").asString()).isEqualTo("PUPIL_RECORD_DOB_PLUS_25");
        assertThat(due.get("dueOn").asString()).isEqualTo("2051-11-20");
        assertThat(due.get("legalHold").asBoolean()).isTrue();
        assertThat(due.get("closed").asBoolean()).isFalse();
    }

    @Test
    void theRulesArePublishedWithTheirSources() {
        Response rules = http().get("/api/v1/retention/rules", "dpo.trust");

        assertThat(rules.status()).isEqualTo(200);
        assertThat(rules.json().get("rules").valueStream().map(rule -> rule.get("code").asString())).containsExactly(
                "STAFF_ALLEGATION_10_YEARS", "CHILD_PROTECTION_DOB_PLUS_25", "PUPIL_RECORD_DOB_PLUS_25");
        assertThat(rules.json().get("rules")).allSatisfy(rule -> assertThat(rule.get("sources")).isNotEmpty());
    }

    @Test
    void aBadDateIsAClearError() {
        Response bad = http().get("/api/v1/retention/due?asOf=yesterday", "dpo.trust");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
    }
}
