package org.safecase.query.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safecase.events.SanctionType;
import org.safecase.events.SubjectType;
import org.safecase.localstack.Http.Response;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.HEAD;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.staff;
import static org.safecase.query.support.TestIncident.uniqueReference;

/** Who reads what, for every demo user of platform/src/main/resources/reference/demo-users.json. */
class ReadAccessTest extends QueryServiceTest {

    private TestIncident incident;
    private TestIncident staffAllegation;
    private String pupilReference;

    @BeforeEach
    void anIncidentOfSchoolAAndAnAllegationAgainstStaff() {
        pupilReference = uniqueReference();
        incident = incident("SCH-A");
        stream.send(incident.reported(CYBERBULLYING, pupil(pupilReference)));
        stream.send(incident.sanction(pupilReference, SubjectType.PUPIL, SanctionType.WARNING, LocalDate.now(), null, null));
        staffAllegation = incident("SCH-A");
        stream.send(staffAllegation.reported(CYBERBULLYING, HEAD, Instant.now(), Instant.now(), staff(uniqueReference())));
        awaitProjected(incident, 1);
        awaitProjected(staffAllegation, 0);
    }

    @Test
    void givenEachRoleThenCaseReadsAreForTheSchoolsCaseHandlersAndAuditorsOnly() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("dsl.a", 200);
        expected.put("head.a", 200);
        expected.put("integration.a", 200);
        expected.put("auditor", 200);
        expected.put("dsl.b", 403);
        expected.put("staff.a", 403);
        expected.put("governor.a", 403);
        expected.put("governor.trust", 403);
        expected.put("operator", 403);
        List<String> paths = List.of(incident.path(), incident.path() + "/timeline");

        expected.forEach((user, status) -> paths.forEach(path -> {
            Response response = http().get(path, user);
            assertThat(response.status()).as(user + " GET " + path).isEqualTo(status);
            if (status == 403) {
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }));
    }

    @Test
    void givenEachRoleThenTheLogAndSanctionsAreForCaseReadersOnlyAndGovernorsAndStaffGet403() {
        for (String user : List.of("dsl.a", "head.a", "integration.a", "auditor", "dsl.b")) {
            assertThat(http().get("/api/v1/incidents", user).status()).as(user).isEqualTo(200);
            assertThat(http().get("/api/v1/subjects/" + pupilReference + "/sanctions", user).status()).as(user)
                    .isEqualTo(200);
        }
        for (String user : List.of("staff.a", "governor.a", "governor.trust", "operator")) {
            assertThat(http().get("/api/v1/incidents", user).status()).as(user).isEqualTo(403);
            assertThat(http().get("/api/v1/subjects/" + pupilReference + "/sanctions", user).status()).as(user)
                    .isEqualTo(403);
        }
        assertThat(http().get("/api/v1/incidents", null).status()).isEqualTo(401);
        assertThat(http().get(incident.path() + "/timeline", null).status()).isEqualTo(401);
        assertThat(http().get("/api/v1/subjects/" + pupilReference + "/sanctions", "dsl.b").json()).isEmpty();
    }

    @Test
    void givenAnAllegationAgainstStaffThenOnlyTheHeadTeacherAndAuditorsSeeItInTheLogOrReadIt() {
        assertThat(logIds("dsl.a")).contains(incident.id().toString()).doesNotContain(staffAllegation.id().toString());
        assertThat(logIds("integration.a")).doesNotContain(staffAllegation.id().toString());
        assertThat(logIds("head.a")).contains(incident.id().toString(), staffAllegation.id().toString());
        assertThat(logIds("auditor")).contains(staffAllegation.id().toString());

        Response refused = http().get(staffAllegation.path(), "dsl.a");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("rule").asString()).isEqualTo("STAFF_ALLEGATION_HEAD_TEACHER_ONLY");
        assertThat(http().get(staffAllegation.path() + "/timeline", "integration.a").status()).isEqualTo(403);
        Response read = http().get(staffAllegation.path(), "head.a");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("allegationAgainstStaff").asBoolean()).isTrue();
        assertThat(http().get(staffAllegation.path() + "/timeline", "auditor").status()).isEqualTo(200);
    }

    @Test
    void givenAUserWhoMayNotReadTheIncidentThenAVersionToWaitForIsRefusedAtOnceAndTellsNothing() {
        Map<String, TestIncident> refused = new LinkedHashMap<>();
        refused.put("dsl.b", incident);
        refused.put("dsl.a", staffAllegation);
        refused.put("integration.a", staffAllegation);

        refused.forEach((user, read) -> List.of(read.path(), read.path() + "/timeline").forEach(path -> {
            long started = System.nanoTime();
            Response neverProjected = http().get(path + "?minVersion=1000", user);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Response projected = http().get(path + "?minVersion=0", user);

            assertThat(neverProjected.status()).as(user + " GET " + path).isEqualTo(403);
            // answered before any wait (safecase.read-your-writes.max-wait is 1 s in the tests)
            assertThat(took).as(user + " GET " + path).isLessThan(Duration.ofMillis(900));
            // a version that exists and one that never will are refused alike
            assertThat(neverProjected.json()).as(user + " GET " + path).isEqualTo(projected.json());
            assertThat(neverProjected.header("Safecase-Projection-Version")).isNull();
        }));
    }

    @Test
    void givenASchoolFilterOutsideTheUsersSchoolOrTrustThen403() {
        TestIncident inB = incident("SCH-B");
        stream.send(inB.reported(CYBERBULLYING, pupil(uniqueReference())));
        awaitProjected(inB, 0);

        Response refused = http().get("/api/v1/incidents?schoolId=SCH-B", "dsl.a");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("rule").asString()).isEqualTo("SCHOOL_NOT_ALLOWED");
        assertThat(http().get("/api/v1/incidents?schoolId=SCH-X", "auditor").status()).isEqualTo(403);
        assertThat(http().get("/api/v1/incidents?schoolId=SCH-A", "dsl.a").status()).isEqualTo(200);
        Response auditorOfB = http().get("/api/v1/incidents?schoolId=SCH-B&size=100", "auditor");
        assertThat(auditorOfB.status()).isEqualTo(200);
        assertThat(auditorOfB.json().get("items").valueStream().map(i -> i.get("schoolId").asString()))
                .containsOnly("SCH-B");
    }

    private List<String> logIds(String user) {
        Response response = http().get("/api/v1/incidents?category=" + CYBERBULLYING.code() + "&size=100", user);
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("items").valueStream().map(item -> item.get("incidentId").asString()).toList();
    }
}
