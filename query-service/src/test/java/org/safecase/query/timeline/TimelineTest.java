package org.safecase.query.timeline;

import org.junit.jupiter.api.Test;
import org.safecase.events.Agency;
import org.safecase.events.EscalationTarget;
import org.safecase.events.Outcome;
import org.safecase.events.ReferralDecision;
import org.safecase.events.SanctionType;
import org.safecase.events.SubjectType;
import org.safecase.localstack.Http.Response;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CHILD_PROTECTION;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.uniqueReference;

class TimelineTest extends QueryServiceTest {

    @Test
    void givenAWholeCaseThenTheTimelineTellsEveryEventInOrderInASentenceWithTheFreeTextApart() {
        TestIncident incident = incident("SCH-A");
        String pupil = uniqueReference();
        var reported = stream.send(incident.reported(CYBERBULLYING, pupil(pupil), pupil(uniqueReference())));
        stream.send(incident.escalated(EscalationTarget.DSL, "Threats in the messages"));
        stream.send(incident.referredToPolice("West Midlands Police", "CR-1", "Spoke to PC on duty"));
        stream.send(incident.externalReferral(Agency.PREVENT, ReferralDecision.NOT_REFERRED, "No extremist content", null));
        stream.send(incident.sanction(pupil, SubjectType.PUPIL, SanctionType.ACCESS_SUSPENSION,
                LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-27"), "One week initially"));
        stream.send(incident.note("Parents informed by phone"));
        stream.send(incident.reclassified(CHILD_PROTECTION, "Disclosure during interview"));
        stream.send(incident.closed(Outcome.POLICE_ACTION, "Police are dealing with it"));
        stream.send(incident.reopened("Further messages"));
        awaitProjected(incident, 8);

        Response response = http().get(incident.path() + "/timeline", "dsl.a");
        JsonNode timeline = response.json();
        List<JsonNode> entries = timeline.get("entries").valueStream().toList();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Safecase-Projection-Version")).isEqualTo("8");
        assertThat(timeline.get("incidentId").asString()).isEqualTo(incident.id().toString());
        assertThat(timeline.get("version").asLong()).isEqualTo(8);
        assertThat(entries).extracting(e -> e.get("sequence").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(entries).extracting(e -> e.get("summary").asString()).containsExactly(
                "Reported as Cyber-bullying (INAPPROPRIATE), 2 subjects, off site, from CPOMS",
                "Escalated to the DSL",
                "Referred to West Midlands Police",
                "Decision on Prevent: not referred",
                "Sanction ACCESS_SUSPENSION for a pupil from 2026-11-20 to 2026-11-27",
                "Note added",
                "Reclassified from Cyber-bullying (INAPPROPRIATE) to Suspected child protection (SAFEGUARDING)",
                "Closed: POLICE_ACTION",
                "Reopened");
        assertThat(entries).extracting(e -> e.get("detail").asString()).containsExactly(
                "Messages sent in the evening", "Threats in the messages", "Crime reference: CR-1\nSpoke to PC on duty",
                "No extremist content", "One week initially", "Parents informed by phone",
                "Disclosure during interview", "Police are dealing with it", "Further messages");
        assertThat(entries).extracting(e -> e.get("type").asString()).containsExactly("IncidentReported",
                "IncidentEscalated", "PoliceReferralMade", "ExternalReferralRecorded", "SanctionApplied", "NoteAdded",
                "IncidentReclassified", "IncidentClosed", "IncidentReopened");
        assertThat(Instant.parse(entries.get(0).get("at").asString())).isEqualTo(reported.recordedAt());
        assertThat(entries.get(0).get("actor").get("userId").asString()).isEqualTo("staff.a");
        assertThat(entries.get(0).get("actor").get("role").asString()).isEqualTo("STAFF");
        assertThat(entries.get(1).get("actor").get("userId").asString()).isEqualTo("dsl.a");
        // the subject of a sanction is named in a field of its own, never in a summary
        assertThat(entries.get(4).get("subjectReference").asString()).isEqualTo(pupil);
        assertThat(entries.get(0).has("subjectReference")).isFalse();
        assertThat(entries).extracting(e -> e.get("summary").asString()).noneMatch(summary -> summary.contains(pupil));
    }

    @Test
    void givenAReaderWaitingForAVersionThenTheTimelineAnswersAsSoonAsItIsProjected() throws Exception {
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference())));
        awaitProjected(incident, 0);

        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
                () -> http().get(incident.path() + "/timeline?minVersion=1", "integration.a"));
        stream.send(incident.note("Posted by the integration"));
        Response response = waiting.get(10, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Safecase-Consistent")).isEqualTo("true");
        assertThat(response.header("Safecase-Projection-Version")).isEqualTo("1");
        assertThat(response.json().get("entries")).extracting(e -> e.get("summary").asString())
                .containsExactly("Reported as Cyber-bullying (INAPPROPRIATE), 1 subject, off site, from CPOMS",
                        "Note added");
    }

    @Test
    void givenAVersionThatIsNotProjectedInTimeThenTheTimelineAnswersWhatItHasAndSaysSo() {
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference())));
        awaitProjected(incident, 0);

        long started = System.nanoTime();
        Response response = http().get(incident.path() + "/timeline?minVersion=5", "dsl.a");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Safecase-Consistent")).isEqualTo("false");
        assertThat(response.header("Safecase-Projection-Version")).isEqualTo("0");
        assertThat(response.json().get("entries")).hasSize(1);
        // the wait is bounded by safecase.read-your-writes.max-wait (1 s in the tests)
        assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    }

    @Test
    void givenAnIncidentNotYetProjectedWhenAReaderWaitsForItsFirstVersionThenItIsFoundOrElse404() throws Exception {
        TestIncident incident = incident("SCH-A");
        CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(
                () -> http().get(incident.path() + "/timeline?minVersion=0", "dsl.a"));
        stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference())));

        assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(http().get("/api/v1/incidents/" + UUID.randomUUID() + "/timeline?minVersion=0", "dsl.a").status())
                .isEqualTo(404);
    }

    @Test
    void givenAnIncidentOfAnotherSchoolThenItsTimelineIs403() {
        TestIncident incident = incident("SCH-B");
        stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference())));
        awaitProjected(incident, 0);

        assertThat(http().get(incident.path() + "/timeline", "dsl.a").status()).isEqualTo(403);
        assertThat(http().get(incident.path() + "/timeline", "dsl.b").status()).isEqualTo(200);
        assertThat(http().get(incident.path() + "/timeline", "auditor").status()).isEqualTo(200);
    }
}
