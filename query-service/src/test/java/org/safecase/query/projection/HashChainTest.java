package org.safecase.query.projection;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.safecase.events.EventHashes;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.NoteAdded;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.uniqueReference;

/**
 * The projector checks each event's link in its incident's hash chain before it applies it: a forged or
 * altered record is dead-lettered as CHAIN_BROKEN, is never applied, and never freezes the incident.
 */
class HashChainTest extends QueryServiceTest {

    @Autowired
    MeterRegistry meters;

    private double chainBroken() {
        return meters.counter("safecase.projection.chain.broken").count();
    }

    private void awaitChainBroken(double before, int more) {
        eventually(() -> assertThat(chainBroken() - before).isEqualTo(more));
    }

    @Test
    void givenAForgedRecordFarAheadOfTheIncidentThenItIsDeadLetteredAndTheIncidentGoesOn() {
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference())));
        awaitProjected(incident, 0);
        double before = chainBroken();

        // a record produced by someone who can write the topic: a valid envelope, correctly hashed, far ahead
        IncidentEventEnvelope forged = EventHashes.envelope(UUID.randomUUID(), 100, new NoteAdded(incident.id(), "SCH-A",
                TestIncident.DSL, Instant.now(), incident.sealed("text", "Forged")), "ab".repeat(32), null, json);
        stream.send(forged);
        awaitChainBroken(before, 1);

        stream.send(incident.note("The genuine next note"));
        awaitProjected(incident, 1);

        assertThat(projectedVersion(incident)).isEqualTo(1);
        assertThat(details(incident)).containsExactly("Messages sent in the evening", "The genuine next note");
        assertThat(jdbc.queryForObject("SELECT reason FROM " + generations.activeSchema()
                + ".dead_lettered_event WHERE incident_id = ? AND sequence = 100", String.class, incident.id()))
                .startsWith("CHAIN_BROKEN");
        JsonNode health = http().get("/actuator/health", "operator").json();
        assertThat(health.at("/components/projections/details/chainBroken").asLong()).isPositive();
    }

    @Test
    void givenARecordAlteredAfterItWasHashedThenItIsRefusedAndTheGenuineOneApplies() {
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference())));
        IncidentEventEnvelope genuine = incident.escalated(org.safecase.events.EscalationTarget.DSL, "Threats");
        ObjectNode altered = json.valueToTree(genuine);
        ((ObjectNode) altered.get("payload")).put("to", "HEAD_TEACHER");
        altered.put("eventId", UUID.randomUUID().toString());
        double before = chainBroken();

        stream.sendRaw(incident.id().toString(), json.writeValueAsBytes(altered));
        awaitChainBroken(before, 1);
        stream.send(genuine);
        awaitProjected(incident, 1);

        JsonNode row = http().get(incident.path(), "dsl.a").json();
        assertThat(row.get("escalatedTo").asString()).isEqualTo("DSL");
    }

    private List<String> details(TestIncident incident) {
        return http().get(incident.path() + "/timeline", "dsl.a").json().get("entries").valueStream()
                .map(entry -> entry.get("detail").asString()).toList();
    }
}
