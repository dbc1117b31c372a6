package org.safecase.query.alert;

import org.junit.jupiter.api.Test;
import org.safecase.events.ActionAssigned;
import org.safecase.events.ActionCompleted;
import org.safecase.events.Agency;
import org.safecase.events.ContactMethod;
import org.safecase.events.EscalationTarget;
import org.safecase.events.IncidentEscalated;
import org.safecase.events.Outcome;
import org.safecase.events.ParentContactDecision;
import org.safecase.events.ParentContactRecorded;
import org.safecase.events.ReferralDecision;
import org.safecase.events.SubjectType;
import org.safecase.localstack.Http.Response;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.DSL;
import static org.safecase.query.support.TestIncident.GROOMING;
import static org.safecase.query.support.TestIncident.HEAD;
import static org.safecase.query.support.TestIncident.STAFF;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.staff;
import static org.safecase.query.support.TestIncident.uniqueReference;

/** The DSL's day: what needs a lead now, by the clocks and the school-day calendar, and the actions across incidents. */
class AlertsTest extends QueryServiceTest {

    @Autowired
    WorkingDays workingDays;

    private List<JsonNode> alertsOf(TestIncident incident, String user) {
        Response response = http().get("/api/v1/alerts", user);
        assertThat(response.status()).isEqualTo(200);
        return StreamSupport.stream(response.json().spliterator(), false)
                .filter(a -> a.get("incidentId").asString().equals(incident.id().toString())).toList();
    }

    private static List<String> dues(List<JsonNode> alerts) {
        return alerts.stream().map(a -> a.get("due").asString()).toList();
    }

    @Test
    void givenGroomingReportedByStaffTwoHoursAgoThenTheEscalationAndPoliceReferralAreOverdueAndParentsAreDue() {
        Instant reportedAt = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(GROOMING, STAFF, reportedAt.minus(1, ChronoUnit.HOURS), reportedAt,
                pupil(uniqueReference())));
        awaitProjected(incident, 0);

        List<JsonNode> alerts = alertsOf(incident, "dsl.a");

        assertThat(dues(alerts)).containsExactlyInAnyOrder("ESCALATION", "POLICE_REFERRAL", "PARENT_CONTACT");
        JsonNode escalation = alerts.stream().filter(a -> a.get("due").asString().equals("ESCALATION")).findFirst()
                .orElseThrow();
        assertThat(Instant.parse(escalation.get("dueAt").asString())).isEqualTo(reportedAt.plus(1, ChronoUnit.HOURS));
        assertThat(escalation.get("overdue").asBoolean()).isTrue();
        assertThat(escalation.get("category").asString()).isEqualTo("ILL-GROOMING");
        JsonNode parents = alerts.stream().filter(a -> a.get("due").asString().equals("PARENT_CONTACT")).findFirst()
                .orElseThrow();
        assertThat(parents.get("overdue").asBoolean()).isFalse();
        assertThat(parents.toString()).doesNotContain("Messages sent").doesNotContain("P-");
    }

    @Test
    void givenTheDutiesDoneThenTheirAlertsAreGoneAndAClosedIncidentRaisesNone() {
        String child = uniqueReference();
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(GROOMING, pupil(child)));
        stream.send(incident.escalated(EscalationTarget.DSL, "adult contact"));
        stream.send(incident.referredToPolice("West Midlands Police", "CR-9", null));
        awaitProjected(incident, 2);

        assertThat(dues(alertsOf(incident, "dsl.a"))).containsExactly("PARENT_CONTACT");

        stream.send(incident.envelope(new ParentContactRecorded(incident.id(), "SCH-A", DSL, Instant.now(),
                incident.subjectId(child), null, SubjectType.PUPIL, ParentContactDecision.INFORMED, Instant.now(),
                ContactMethod.PHONE, null)));
        awaitProjected(incident, 3);
        assertThat(alertsOf(incident, "dsl.a")).isEmpty();

        TestIncident closed = incident("SCH-A");
        stream.send(closed.reported(GROOMING, pupil(uniqueReference())));
        stream.send(closed.closed(Outcome.POLICE_ACTION, "closed"));
        awaitProjected(closed, 1);
        assertThat(alertsOf(closed, "dsl.a")).isEmpty();
    }

    @Test
    void givenAnAllegationAgainstStaffOnAFridayThenTheLadoDecisionIsDueByTheEndOfMondayForTheHeadTeacherOnly() {
        Instant friday = LocalDate.parse("2026-11-27").atTime(15, 0).atZone(ZoneId.of("Europe/London")).toInstant();
        TestIncident allegation = incident("SCH-A");
        stream.send(allegation.reported(CYBERBULLYING, STAFF, friday.minus(1, ChronoUnit.HOURS), friday,
                staff("S-" + uniqueReference())));
        awaitProjected(allegation, 0);

        List<JsonNode> forHead = alertsOf(allegation, "head.a");

        assertThat(dues(forHead)).containsExactlyInAnyOrder("ESCALATION", "LADO_DECISION");
        JsonNode lado = forHead.stream().filter(a -> a.get("due").asString().equals("LADO_DECISION")).findFirst()
                .orElseThrow();
        assertThat(lado.get("dueAt").asString()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(lado.get("overdue").asBoolean()).isTrue();
        assertThat(alertsOf(allegation, "dsl.a")).isEmpty();

        stream.send(allegation.envelope(new IncidentEscalated(allegation.id(), "SCH-A", HEAD, Instant.now(),
                EscalationTarget.HEAD_TEACHER, allegation.sealed("reason", "allegation"))));
        stream.send(allegation.externalReferral(Agency.LADO, ReferralDecision.REFERRED, "discussed", "LADO-1"));
        awaitProjected(allegation, 2);
        assertThat(alertsOf(allegation, "head.a")).isEmpty();
    }

    @Test
    void givenTheWorkingDayCalendarThenWeekendsAndBankHolidaysAreNotCounted() {
        ZoneId london = ZoneId.of("Europe/London");
        Instant christmasEve = LocalDate.parse("2026-12-24").atTime(10, 0).atZone(london).toInstant();
        Instant summerFriday = LocalDate.parse("2027-08-27").atTime(10, 0).atZone(london).toInstant();

        // 25 December, the weekend and the substitute Boxing Day (28th) are not school days: the 29th is
        assertThat(workingDays.endOfWorkingDays(christmasEve, 1))
                .isEqualTo(LocalDate.parse("2026-12-30").atStartOfDay(london).toInstant());
        // the summer bank holiday Monday is skipped, and British Summer Time is honoured
        assertThat(workingDays.endOfWorkingDays(summerFriday, 1))
                .isEqualTo(Instant.parse("2027-08-31T23:00:00Z"));
        assertThat(workingDays.isWorkingDay(LocalDate.parse("2026-12-28"))).isFalse();
        assertThat(workingDays.isWorkingDay(LocalDate.parse("2026-12-29"))).isTrue();
    }

    @Test
    void givenActionsThenEachOwnerSeesTheirsWithItsStatusAndALeadSeesTheSchools() {
        TestIncident incident = incident("SCH-A");
        UUID overdue = UUID.randomUUID();
        UUID upcoming = UUID.randomUUID();
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference())));
        stream.send(incident.envelope(new ActionAssigned(incident.id(), "SCH-A", DSL, Instant.now(), overdue,
                incident.sealed("title", "Speak to the form tutor"), "staff.a", today.minusDays(2))));
        stream.send(incident.envelope(new ActionAssigned(incident.id(), "SCH-A", DSL, Instant.now(), upcoming,
                incident.sealed("title", "Check the filter logs"), "dsl.a", today.plusDays(3))));
        awaitProjected(incident, 2);

        JsonNode mine = http().get("/api/v1/actions", "staff.a").json();
        Response someoneElses = http().get("/api/v1/actions?owner=dsl.a", "staff.a");
        JsonNode schools = http().get("/api/v1/actions", "dsl.a").json();
        Response governor = http().get("/api/v1/actions", "governor.a");
        Response badStatus = http().get("/api/v1/actions?status=LATE", "dsl.a");

        List<JsonNode> ownActions = StreamSupport.stream(mine.spliterator(), false)
                .filter(a -> a.get("incidentId").asString().equals(incident.id().toString())).toList();
        assertThat(ownActions).hasSize(1);
        assertThat(ownActions.get(0).get("title").asString()).isEqualTo("Speak to the form tutor");
        assertThat(ownActions.get(0).get("status").asString()).isEqualTo("OVERDUE");
        assertThat(someoneElses.status()).isEqualTo(403);
        assertThat(StreamSupport.stream(schools.spliterator(), false).map(a -> a.get("actionId").asString()))
                .contains(overdue.toString(), upcoming.toString());
        assertThat(governor.status()).isEqualTo(403);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(dues(alertsOf(incident, "dsl.a"))).contains("ACTION");

        stream.send(incident.envelope(new ActionCompleted(incident.id(), "SCH-A", STAFF, Instant.now(), overdue,
                incident.sealed("note", "done"))));
        awaitProjected(incident, 3);

        JsonNode done = http().get("/api/v1/actions?status=DONE&owner=staff.a", "dsl.a").json();
        assertThat(StreamSupport.stream(done.spliterator(), false).map(a -> a.get("actionId").asString()))
                .contains(overdue.toString()).doesNotContain(upcoming.toString());
        assertThat(alertsOf(incident, "dsl.a").stream().filter(a -> a.get("due").asString().equals("ACTION"))
                .map(a -> a.get("overdue").asBoolean())).containsExactly(false);
    }
}
