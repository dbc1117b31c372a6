package org.safecase.command.forwarding;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.localstack.Http.Response;
import org.safecase.localstack.LocalKafka;
import org.safecase.localstack.SharedTestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.command.support.Reports.report;
import static org.safecase.command.support.Reports.uniqueReference;

class KafkaForwarderTest extends CommandServiceTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcTemplate jdbc;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyStoredEventReachesTheTopicKeyedByIncidentWithTheEnvelopeAndCloudEventsHeaders() {
        String id = reportIncident();
        http().post("/api/v1/incidents/" + id + "/escalations", "dsl.a", "{\"to\": \"DSL\", \"reason\": \"r\"}");
        http().post("/api/v1/incidents/" + id + "/notes", "dsl.a", "{\"text\": \"n\"}");

        List<ConsumerRecord<String, byte[]>> records = recordsOf(Set.of(id), 3).get(id);

        assertThat(records).extracting(ConsumerRecord::key).containsOnly(id);
        JsonNode envelope = JSON.readTree(records.get(1).value());
        assertThat(envelope.get("incidentId").asString()).isEqualTo(id);
        assertThat(envelope.get("schoolId").asString()).isEqualTo("SCH-A");
        assertThat(envelope.get("sequence").asLong()).isEqualTo(1);
        assertThat(envelope.get("type").asString()).isEqualTo("IncidentEscalated");
        assertThat(envelope.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(envelope.get("actor").get("userId").asString()).isEqualTo("dsl.a");
        assertThat(envelope.get("payload").get("to").asString()).isEqualTo("DSL");
        assertThat(envelope.get("payload").get("reason").get("ciphertext").asString()).isNotBlank();
        assertThat(header(records.get(1), "ce_id")).isEqualTo(envelope.get("eventId").asString());
        assertThat(header(records.get(1), "ce_subject")).isEqualTo(id);
        assertThat(header(records.get(1), "ce_specversion")).isEqualTo("1.0");
        assertThat(header(records.get(1), "ce_type")).isEqualTo("org.safecase.IncidentEscalated.v2");
        assertThat(header(records.get(1), "ce_source")).isNotBlank();
        assertThat(header(records.get(1), "ce_time")).isEqualTo(envelope.get("recordedAt").asString());
        assertThat(sequences(records)).containsExactly(0L, 1L, 2L);
    }

    @Test
    void whileKafkaIsDownCommandsSucceedAndWhenItReturnsEveryEventArrivesInOrder() {
        LocalKafka kafka = SharedTestInfrastructure.kafka();
        List<String> ids = new ArrayList<>();
        kafka.stop();
        try {
            for (int i = 0; i < 3; i++) {
                String id = reportIncident();
                ids.add(id);
                Response note = http().post("/api/v1/incidents/" + id + "/notes", "dsl.a", "{\"text\": \"while down\"}");
                assertThat(note.status()).isEqualTo(200);
            }
            long stored = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
            assertThat(forwarderPosition()).as("the token waits for Kafka's acknowledgement").isLessThan(stored);
        } finally {
            kafka.start();
        }

        Map<String, List<ConsumerRecord<String, byte[]>>> byIncident = recordsOf(Set.copyOf(ids), 2);

        for (String id : ids) {
            List<ConsumerRecord<String, byte[]>> records = byIncident.get(id);
            List<Long> firstSeen = sequences(records).stream().distinct().toList();
            assertThat(firstSeen).as("incident %s in order, none missing", id).containsExactly(0L, 1L);
            assertThat(records).as("one partition per incident")
                    .extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
        }
        // published in batches once Kafka was back: each record's position is its event's leaf, in the store's order
        Map<String, Long> positions = new HashMap<>();
        byIncident.values().forEach(records -> records.forEach(record -> {
            JsonNode envelope = JSON.readTree(record.value());
            positions.put(envelope.get("eventId").asString(), envelope.get("position").asLong());
        }));
        List<Map<String, Object>> leaves = jdbc.queryForList("""
                SELECT l.event_id, l.leaf_index FROM integrity_leaf l JOIN domain_event_entry e ON e.event_identifier = l.event_id
                WHERE l.event_id IN (%s) ORDER BY e.global_index""".formatted(String.join(",",
                positions.keySet().stream().map(id -> "'" + id + "'").toList())));
        assertThat(leaves).hasSize(positions.size());
        assertThat(leaves).allSatisfy(leaf -> assertThat(((Number) leaf.get("leaf_index")).longValue())
                .isEqualTo(positions.get((String) leaf.get("event_id"))));
        assertThat(leaves).extracting(leaf -> ((Number) leaf.get("leaf_index")).longValue()).isSorted();
    }

    /**
     * Transactions commit out of order under load: an event whose index in the store is lower than one already
     * forwarded fills a gap. It must be forwarded too, in its own place in the integrity log, and the forwarder must
     * go on (its tracking token's position is the later event's, never this one's index).
     */
    @Test
    void anEventCommittedAfterALaterOneIsForwardedWithItsOwnIndexAndTheForwarderGoesOn() throws Exception {
        String template = reportIncident();
        recordsOf(Set.of(template), 1);
        String lateEventId = UUID.randomUUID().toString();
        try (Connection held = jdbc.getDataSource().getConnection()) {
            held.setAutoCommit(false);
            try (PreparedStatement insert = held.prepareStatement("""
                    INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                                                    type, payload_type, payload_revision, payload, meta_data, time_stamp)
                    SELECT nextval('domain_event_entry_seq'), ?, ?, 0, type, payload_type, payload_revision, payload,
                           meta_data, time_stamp
                    FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0""")) {
                insert.setString(1, lateEventId);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, template);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            // a later event commits and is forwarded while the earlier one's transaction is still open
            String later = reportIncident();
            recordsOf(Set.of(later), 1);
            held.commit();
        }
        String after = reportIncident();

        assertThat(recordWithEventId(lateEventId)).as("the event that filled the gap is on the topic").isTrue();
        assertThat(recordsOf(Set.of(after), 1)).containsKey(after);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM integrity_leaf l JOIN domain_event_entry e ON e.event_identifier = l.event_id
                WHERE l.global_index <> e.global_index""", Long.class)).isZero();
    }

    /** Reads the topic from the start until the record of this event is found (false after 90 s). */
    private static boolean recordWithEventId(String eventId) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfrastructure.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "forwarder-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(IncidentEventEnvelope.TOPIC));
            Instant deadline = Instant.now().plusSeconds(90);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (eventId.equals(header(record, "ce_id"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private long forwarderPosition() {
        TrackingEventProcessor forwarder = processing.eventProcessor(KafkaForwarder.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        return forwarder.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1)).min().orElse(-1);
    }

    private String reportIncident() {
        Response created = http().post("/api/v1/incidents", "dsl.a", report("INA-CYBERBULLY", "PUPIL", uniqueReference()));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("incidentId").asString();
    }

    /** Reads the topic from the start until each incident has at least the expected number of events. */
    private static Map<String, List<ConsumerRecord<String, byte[]>>> recordsOf(Set<String> incidentIds, int eventsEach) {
        Map<String, List<ConsumerRecord<String, byte[]>>> found = new HashMap<>();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfrastructure.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "forwarder-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(IncidentEventEnvelope.TOPIC));
            Instant deadline = Instant.now().plusSeconds(90);
            while (!complete(found, incidentIds, eventsEach)) {
                assertThat(Instant.now()).as("all events forwarded in time").isBefore(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (incidentIds.contains(record.key())) {
                        found.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
                    }
                }
            }
        }
        return found;
    }

    private static boolean complete(Map<String, List<ConsumerRecord<String, byte[]>>> found, Set<String> ids, int each) {
        return ids.stream().allMatch(id -> found.containsKey(id)
                && sequences(found.get(id)).stream().distinct().count() >= each);
    }

    private static List<Long> sequences(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> JSON.readTree(r.value()).get("sequence").asLong()).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
