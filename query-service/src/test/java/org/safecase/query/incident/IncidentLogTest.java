package org.safecase.query.incident;

import org.junit.jupiter.api.Test;
import org.safecase.events.Agency;
import org.safecase.events.Classification;
import org.safecase.events.EscalationTarget;
import org.safecase.events.IncidentCorrected;
import org.safecase.events.Outcome;
import org.safecase.events.ReferralDecision;
import org.safecase.events.SanctionType;
import org.safecase.events.SubjectType;
import org.safecase.localstack.Http.Response;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CHILD_PROTECTION;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.DSL;
import static org.safecase.query.support.TestIncident.GROOMING;
import static org.safecase.query.support.TestIncident.STAFF;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.uniqueReference;

class IncidentLogTest extends QueryServiceTest {

    @Test
    void givenAReportedIncidentThenTheLogShowsItOpenWithItsCategoryAndSubjects() {
        TestIncident incident = incident("SCH-A");
        var reported = stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference()), pupil(uniqueReference())));
        awaitProjected(incident, 0);

        JsonNode row = http().get(incident.path(), "dsl.a").json();

        assertThat(row.get("incidentId").asString()).isEqualTo(incident.id().toString());
        assertThat(row.get("schoolId").asString()).isEqualTo("SCH-A");
        assertThat(row.get("category").asString()).isEqualTo("INA-CYBERBULLY");
        assertThat(row.get("categoryName").asString()).isEqualTo("Cyber-bullying");
        assertThat(row.get("classification").asString()).isEqualTo("INAPPROPRIATE");
        assertThat(row.get("status").asString()).isEqualTo("OPEN");
        assertThat(Instant.parse(row.get("reportedAt").asString())).isEqualTo(reported.recordedAt());
        assertThat(row.get("occurredAt").asString()).isNotBlank();
        assertThat(row.get("escalatedAt").isNull()).isTrue();
        assertThat(row.get("closedAt").isNull()).isTrue();
        assertThat(row.get("subjectCount").asInt()).isEqualTo(2);
        assertThat(row.get("policeReferred").asBoolean()).isFalse();
        assertThat(row.get("offSite").asBoolean()).isTrue();
        assertThat(row.get("sourceSystem").asString()).isEqualTo("CPOMS");
        assertThat(row.get("overdue").asBoolean()).isFalse();
        assertThat(row.get("version").asLong()).isZero();
    }

    @Test
    void givenAReportedIncidentWhenEscalatedThenTheLogShowsTheFirstEscalationTime() {
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(CHILD_PROTECTION, pupil(uniqueReference())));
        var first = stream.send(incident.escalated(EscalationTarget.DSL, "Disclosure by a pupil"));
        stream.send(incident.escalated(EscalationTarget.HEAD_TEACHER, "Needs the head"));
        awaitProjected(incident, 2);

        JsonNode row = http().get(incident.path(), "dsl.a").json();

        assertThat(Instant.parse(row.get("escalatedAt").asString())).isEqualTo(first.recordedAt());
        assertThat(row.get("escalatedTo").asString()).isEqualTo("DSL");
        assertThat(row.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void givenAnIllegalIncidentWhenReferredToThePoliceAndClosedThenTheLogShowsReferralAndOutcome() {
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(GROOMING, pupil(uniqueReference())));
        var referral = stream.send(incident.referredToPolice("West Midlands Police", "CR-1", null));
        stream.send(incident.externalReferral(Agency.CEOP, ReferralDecision.REFERRED, "Online contact", "CEOP-9"));
        stream.send(incident.sanction(uniqueReference(), SubjectType.PUPIL, SanctionType.WARNING, LocalDate.now(), null, null));
        var closed = stream.send(incident.closed(Outcome.POLICE_ACTION, "Police took it on"));
        awaitProjected(incident, 4);

        JsonNode row = http().get(incident.path(), "dsl.a").json();

        assertThat(row.get("policeReferred").asBoolean()).isTrue();
        assertThat(Instant.parse(row.get("policeReferredAt").asString()))
                .isEqualTo(Instant.parse(referral.payload().get("referredAt").asString()));
        assertThat(Instant.parse(row.get("referredAt").asString()))
                .isEqualTo(Instant.parse(referral.payload().get("referredAt").asString()));
        assertThat(row.get("sanctionCount").asInt()).isEqualTo(1);
        assertThat(row.get("status").asString()).isEqualTo("CLOSED");
        assertThat(Instant.parse(row.get("closedAt").asString())).isEqualTo(closed.recordedAt());
        assertThat(row.get("outcome").asString()).isEqualTo("POLICE_ACTION");
    }

    @Test
    void givenCorrectionsOfTheTimeAndPlaceThenTheLogShowsTheCorrectedValues() {
        TestIncident incident = incident("SCH-A");
        Instant corrected = Instant.parse("2026-11-02T08:30:00Z");
        stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference())));
        stream.send(incident.envelope(new IncidentCorrected(incident.id(), "SCH-A", TestIncident.DSL, Instant.now(),
                IncidentCorrected.OCCURRED_AT, null, corrected, null, incident.sealed("reason", "the CCTV clock"))));
        stream.send(incident.envelope(new IncidentCorrected(incident.id(), "SCH-A", TestIncident.DSL, Instant.now(),
                IncidentCorrected.OFF_SITE, null, null, false, incident.sealed("reason", "it was in school"))));
        awaitProjected(incident, 2);

        JsonNode row = http().get(incident.path(), "dsl.a").json();

        assertThat(Instant.parse(row.get("occurredAt").asString())).isEqualTo(corrected);
        assertThat(row.get("offSite").asBoolean()).isFalse();
        assertThat(row.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void givenAClosedIncidentWhenReopenedAndReclassifiedThenTheLogShowsItOpenInItsNewCategory() {
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference())));
        stream.send(incident.closed(Outcome.INTERNAL_ACTION, "Dealt with"));
        stream.send(incident.reopened("New messages"));
        stream.send(incident.reclassified(CHILD_PROTECTION, "Disclosure"));
        awaitProjected(incident, 3);

        JsonNode row = http().get(incident.path(), "dsl.a").json();

        assertThat(row.get("status").asString()).isEqualTo("OPEN");
        assertThat(row.get("closedAt").isNull()).isTrue();
        assertThat(row.get("outcome").isNull()).isTrue();
        assertThat(row.get("category").asString()).isEqualTo("SG-CP");
        assertThat(row.get("classification").asString()).isEqualTo("SAFEGUARDING");
        assertThat(row.get("reclassified").asBoolean()).isTrue();
    }

    @Test
    void givenAChildProtectionIncidentReportedTwoDaysAgoAndNotEscalatedThenItIsOverdueUntilEscalated() {
        Instant twoDaysAgo = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        TestIncident late = incident("SCH-A");
        stream.send(late.reported(CHILD_PROTECTION, STAFF, twoDaysAgo, twoDaysAgo, pupil(uniqueReference())));
        TestIncident illegal = incident("SCH-A");
        stream.send(illegal.reported(GROOMING, DSL, twoDaysAgo, twoDaysAgo, pupil(uniqueReference())));
        TestIncident recent = incident("SCH-A");
        stream.send(recent.reported(CHILD_PROTECTION, pupil(uniqueReference())));
        awaitProjected(late, 0);
        awaitProjected(illegal, 0);
        awaitProjected(recent, 0);

        JsonNode lateRow = http().get(late.path(), "dsl.a").json();
        assertThat(lateRow.get("overdue").asBoolean()).isTrue();
        assertThat(lateRow.get("overdueFor")).extracting(JsonNode::asString).contains("ESCALATION")
                .doesNotContain("POLICE_REFERRAL");
        // reported by the DSL: no escalation needed, but the police referral is late
        assertThat(http().get(illegal.path(), "dsl.a").json().get("overdueFor")).extracting(JsonNode::asString)
                .contains("POLICE_REFERRAL").doesNotContain("ESCALATION");
        assertThat(http().get(recent.path(), "dsl.a").json().get("overdue").asBoolean()).isFalse();

        stream.send(late.escalated(EscalationTarget.DSL, "Late"));
        awaitProjected(late, 1);
        assertThat(http().get(late.path(), "dsl.a").json().get("overdueFor")).extracting(JsonNode::asString)
                .doesNotContain("ESCALATION");
    }

    @Test
    void givenManyIncidentsOfACategoryThenTheLogPagesThemNewestReportedFirstWithTheTotal() {
        var category = TestIncident.uniqueCategory(Classification.INAPPROPRIATE);
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        TestIncident[] incidents = new TestIncident[5];
        for (int i = 0; i < incidents.length; i++) {
            incidents[i] = incident("SCH-A");
            Instant at = start.plusSeconds(i);
            stream.send(incidents[i].reported(category, STAFF, at, at, pupil(uniqueReference())));
        }
        for (TestIncident incident : incidents) {
            awaitProjected(incident, 0);
        }

        JsonNode first = http().get("/api/v1/incidents?category=" + category.code() + "&size=2", "dsl.a").json();
        JsonNode last = http().get("/api/v1/incidents?category=" + category.code() + "&size=2&page=2", "dsl.a").json();

        assertThat(first.get("total").asLong()).isEqualTo(5);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("items")).extracting(item -> item.get("incidentId").asString())
                .containsExactly(incidents[4].id().toString(), incidents[3].id().toString());
        assertThat(last.get("items")).extracting(item -> item.get("incidentId").asString())
                .containsExactly(incidents[0].id().toString());
    }

    @Test
    void givenIncidentsOfSeveralKindsThenTheLogFiltersByStatusClassificationAndOccurrence() {
        var category = TestIncident.uniqueCategory(Classification.SAFEGUARDING);
        var other = TestIncident.uniqueCategory(Classification.INAPPROPRIATE);
        Instant day = Instant.parse("2019-03-10T12:00:00Z");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        TestIncident open = incident("SCH-A");
        stream.send(open.reported(category, STAFF, day, now, pupil(uniqueReference())));
        TestIncident closed = incident("SCH-A");
        stream.send(closed.reported(category, STAFF, day.plus(2, ChronoUnit.DAYS), now, pupil(uniqueReference())));
        stream.send(closed.closed(Outcome.NO_FURTHER_ACTION, "Nothing to do"));
        TestIncident inappropriate = incident("SCH-A");
        stream.send(inappropriate.reported(other, STAFF, day, now, pupil(uniqueReference())));
        awaitProjected(open, 0);
        awaitProjected(closed, 1);
        awaitProjected(inappropriate, 0);

        assertThat(ids("/api/v1/incidents?category=" + category.code() + "&status=CLOSED"))
                .containsExactly(closed.id().toString());
        assertThat(ids("/api/v1/incidents?category=" + category.code() + "&status=open"))
                .containsExactly(open.id().toString());
        assertThat(ids("/api/v1/incidents?classification=INAPPROPRIATE&from=2019-03-10&to=2019-03-10"))
                .containsExactly(inappropriate.id().toString());
        // a date as "to" includes its whole day; an instant excludes itself
        assertThat(ids("/api/v1/incidents?classification=SAFEGUARDING&from=2019-03-10&to=2019-03-12"))
                .containsExactlyInAnyOrder(open.id().toString(), closed.id().toString());
        assertThat(ids("/api/v1/incidents?classification=SAFEGUARDING&from=2019-03-10T00:00:00Z&to=2019-03-12T12:00:00Z"))
                .containsExactly(open.id().toString());
    }

    @Test
    void givenBadPagingOrFiltersThenTheLogAnswers400ProblemsNamingTheField() {
        assertBadRequest("/api/v1/incidents?page=-1", "page");
        assertBadRequest("/api/v1/incidents?page=first", "page");
        assertBadRequest("/api/v1/incidents?size=0", "size");
        assertBadRequest("/api/v1/incidents?size=101", "size");
        assertBadRequest("/api/v1/incidents?status=PENDING", "status");
        assertBadRequest("/api/v1/incidents?classification=CRIMINAL", "classification");
        assertBadRequest("/api/v1/incidents?from=yesterday", "from");
        assertBadRequest("/api/v1/incidents?to=2031-02-30", "to");
        assertBadRequest("/api/v1/incidents?from=2019-03-12&to=2019-03-10", "to");
        assertBadRequest("/api/v1/incidents/not-a-uuid", "id");
        assertBadRequest("/api/v1/incidents/" + java.util.UUID.randomUUID() + "?minVersion=-1", "minVersion");
        assertThat(http().get("/api/v1/incidents?size=100", "dsl.a").status()).isEqualTo(200);
    }

    @Test
    void givenAnUnknownIncidentThenItsRowIs404() {
        Response response = http().get("/api/v1/incidents/" + java.util.UUID.randomUUID(), "dsl.a");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private java.util.List<String> ids(String path) {
        Response response = http().get(path, "dsl.a");
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("items").valueStream().map(item -> item.get("incidentId").asString()).toList();
    }

    private void assertBadRequest(String path, String field) {
        Response response = http().get(path, "dsl.a");
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).as(path).isEqualTo(field);
    }
}
