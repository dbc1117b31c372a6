package org.safecase.command.security;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.localstack.Http.Response;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KCSIE part 4: an allegation against the head teacher is managed by the chair of governors. The head teacher can
 * neither read nor act on it; the chair reads and works it and nothing else.
 */
class HeadTeacherAllegationTest extends CommandServiceTest {

    private String reportAgainstHeadTeacher() {
        Response created = http().post("/api/v1/incidents", "staff.a", """
                {"schoolId": "SCH-A", "category": "STF-PROFESSIONAL", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "Messages to a pupil from the head's personal account",
                 "subjects": [{"type": "STAFF", "reference": "S-%s", "involvement": "ALLEGED", "headTeacher": true}]}
                """.formatted(UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        return "/api/v1/incidents/" + created.json().get("incidentId").asString();
    }

    @Test
    void givenAnAllegationAgainstTheHeadTeacherThenTheHeadTeacherCannotReadNorActOnIt() {
        String incident = reportAgainstHeadTeacher();

        Response read = http().get(incident + "/events", "head.a");
        Response state = http().get(incident + "/state", "head.a");
        Response note = http().post(incident + "/notes", "head.a", "{\"text\": \"I deny it\"}");
        Response dsl = http().get(incident + "/events", "dsl.a");

        assertThat(read.status()).isEqualTo(403);
        assertThat(state.status()).isEqualTo(403);
        assertThat(note.status()).isEqualTo(403);
        assertThat(note.json().get("rule").asString()).isEqualTo("HEAD_TEACHER_ALLEGATION_CHAIR_ONLY");
        assertThat(dsl.status()).isEqualTo(403);
    }

    @Test
    void givenAnAllegationAgainstTheHeadTeacherThenTheChairManagesItToClosureWithTheLadoDecision() {
        String incident = reportAgainstHeadTeacher();

        Response events = http().get(incident + "/events", "chair.a");
        Response escalated = http().post(incident + "/escalations", "chair.a",
                "{\"to\": \"CHAIR_OF_GOVERNORS\", \"reason\": \"allegation against the head teacher\"}");
        Response early = http().post(incident + "/closure", "chair.a",
                "{\"outcome\": \"EXTERNAL_AGENCY_ACTION\", \"summary\": \"with the LADO\"}");
        Response lado = http().post(incident + "/external-referrals", "chair.a", """
                {"agency": "LADO", "decision": "REFERRED", "rationale": "discussed within one working day",
                 "decidedAt": "2026-11-20T15:00:00Z"}""");
        Response closed = http().post(incident + "/closure", "chair.a",
                "{\"outcome\": \"EXTERNAL_AGENCY_ACTION\", \"summary\": \"with the LADO\"}");

        assertThat(events.status()).isEqualTo(200);
        assertThat(events.json().get(0).get("payload").get("caseManager").asString()).isEqualTo("CHAIR_OF_GOVERNORS");
        assertThat(escalated.status()).isEqualTo(200);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("rule").asString()).isEqualTo("LADO_DECISION_REQUIRED");
        assertThat(lado.status()).isEqualTo(200);
        assertThat(closed.status()).isEqualTo(200);
    }

    @Test
    void givenAnOrdinaryIncidentOrAnotherAllegationThenTheChairCanNeitherReadNorActOnIt() {
        Response ordinary = http().post("/api/v1/incidents", "staff.a", """
                {"schoolId": "SCH-A", "category": "INA-CYBERBULLY", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "s", "subjects": [{"type": "PUPIL", "reference": "P-%s"}]}""".formatted(UUID.randomUUID()));
        String incident = "/api/v1/incidents/" + ordinary.json().get("incidentId").asString();

        assertThat(http().get(incident + "/events", "chair.a").status()).isEqualTo(403);
        Response note = http().post(incident + "/notes", "chair.a", "{\"text\": \"x\"}");
        assertThat(note.status()).isEqualTo(403);
        assertThat(note.json().get("rule").asString()).isEqualTo("CHAIR_ACTS_ON_HEAD_TEACHER_ALLEGATIONS_ONLY");
    }

    @Test
    void givenAPupilMarkedAsTheHeadTeacherThenTheReportIsRefused() {
        Response refused = http().post("/api/v1/incidents", "staff.a", """
                {"schoolId": "SCH-A", "category": "INA-CYBERBULLY", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "s", "subjects": [{"type": "PUPIL", "reference": "P-%s", "headTeacher": true}]}"""
                .formatted(UUID.randomUUID()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("rule").asString()).isEqualTo("HEAD_TEACHER_IS_STAFF");
    }
}
