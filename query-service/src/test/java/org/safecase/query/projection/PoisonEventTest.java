package org.safecase.query.projection;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.SanctionType;
import org.safecase.events.SubjectType;
import org.safecase.localstack.SharedTestInfrastructure;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.uniqueReference;

class PoisonEventTest extends QueryServiceTest {

    private static final String DEAD_LETTER_TOPIC = "safecase.incident-events.dlt";

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void givenAnEventAProjectionCannotApplyThenItIsDeadLetteredWithTheReasonAndTheIncidentsLaterEventsStillApply() {
        TestIncident incident = incident("SCH-A");
        double deadLetteredBefore = meters.counter("safecase.projection.dead.lettered").count();
        stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference())));
        // a subject reference longer than any the command service accepts: the sanctions table refuses it
        IncidentEventEnvelope poison = stream.send(incident.sanction("P-" + "x".repeat(300), SubjectType.PUPIL,
                SanctionType.WARNING, LocalDate.now(), null, null));
        stream.send(incident.note("After the poison"));
        awaitProjected(incident, 2);

        assertThat(http().get(incident.path() + "/timeline", "dsl.a").json().get("entries"))
                .extracting(e -> e.get("sequence").asLong()).containsExactly(0L, 2L);
        assertThat(http().get(incident.path(), "dsl.a").json().get("sanctionCount").asInt()).isZero();
        ConsumerRecord<String, byte[]> deadLetter = deadLetter(r -> poison.eventId().toString().equals(header(r, "ce_id")));
        assertThat(deadLetter.key()).isEqualTo(incident.id().toString());
        assertThat(header(deadLetter, "safecase_dead_letter_reason"))
                .isEqualTo("a projection failed: DataIntegrityViolationException (SQL state 22001)");
        assertThat(header(deadLetter, "kafka_dlt-exception-fqcn")).isNotBlank();
        assertThat(header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(IncidentEventEnvelope.TOPIC);
        assertThat(jdbc.queryForMap("SELECT event_id, sequence, event_type, reason FROM " + generations.activeSchema()
                + ".dead_lettered_event WHERE incident_id = ?", incident.id()))
                .containsEntry("event_id", poison.eventId()).containsEntry("sequence", 1L)
                .containsEntry("event_type", "SanctionApplied");
        assertThat(meters.counter("safecase.projection.dead.lettered").count() - deadLetteredBefore).isEqualTo(1);
    }

    @Test
    void givenAPoisonEventInTheMiddleOfAPollThenEveryOtherEventOfThePollIsAppliedOnceAndOnlyThePoisonIsDeadLettered() {
        TestIncident incident = incident("SCH-A");
        double deadLetteredBefore = meters.counter("safecase.projection.dead.lettered").count();
        MessageListenerContainer consumer = listeners.getListenerContainer(IncidentEventConsumer.LISTENER_ID);
        List<IncidentEventEnvelope> sent = new ArrayList<>();
        consumer.stop();
        try {
            // while nobody consumes, so that the next poll brings them all: four events, the poison, four more
            sent.add(stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference()))));
            for (int i = 1; i <= 3; i++) {
                sent.add(stream.send(incident.note("Before the poison " + i)));
            }
            sent.add(stream.send(incident.sanction("P-" + "x".repeat(300), SubjectType.PUPIL, SanctionType.WARNING,
                    LocalDate.now(), null, null)));
            for (int i = 1; i <= 4; i++) {
                sent.add(stream.send(incident.note("After the poison " + i)));
            }
        } finally {
            consumer.start();
        }
        awaitProjected(incident, 8);

        assertThat(http().get(incident.path() + "/timeline", "dsl.a").json().get("entries"))
                .extracting(e -> e.get("sequence").asLong()).containsExactly(0L, 1L, 2L, 3L, 5L, 6L, 7L, 8L);
        assertThat(jdbc.queryForList("SELECT sequence FROM " + generations.activeSchema()
                + ".dead_lettered_event WHERE incident_id = ?", Long.class, incident.id())).containsExactly(4L);
        assertThat(meters.counter("safecase.projection.dead.lettered").count() - deadLetteredBefore).isEqualTo(1);
        assertThat(deadLetter(r -> sent.get(4).eventId().toString().equals(header(r, "ce_id"))).key())
                .isEqualTo(incident.id().toString());
    }

    @Test
    void givenRecordsThatAreNotEventsThenTheyAreDeadLetteredAndTheStreamGoesOn() {
        String garbageKey = UUID.randomUUID().toString();
        TestIncident unknownType = incident("SCH-A");
        ObjectNode envelope = json.valueToTree(unknownType.reported(CYBERBULLYING, pupil(uniqueReference())));
        envelope.put("type", "EvidenceAdded");
        TestIncident missingFields = incident("SCH-A");
        ObjectNode truncated = json.valueToTree(missingFields.reported(CYBERBULLYING, pupil(uniqueReference())));
        truncated.remove("sequence");
        TestIncident healthy = incident("SCH-A");

        stream.sendRaw(garbageKey, "{not json".getBytes(StandardCharsets.UTF_8));
        stream.sendRaw(unknownType.id().toString(), json.writeValueAsBytes(envelope));
        stream.sendRaw(missingFields.id().toString(), json.writeValueAsBytes(truncated));
        stream.send(healthy.reported(CYBERBULLYING, pupil(uniqueReference())));
        awaitProjected(healthy, 0);

        assertThat(header(deadLetter(r -> garbageKey.equals(r.key())), "safecase_dead_letter_reason"))
                .isEqualTo("the record is not a JSON object");
        assertThat(header(deadLetter(r -> unknownType.id().toString().equals(r.key())), "safecase_dead_letter_reason"))
                .isEqualTo("unknown event type EvidenceAdded");
        assertThat(header(deadLetter(r -> missingFields.id().toString().equals(r.key())), "safecase_dead_letter_reason"))
                .isEqualTo("the envelope lacks sequence");
        assertThat(http().get(healthy.path(), "dsl.a").status()).isEqualTo(200);
        assertThat(http().get(unknownType.path(), "dsl.a").status()).isEqualTo(404);
        JsonNode health = http().get("/actuator/health", "operator").json();
        assertThat(health.get("components").get("projections").get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("projections").get("details").get("deadLettered").asLong())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void givenAFailureOfTheServiceRatherThanTheEventThenTheEventWaitsAndAppliesOnceTheServiceRecovers() {
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference())));
        awaitProjected(incident, 0);
        double retriesBefore = meters.counter("safecase.projection.retries").count();
        double deadLetteredBefore = meters.counter("safecase.projection.dead.lettered").count();
        String timeline = generations.activeSchema() + ".timeline_entry";

        // as after a bad deployment: a projection's table is missing for a while
        jdbc.execute("ALTER TABLE " + timeline + " RENAME TO timeline_entry_away");
        try {
            stream.send(incident.note("Sent while the table was away"));
            eventually(() -> assertThat(meters.counter("safecase.projection.retries").count() - retriesBefore)
                    .isGreaterThanOrEqualTo(2));
        } finally {
            jdbc.execute("ALTER TABLE " + generations.activeSchema() + ".timeline_entry_away RENAME TO timeline_entry");
        }
        awaitProjected(incident, 1);

        assertThat(http().get(incident.path() + "/timeline", "dsl.a").json().get("entries")).hasSize(2);
        assertThat(meters.counter("safecase.projection.dead.lettered").count()).isEqualTo(deadLetteredBefore);
    }

    private ConsumerRecord<String, byte[]> deadLetter(java.util.function.Predicate<ConsumerRecord<String, byte[]>> wanted) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(DEAD_LETTER_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            return eventually(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().filter(wanted).findFirst();
            }, java.util.Optional::isPresent).orElseThrow();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
