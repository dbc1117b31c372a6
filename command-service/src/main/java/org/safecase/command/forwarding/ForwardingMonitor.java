package org.safecase.command.forwarding;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * How far the forwarder is behind the event store: the lag gauge {@code safecase.forwarder.lag} (events
 * stored but not yet acknowledged by Kafka) and the {@code forwarder} health. A stalled forwarder is
 * reported, not treated as DOWN: commands still succeed and nothing is lost while Kafka is away, and it retries.
 * A forwarder that has stopped (Axon shuts a processor down on an error it deems unrecoverable) never resumes on
 * its own: that is DOWN, for an operator (or an orchestrator) to restart the instance, which resumes from its token.
 */
@Component("forwarder")
class ForwardingMonitor extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;

    ForwardingMonitor(EventProcessingConfiguration processing, JdbcTemplate jdbc, MeterRegistry meters) {
        this.processing = processing;
        this.jdbc = jdbc;
        Gauge.builder("safecase.forwarder.lag", this, ForwardingMonitor::lag)
                .description("Events in the event store not yet acknowledged by Kafka").register(meters);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (processor().map(p -> !p.isRunning()).orElse(false)) {
            builder.down().withDetail("lag", lag()).withDetail("state", "STOPPED");
            return;
        }
        Optional<EventTrackerStatus> status = status();
        builder.up()
                .withDetail("lag", lag())
                .withDetail("position", status.flatMap(s -> s.getCurrentPosition().isPresent()
                        ? Optional.of(s.getCurrentPosition().getAsLong()) : Optional.empty()).orElse(-1L))
                .withDetail("state", status.map(s -> s.isErrorState() ? "RETRYING" : "FORWARDING").orElse("STARTING"));
    }

    double lag() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        long position = status().map(s -> s.getCurrentPosition().orElse(0)).orElse(0L);
        return Math.max(0, head - position);
    }

    private Optional<EventTrackerStatus> status() {
        return processor().flatMap(p -> p.processingStatus().values().stream().findFirst());
    }

    private Optional<TrackingEventProcessor> processor() {
        return processing.eventProcessor(KafkaForwarder.PROCESSING_GROUP, TrackingEventProcessor.class);
    }
}
