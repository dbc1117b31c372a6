package org.safecase.command.forwarding;

import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import tools.jackson.databind.JsonNode;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.command.support.Reports.report;
import static org.safecase.command.support.Reports.uniqueReference;

class ForwardingMonitorTest extends CommandServiceTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.axonframework.config.EventProcessingConfiguration processing;

    private JsonNode healthOnceCaughtUp() {
        http().post("/api/v1/incidents", "dsl.a", report("INA-CYBERBULLY", "PUPIL", uniqueReference()));
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode health;
        do {
            health = http().get("/actuator/health", "operator").json();
            assertThat(Instant.now()).as("forwarder caught up").isBefore(deadline);
        } while (health.get("components").get("forwarder").get("details").get("lag").asDouble() > 0);
        return health;
    }

    @Test
    void healthReportsTheDatabaseKafkaAndTheForwarderCaughtUp() {
        JsonNode health = healthOnceCaughtUp();

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("kafka").get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("forwarder").get("details").get("state").asString()).isEqualTo("FORWARDING");
    }

    @Test
    void givenTheForwarderStoppedThenHealthIsDownUntilItRunsAgain() {
        TrackingEventProcessor forwarder = processing.eventProcessor(KafkaForwarder.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        forwarder.shutDown();
        try {
            JsonNode stopped = http().get("/actuator/health", "operator").json();

            assertThat(stopped.get("status").asString()).isEqualTo("DOWN");
            assertThat(stopped.get("components").get("forwarder").get("details").get("state").asString())
                    .isEqualTo("STOPPED");
        } finally {
            forwarder.start();
        }
        assertThat(healthOnceCaughtUp().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void metricsCountForwardedEventsAndTheLag() {
        healthOnceCaughtUp();
        JsonNode forwarded = http().get("/actuator/metrics/safecase.forwarder.events.forwarded", "operator").json();
        JsonNode lag = http().get("/actuator/metrics/safecase.forwarder.lag", "operator").json();

        assertThat(forwarded.get("measurements").get(0).get("value").asDouble()).isPositive();
        assertThat(lag.get("measurements").get(0).get("value").asDouble()).isZero();
    }
}
