package org.safecase.query.sanction;

import org.junit.jupiter.api.Test;
import org.safecase.events.CategoryRef;
import org.safecase.events.Involvement;
import org.safecase.events.SanctionType;
import org.safecase.events.SubjectType;
import org.safecase.localstack.Http.Response;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import org.safecase.query.support.TestIncident.Person;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.safecase.query.support.TestIncident.CHILD_PROTECTION;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.HEAD;
import static org.safecase.query.support.TestIncident.STAFF;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.staff;
import static org.safecase.query.support.TestIncident.uniqueReference;

class RepeatBehaviourTest extends QueryServiceTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/London"));

    @Test
    void givenAPupilAllegedOrSanctionedInThreeIncidentsOfACategoryThenTheCategoryIsFlagged() {
        String reference = uniqueReference();
        String otherPupil = uniqueReference();
        TestIncident first = reported("SCH-A", CYBERBULLYING, pupil(reference));
        TestIncident second = reported("SCH-A", CYBERBULLYING, pupil(reference), affected(otherPupil));
        stream.send(second.sanction(reference, SubjectType.PUPIL, SanctionType.WARNING, TODAY, null, null));
        // affected, not alleged, but sanctioned: counts
        TestIncident third = reported("SCH-A", CYBERBULLYING, affected(reference), pupil(otherPupil));
        stream.send(third.sanction(reference, SubjectType.PUPIL, SanctionType.DETENTION, TODAY, null, null));
        // affected and not sanctioned: does not count
        TestIncident asVictim = reported("SCH-A", CYBERBULLYING, affected(reference), pupil(otherPupil));
        TestIncident otherCategory = reported("SCH-A", CHILD_PROTECTION, pupil(reference));
        awaitAll(first, second, third, asVictim, otherCategory);

        Response response = http().get("/api/v1/subjects/" + reference + "/sanctions/repeat", "dsl.a");
        JsonNode body = response.json();

        assertThat(response.status()).isEqualTo(200);
        assertThat(body.get("reference").asString()).isEqualTo(reference);
        assertThat(body.get("priorIncidents").asInt()).isEqualTo(2);
        LocalDate to = LocalDate.parse(body.get("to").asString());
        assertThat(to).isBetween(TODAY, TODAY.plusDays(1));
        assertThat(body.get("from").asString()).isEqualTo(to.minusMonths(12).toString());
        assertThat(body.get("incidents").asInt()).isEqualTo(4);
        assertThat(body.get("flagged").asBoolean()).isTrue();
        JsonNode bullying = category(body, "INA-CYBERBULLY");
        assertThat(bullying.get("schoolId").asString()).isEqualTo("SCH-A");
        assertThat(bullying.get("incidents").asInt()).isEqualTo(3);
        assertThat(bullying.get("sanctioned").asInt()).isEqualTo(2);
        assertThat(bullying.get("flagged").asBoolean()).isTrue();
        JsonNode childProtection = category(body, "SG-CP");
        assertThat(childProtection.get("incidents").asInt()).isEqualTo(1);
        assertThat(childProtection.get("flagged").asBoolean()).isFalse();
        assertThat(response.raw().body()).doesNotContain(otherPupil);
    }

    @Test
    void givenOnlyTwoIncidentsOfACategoryInTheWindowThenItIsNotFlagged() {
        String reference = uniqueReference();
        TestIncident first = reported("SCH-A", CYBERBULLYING, pupil(reference));
        TestIncident second = reported("SCH-A", CYBERBULLYING, pupil(reference));
        Instant thirteenMonthsAgo = Instant.now().minus(400, ChronoUnit.DAYS);
        TestIncident longAgo = incident("SCH-A");
        stream.send(longAgo.reported(CYBERBULLYING, STAFF, thirteenMonthsAgo, Instant.now(), pupil(reference)));
        awaitAll(first, second, longAgo);

        JsonNode body = http().get("/api/v1/subjects/" + reference + "/sanctions/repeat", "dsl.a").json();

        assertThat(category(body, "INA-CYBERBULLY").get("incidents").asInt()).isEqualTo(2);
        assertThat(category(body, "INA-CYBERBULLY").get("flagged").asBoolean()).isFalse();
        assertThat(body.get("flagged").asBoolean()).isFalse();
    }

    @Test
    void givenOneOfThreeIncidentsDisposedOfThenTheCategoryIsNoLongerFlagged() {
        String reference = uniqueReference();
        TestIncident first = reported("SCH-A", CYBERBULLYING, pupil(reference));
        TestIncident second = reported("SCH-A", CYBERBULLYING, pupil(reference));
        TestIncident disposed = reported("SCH-A", CYBERBULLYING, pupil(reference));
        awaitAll(first, second, disposed);
        assertThat(flagged(reference)).isTrue();

        personalData.destroyIncidentKey(disposed.id());
        stream.send(disposed.disposed("Retention ended"));
        awaitAll(disposed);

        assertThat(flagged(reference)).isFalse();
    }

    @Test
    void givenTheSameReferenceInAnotherSchoolThenThatSchoolsIncidentsDoNotCount() {
        String reference = uniqueReference();
        TestIncident a1 = reported("SCH-A", CYBERBULLYING, pupil(reference));
        TestIncident a2 = reported("SCH-A", CYBERBULLYING, pupil(reference));
        TestIncident b1 = reported("SCH-B", CYBERBULLYING, pupil(reference));
        TestIncident b2 = reported("SCH-B", CYBERBULLYING, pupil(reference));
        awaitAll(a1, a2, b1, b2);

        for (String user : List.of("dsl.a", "dsl.b")) {
            JsonNode body = http().get("/api/v1/subjects/" + reference + "/sanctions/repeat", user).json();
            assertThat(body.get("categories")).as(user).hasSize(1);
            assertThat(category(body, "INA-CYBERBULLY").get("incidents").asInt()).as(user).isEqualTo(2);
            assertThat(body.get("flagged").asBoolean()).as(user).isFalse();
        }
        // an auditor reading the whole trust: each school's person apart, never added up
        JsonNode trust = http().get("/api/v1/subjects/" + reference + "/sanctions/repeat", "auditor").json();
        assertThat(trust.get("categories").valueStream().map(c -> c.get("schoolId").asString() + ":" + c.get("incidents").asInt()))
                .containsExactly("SCH-A:2", "SCH-B:2");
        assertThat(trust.get("flagged").asBoolean()).isFalse();
        assertThat(http().get("/api/v1/subjects/" + reference + "/sanctions/repeat?schoolId=SCH-B", "dsl.a").status())
                .isEqualTo(403);
        assertThat(http().get("/api/v1/subjects/" + reference + "/sanctions/repeat", "governor.a").status())
                .isEqualTo(403);
    }

    @Test
    void givenACategoryAskedForThenOnlyItsCountAndFlagAreListed() {
        String reference = uniqueReference();
        TestIncident first = reported("SCH-A", CYBERBULLYING, pupil(reference));
        TestIncident second = reported("SCH-A", CYBERBULLYING, pupil(reference));
        TestIncident third = reported("SCH-A", CYBERBULLYING, pupil(reference));
        TestIncident other = reported("SCH-A", CHILD_PROTECTION, pupil(reference));
        awaitAll(first, second, third, other);

        JsonNode body = http().get("/api/v1/subjects/" + reference + "/sanctions/repeat?category=SG-CP", "dsl.a").json();

        assertThat(body.get("categories").valueStream().map(c -> c.get("category").asString())).containsExactly("SG-CP");
        assertThat(body.get("flagged").asBoolean()).isFalse();
        assertThat(body.get("incidents").asInt()).isEqualTo(4);
    }

    @Test
    void givenAMemberOfStaffAllegedThreeTimesThenOnlyTheHeadTeacherAndAuditorsSeeTheFlag() {
        String reference = "S-" + uniqueReference();
        TestIncident[] allegations = new TestIncident[3];
        for (int i = 0; i < allegations.length; i++) {
            allegations[i] = incident("SCH-A");
            stream.send(allegations[i].reported(CYBERBULLYING, HEAD, Instant.now(), Instant.now(), staff(reference)));
        }
        awaitAll(allegations);

        for (String user : List.of("head.a", "auditor")) {
            JsonNode body = http().get("/api/v1/subjects/" + reference + "/sanctions/repeat", user).json();
            assertThat(body.get("flagged").asBoolean()).as(user).isTrue();
        }
        for (String user : List.of("dsl.a", "integration.a")) {
            JsonNode body = http().get("/api/v1/subjects/" + reference + "/sanctions/repeat", user).json();
            assertThat(body.get("categories")).as(user).isEmpty();
            assertThat(body.get("incidents").asInt()).as(user).isZero();
            assertThat(body.get("flagged").asBoolean()).as(user).isFalse();
        }
    }

    @Test
    void theWindowIsTheLastTwelveMonthsOrTheSchoolYearFromTheFirstOfSeptember() {
        assertThat(new RepeatProperties(null, null).windowStart(LocalDate.parse("2026-11-20")))
                .isEqualTo(LocalDate.parse("2025-11-20"));
        RepeatProperties schoolYear = new RepeatProperties(null, "SCHOOL_YEAR");
        assertThat(schoolYear.windowStart(LocalDate.parse("2026-11-20"))).isEqualTo(LocalDate.parse("2026-09-01"));
        assertThat(schoolYear.windowStart(LocalDate.parse("2026-09-01"))).isEqualTo(LocalDate.parse("2026-09-01"));
        assertThat(schoolYear.windowStart(LocalDate.parse("2026-08-31"))).isEqualTo(LocalDate.parse("2025-09-01"));
        assertThatThrownBy(() -> new RepeatProperties(2, "last year")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepeatProperties(-1, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void byDefaultACategoryIsFlaggedFromItsThirdIncident() {
        RepeatProperties defaults = new RepeatProperties(null, null);

        assertThat(defaults.flags(2)).isFalse();
        assertThat(defaults.flags(3)).isTrue();
        assertThat(new RepeatProperties(0, null).flags(1)).isTrue();
    }

    private boolean flagged(String reference) {
        return http().get("/api/v1/subjects/" + reference + "/sanctions/repeat", "dsl.a").json().get("flagged").asBoolean();
    }

    private TestIncident reported(String schoolId, CategoryRef category, Person... people) {
        TestIncident incident = incident(schoolId);
        stream.send(incident.reported(category, people));
        return incident;
    }

    private void awaitAll(TestIncident... incidents) {
        for (TestIncident incident : incidents) {
            awaitProjected(incident, incident.nextSequence() - 1);
        }
    }

    private static Person affected(String reference) {
        return new Person(SubjectType.PUPIL, reference, Involvement.AFFECTED, "Y6");
    }

    private static JsonNode category(JsonNode body, String code) {
        return body.get("categories").valueStream().filter(c -> c.get("category").asString().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + body));
    }
}
