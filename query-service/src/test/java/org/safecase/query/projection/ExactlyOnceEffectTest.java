package org.safecase.query.projection;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.SanctionType;
import org.safecase.events.SubjectType;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.uniqueReference;

class ExactlyOnceEffectTest extends QueryServiceTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void givenEveryRecordDeliveredTwiceThenTheReadModelsChangeOnce() {
        TestIncident incident = incident("SCH-A");
        String reference = uniqueReference();
        IncidentEventEnvelope reported = incident.reported(CYBERBULLYING, pupil(reference));
        IncidentEventEnvelope sanction = incident.sanction(reference, SubjectType.PUPIL, SanctionType.DETENTION,
                LocalDate.now(), null, null);
        IncidentEventEnvelope note = incident.note("Follow-up");
        double duplicatesBefore = skipped("duplicate");

        stream.send(reported, reported, sanction, sanction, note, note);
        awaitProjected(incident, 2);
        // the copy of the last event follows it on the partition: once it is counted, all have been handled
        eventually(() -> assertThat(skipped("duplicate") - duplicatesBefore).isGreaterThanOrEqualTo(3));

        assertThat(timeline(incident).get("entries")).hasSize(3);
        JsonNode row = http().get(incident.path(), "dsl.a").json();
        assertThat(row.get("sanctionCount").asInt()).isEqualTo(1);
        assertThat(row.get("version").asLong()).isEqualTo(2);
        assertThat(http().get("/api/v1/subjects/" + reference + "/sanctions", "dsl.a").json()).hasSize(1);
    }

    @Test
    void givenAnOldEventRedeliveredAfterLaterOnesThenNothingGoesBack() {
        TestIncident incident = incident("SCH-A");
        IncidentEventEnvelope reported = incident.reported(CYBERBULLYING, pupil(uniqueReference()));
        IncidentEventEnvelope closed = incident.closed(org.safecase.events.Outcome.INTERNAL_ACTION, "Done");
        IncidentEventEnvelope escalated = incident.escalated(org.safecase.events.EscalationTarget.DSL, "Late copy");
        stream.send(reported, closed);
        awaitProjected(incident, 1);

        // a copy of the report, replayed after the closure (same event id and sequence)
        stream.send(reported);
        stream.send(escalated);
        awaitProjected(incident, 2);

        JsonNode row = http().get(incident.path(), "dsl.a").json();
        assertThat(row.get("status").asString()).isEqualTo("CLOSED");
        assertThat(row.get("escalatedAt").isNull()).isFalse();
        assertThat(timeline(incident).get("entries")).extracting(e -> e.get("sequence").asLong())
                .containsExactly(0L, 1L, 2L);
    }

    @Test
    void givenAGapInAnIncidentsSequenceThenTheLaterEventBreaksTheChainAndWaitsForTheMissingOne() {
        TestIncident incident = incident("SCH-A");
        IncidentEventEnvelope reported = incident.reported(CYBERBULLYING, pupil(uniqueReference()));
        IncidentEventEnvelope missing = incident.note("Arrives late");
        IncidentEventEnvelope after = incident.note("After the gap");
        double brokenBefore = meters.counter("safecase.projection.chain.broken").count();

        stream.send(reported, after);
        eventually(() -> assertThat(meters.counter("safecase.projection.chain.broken").count() - brokenBefore).isEqualTo(1));
        assertThat(projectedVersion(incident)).isZero();
        stream.send(missing);
        stream.send(after); // replayed from the dead-letter topic once the missing event is in
        awaitProjected(incident, 2);

        assertThat(timeline(incident).get("entries")).extracting(e -> e.get("detail").asString())
                .containsExactly("Messages sent in the evening", "Arrives late", "After the gap");
    }

    private JsonNode timeline(TestIncident incident) {
        return http().get(incident.path() + "/timeline", "dsl.a").json();
    }

    private double skipped(String reason) {
        return meters.counter("safecase.projection.events.skipped", "reason", reason).count();
    }
}
