package org.safecase.command.security;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.localstack.Http.Response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.command.support.Reports.report;
import static org.safecase.command.support.Reports.uniqueReference;

/** A recording system reports and adds to a case; a person signs off what decides it (IncidentTest.APersonSignsOff). */
class PersonSignOffTest extends CommandServiceTest {

    private String reported(String user, String category, String subjectType, String reference) {
        Response created = http().post("/api/v1/incidents", user, report(category, subjectType, reference));
        assertThat(created.status()).isEqualTo(201);
        return "/api/v1/incidents/" + created.json().get("incidentId").asString();
    }

    private static void assertPersonMustSignOff(Response response) {
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("rule").asString()).isEqualTo("PERSON_MUST_SIGN_OFF");
    }

    @Test
    void theIntegrationReportsAndRefersAnIllegalIncidentButOnlyThePersonCloses() {
        String incident = reported("integration.a", "ILL-RACIST", "PUPIL", uniqueReference());
        assertThat(http().post(incident + "/police-referrals", "integration.a", """
                {"force": "West Midlands Police", "crimeReference": "CR-1", "referredAt": "2026-11-20T11:00:00Z"}""")
                .status()).isEqualTo(200);

        Response byIntegration = http().post(incident + "/closure", "integration.a",
                "{\"outcome\": \"POLICE_ACTION\", \"summary\": \"with police\"}");
        Response outOfIllegal = http().post(incident + "/reclassification", "integration.a",
                "{\"category\": \"INA-CYBERBULLY\", \"reason\": \"classmates\"}");

        assertPersonMustSignOff(byIntegration);
        assertPersonMustSignOff(outOfIllegal);
        assertThat(http().post(incident + "/closure", "dsl.a",
                "{\"outcome\": \"POLICE_ACTION\", \"summary\": \"with police\"}").status()).isEqualTo(200);
    }

    @Test
    void theIntegrationAddsToAnAllegationAgainstStaffButCannotCloseOrSanctionIt() {
        String teacher = "S-" + uniqueReference();
        String allegation = reported("integration.a", "STF-PUPIL-COMMS", "STAFF", teacher);
        assertThat(http().post(allegation + "/notes", "integration.a", "{\"text\": \"from CPOMS\"}").status())
                .isEqualTo(200);

        assertPersonMustSignOff(http().post(allegation + "/sanctions", "integration.a", """
                {"subjectReference": "%s", "type": "WARNING", "startsOn": "2026-11-20"}""".formatted(teacher)));

        assertThat(http().post(allegation + "/external-referrals", "integration.a", """
                {"agency": "LADO", "decision": "REFERRED", "rationale": "discussed with the LADO",
                 "decidedAt": "2026-11-20T12:00:00Z"}""").status()).isEqualTo(200);
        assertPersonMustSignOff(http().post(allegation + "/closure", "integration.a",
                "{\"outcome\": \"NO_FURTHER_ACTION\", \"summary\": \"s\"}"));
        assertThat(http().post(allegation + "/closure", "head.a",
                "{\"outcome\": \"NO_FURTHER_ACTION\", \"summary\": \"s\"}").status()).isEqualTo(200);
        assertPersonMustSignOff(http().post(allegation + "/reopening", "integration.a", "{\"reason\": \"r\"}"));
    }
}
