package org.safecase.command.forwarding;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.safecase.command.eventstore.IncidentEventEnvelopes;
import org.safecase.command.integrity.IntegrityLog;
import org.safecase.events.CloudEventHeaders;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Forwards every stored event to Kafka, from the event store rather than the request thread: the
 * event store is the outbox. Runs in its own tracking processor; a batch's events are placed in the integrity
 * log and sent as the batch is about to commit, and their sends awaited, so the processor's token moves only once
 * Kafka has acknowledged them all.
 * A failed send fails the batch (see {@link ForwardingConfiguration}), which is retried: delivery is at
 * least once, in order per incident (key = incident id).
 */
@Component
@ProcessingGroup(KafkaForwarder.PROCESSING_GROUP)
class KafkaForwarder {

    static final String PROCESSING_GROUP = "kafka-forwarder";
    private static final String PENDING_EVENTS = KafkaForwarder.class.getName() + ".pending";

    private final KafkaTemplate<String, byte[]> kafka;
    private final IncidentEventEnvelopes envelopes;
    private final IntegrityLog integrityLog;
    private final String topic;
    private final String source;
    private final Duration acknowledgementTimeout;
    private final Counter forwarded;

    KafkaForwarder(KafkaTemplate<String, byte[]> kafka, IncidentEventEnvelopes envelopes, IntegrityLog integrityLog,
                   MeterRegistry meters,
                   @Value("${safecase.kafka.topic.name:" + IncidentEventEnvelope.TOPIC + "}") String topic,
                   @Value("${safecase.kafka.cloudevents-source:" + CloudEventHeaders.SOURCE + "}") String source,
                   @Value("${safecase.kafka.acknowledgement-timeout:PT60S}") Duration acknowledgementTimeout) {
        this.kafka = kafka;
        this.envelopes = envelopes;
        this.integrityLog = integrityLog;
        this.topic = topic;
        this.source = source;
        this.acknowledgementTimeout = acknowledgementTimeout;
        this.forwarded = Counter.builder("safecase.forwarder.events.forwarded")
                .description("Events acknowledged by Kafka").register(meters);
    }

    @EventHandler
    void on(IncidentEvent event, DomainEventMessage<?> message) {
        pendingEvents().add(envelopes.envelope(message));
    }

    /** The events of the current batch, published once when the batch is about to commit. */
    private List<IncidentEventEnvelope> pendingEvents() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_EVENTS, key -> {
            List<IncidentEventEnvelope> events = new ArrayList<>();
            batch.onPrepareCommit(u -> publish(events));
            return events;
        });
    }

    /**
     * Appends the batch's leaves to the integrity log in its transaction (one statement: their positions on the
     * topic), then sends every event and awaits Kafka's acknowledgements before the transaction commits.
     */
    private void publish(List<IncidentEventEnvelope> events) {
        Map<UUID, Long> positions = integrityLog.append(events);
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(events.size());
        for (IncidentEventEnvelope stored : events) {
            Long position = positions.get(stored.eventId());
            if (position == null) {
                throw new IllegalStateException("event " + stored.eventId() + " was given no place in the integrity log");
            }
            IncidentEventEnvelope envelope = stored.withPosition(position);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null,
                    envelope.recordedAt().toEpochMilli(), envelope.incidentId().toString(), envelopes.serialize(envelope));
            // CloudEvents Kafka binding, binary mode: the attributes travel as ce_ headers
            CloudEventHeaders.of(envelope, source).forEach((name, value) -> header(record, name, value));
            sends.add(kafka.send(record));
        }
        awaitAcknowledgements(sends);
    }

    private void awaitAcknowledgements(List<CompletableFuture<SendResult<String, byte[]>>> sends) {
        kafka.flush();
        long deadline = System.nanoTime() + acknowledgementTimeout.toNanos();
        try {
            for (CompletableFuture<SendResult<String, byte[]>> send : sends) {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaForwardingException("interrupted while awaiting Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaForwardingException("Kafka did not acknowledge a batch of " + sends.size() + " events", e);
        }
        forwarded.increment(sends.size());
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    static final class KafkaForwardingException extends RuntimeException {
        KafkaForwardingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
