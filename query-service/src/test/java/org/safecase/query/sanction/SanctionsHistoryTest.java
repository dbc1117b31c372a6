package org.safecase.query.sanction;

import org.junit.jupiter.api.Test;
import org.safecase.events.SanctionType;
import org.safecase.events.SubjectType;
import org.safecase.localstack.Http.Response;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CHILD_PROTECTION;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.HEAD;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.staff;
import static org.safecase.query.support.TestIncident.uniqueReference;

class SanctionsHistoryTest extends QueryServiceTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));

    @Test
    void givenAPupilSanctionedInTwoIncidentsThenTheHistoryShowsBothNewestFirstWithActiveAndExpired() {
        String reference = uniqueReference();
        TestIncident first = incident("SCH-A");
        stream.send(first.reported(CYBERBULLYING, pupil(reference)));
        stream.send(first.sanction(reference, SubjectType.PUPIL, SanctionType.ACCESS_SUSPENSION, TODAY.minusDays(14),
                TODAY.minusDays(7), "One week initially"));
        TestIncident second = incident("SCH-A");
        stream.send(second.reported(CHILD_PROTECTION, pupil(reference), pupil(uniqueReference())));
        stream.send(second.sanction(reference, SubjectType.PUPIL, SanctionType.WARNING, TODAY, null, null));
        stream.send(second.sanction(reference, SubjectType.PUPIL, SanctionType.EXTENDED_BAN, TODAY.minusDays(1),
                TODAY, "Continued infringement"));
        awaitProjected(first, 1);
        awaitProjected(second, 2);

        Response response = http().get("/api/v1/subjects/" + reference + "/sanctions", "dsl.a");
        List<JsonNode> history = response.json().valueStream().toList();

        assertThat(response.status()).isEqualTo(200);
        assertThat(history).extracting(s -> s.get("type").asString())
                .containsExactly("EXTENDED_BAN", "WARNING", "ACCESS_SUSPENSION");
        assertThat(history).extracting(s -> s.get("incidentId").asString()).containsExactly(
                second.id().toString(), second.id().toString(), first.id().toString());
        assertThat(history).extracting(s -> s.get("active").asBoolean()).containsExactly(true, false, false);
        assertThat(history).extracting(s -> s.get("status").asString()).containsExactly("ACTIVE", "RECORDED", "EXPIRED");
        assertThat(history).extracting(s -> s.get("category").asString())
                .containsExactly("SG-CP", "SG-CP", "INA-CYBERBULLY");
        JsonNode oldest = history.get(2);
        assertThat(oldest.get("startsOn").asString()).isEqualTo(TODAY.minusDays(14).toString());
        assertThat(oldest.get("endsOn").asString()).isEqualTo(TODAY.minusDays(7).toString());
        assertThat(oldest.get("appliedBy").asString()).isEqualTo("dsl.a");
        assertThat(oldest.get("appliedAt").asString()).isNotBlank();
        assertThat(history.get(1).get("endsOn").isNull()).isTrue();
    }

    @Test
    void givenTheSameReferenceInAnotherSchoolThenEachSchoolSeesOnlyItsOwnPersonsSanctions() {
        String reference = uniqueReference();
        TestIncident inA = incident("SCH-A");
        stream.send(inA.reported(CYBERBULLYING, pupil(reference)));
        stream.send(inA.sanction(reference, SubjectType.PUPIL, SanctionType.DETENTION, TODAY, null, null));
        TestIncident inB = incident("SCH-B");
        stream.send(inB.reported(CYBERBULLYING, pupil(reference)));
        stream.send(inB.sanction(reference, SubjectType.PUPIL, SanctionType.LETTER_HOME, TODAY, null, null));
        awaitProjected(inA, 1);
        awaitProjected(inB, 1);

        assertThat(types(http().get("/api/v1/subjects/" + reference + "/sanctions", "dsl.a"))).containsExactly("DETENTION");
        assertThat(types(http().get("/api/v1/subjects/" + reference + "/sanctions", "dsl.b"))).containsExactly("LETTER_HOME");
        assertThat(types(http().get("/api/v1/subjects/" + reference + "/sanctions", "auditor")))
                .containsExactlyInAnyOrder("DETENTION", "LETTER_HOME");
        assertThat(types(http().get("/api/v1/subjects/" + reference + "/sanctions?schoolId=SCH-B", "auditor")))
                .containsExactly("LETTER_HOME");
        assertThat(http().get("/api/v1/subjects/" + reference + "/sanctions?schoolId=SCH-B", "dsl.a").status())
                .isEqualTo(403);
        assertThat(http().get("/api/v1/subjects/" + uniqueReference() + "/sanctions", "dsl.a").json()).isEmpty();
    }

    @Test
    void givenASanctionOnAMemberOfStaffThenOnlyTheHeadTeacherAndAuditorsSeeIt() {
        String reference = "S-" + uniqueReference();
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(CYBERBULLYING, HEAD, java.time.Instant.now(), java.time.Instant.now(),
                staff(reference)));
        stream.send(incident.sanction(reference, SubjectType.STAFF, SanctionType.STAFF_SUSPENSION, TODAY,
                TODAY.plusDays(7), null, HEAD));
        awaitProjected(incident, 1);

        assertThat(types(http().get("/api/v1/subjects/" + reference + "/sanctions", "head.a")))
                .containsExactly("STAFF_SUSPENSION");
        assertThat(types(http().get("/api/v1/subjects/" + reference + "/sanctions", "auditor")))
                .containsExactly("STAFF_SUSPENSION");
        assertThat(types(http().get("/api/v1/subjects/" + reference + "/sanctions", "dsl.a"))).isEmpty();
        assertThat(types(http().get("/api/v1/subjects/" + reference + "/sanctions", "integration.a"))).isEmpty();
    }

    @Test
    void aSanctionIsScheduledBeforeItsStartActiveToItsEndInclusiveThenExpiredAndAOneOffIsNeverActive() {
        LocalDate start = LocalDate.parse("2026-11-20");
        LocalDate end = LocalDate.parse("2026-11-27");
        assertThat(SanctionView.status(start, end, start.minusDays(1))).isEqualTo("SCHEDULED");
        assertThat(SanctionView.status(start, end, start)).isEqualTo("ACTIVE");
        assertThat(SanctionView.status(start, end, end)).isEqualTo("ACTIVE");
        assertThat(SanctionView.status(start, end, end.plusDays(1))).isEqualTo("EXPIRED");
        assertThat(SanctionView.status(start, null, start.minusDays(1))).isEqualTo("SCHEDULED");
        assertThat(SanctionView.status(start, null, start.plusYears(1))).isEqualTo("RECORDED");
    }

    private static List<String> types(Response response) {
        assertThat(response.status()).isEqualTo(200);
        return response.json().valueStream().map(s -> s.get("type").asString()).toList();
    }
}
