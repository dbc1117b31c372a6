package org.safecase.query.support;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.safecase.events.CloudEventHeaders;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.localstack.SharedTestInfrastructure;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes records on the real topic exactly as the command service's forwarder does: key = incident
 * id, value = the envelope's JSON, CloudEvents headers. Each send waits for Kafka's acknowledgement.
 */
public final class EventStream {

    private static Producer<String, byte[]> producer;

    private final JsonMapper json;

    EventStream(JsonMapper json) {
        this.json = json;
    }

    private static synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfrastructure.kafka().bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 0),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    public IncidentEventEnvelope send(IncidentEventEnvelope envelope) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(IncidentEventEnvelope.TOPIC, null,
                envelope.recordedAt().toEpochMilli(), envelope.incidentId().toString(), json.writeValueAsBytes(envelope));
        CloudEventHeaders.of(envelope, CloudEventHeaders.SOURCE).forEach((name, value) -> header(record, name, value));
        publish(record);
        return envelope;
    }

    public void send(IncidentEventEnvelope... envelopes) {
        for (IncidentEventEnvelope envelope : envelopes) {
            send(envelope);
        }
    }

    /** Any bytes at all, under a key: for poison records. */
    public void sendRaw(String key, byte[] value) {
        publish(new ProducerRecord<>(IncidentEventEnvelope.TOPIC, key, value));
    }

    private static void publish(ProducerRecord<String, byte[]> record) {
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge a test record", e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
