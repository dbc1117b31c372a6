package org.safecase.query.endtoend;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.localstack.Http;
import org.safecase.localstack.RawTopic;
import org.safecase.localstack.SharedTestInfrastructure;
import org.safecase.query.support.QueryServiceTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-service instances on one event store, as production scales out (issue 9): concurrent commands on
 * the same incidents through both lose and duplicate nothing (a conflict is decided again, or answered 409), and
 * one instance forwards to Kafka at a time, the other taking over within seconds when that one is killed.
 */
class CommandServiceScaleOutTest extends QueryServiceTest {

    private static final String DATABASE = "safecase_events_scale_out";

    private static CommandServiceProcess first;
    private static CommandServiceProcess second;
    private static JdbcTemplate store;

    @BeforeAll
    static void startTwoInstances() {
        first = CommandServiceProcess.start(DATABASE, "command-service-scale-out-1");
        second = CommandServiceProcess.start(DATABASE, "command-service-scale-out-2");
        store = new JdbcTemplate(new DriverManagerDataSource(SharedTestInfrastructure.postgres().jdbcUrl(DATABASE),
                SharedTestInfrastructure.postgres().username(), ""));
    }

    @AfterAll
    static void stopThem() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private static String report(Http instance) {
        Http.Response created = instance.post("/api/v1/incidents", "dsl.a", """
                {"schoolId": "SCH-A", "category": "INA-CYBERBULLY", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "s", "subjects": [{"type": "PUPIL", "reference": "P-%s"}]}""".formatted(UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("incidentId").asString();
    }

    @Test
    void givenConcurrentCommandsOnTheSameIncidentsThroughBothInstancesThenEveryAcknowledgedOneIsStoredOnceAndForwarded()
            throws Exception {
        List<String> incidents = List.of(report(first.http()), report(second.http()), report(first.http()));
        Map<String, Set<Long>> acknowledged = new HashMap<>();
        incidents.forEach(id -> acknowledged.put(id, Collections.synchronizedSet(new HashSet<>(Set.of(0L)))));
        List<Integer> refused = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int client = 0; client < 8; client++) {
            Http instance = client % 2 == 0 ? first.http() : second.http();
            int offset = client;
            done.add(clients.submit(() -> {
                for (int i = 0; i < 12; i++) {
                    String id = incidents.get((offset + i) % incidents.size());
                    Http.Response note = instance.post("/api/v1/incidents/" + id + "/notes", "dsl.a",
                            "{\"text\": \"note %d of client %d\"}".formatted(i, offset));
                    if (note.status() == 200) {
                        assertThat(acknowledged.get(id).add(note.json().get("version").asLong()))
                                .as("two commands acknowledged with one version").isTrue();
                    } else {
                        assertThat(note.status()).as(note.raw().body()).isEqualTo(409);
                        assertThat(note.json().get("rule").asString()).isEqualTo("CONCURRENT_CHANGE");
                        refused.add(note.status());
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        clients.shutdown();

        for (String id : incidents) {
            List<Long> stored = store.queryForList("""
                    SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                    Long.class, id);
            // every acknowledged command is in the store, once; nothing the clients were refused is
            assertThat(Set.copyOf(stored)).isEqualTo(acknowledged.get(id));
            assertThat(stored).doesNotHaveDuplicates();
            assertThat(RawTopic.recordsOf(SharedTestInfrastructure.kafka(), IncidentEventEnvelope.TOPIC, id, stored.size()))
                    .as("every stored event of %s on the topic", id).hasSizeGreaterThanOrEqualTo(stored.size());
            // each instance chains to the hash it last committed only for the very next sequence: interleaved
            // appends through both instances must still make one unbroken chain
            Http.Response verified = second.http().get("/api/v1/incidents/" + id + "/verification", "auditor");
            assertThat(verified.json().get("valid").asBoolean()).as(verified.raw().body()).isTrue();
        }
        assertThat(refused.size()).as("most conflicts are decided again rather than refused").isLessThan(96 / 4);
    }

    @Test
    void givenTheForwardingInstanceKilledThenTheOtherForwardsWithinSeconds() {
        String owner = store.queryForObject("SELECT owner FROM token_entry WHERE processor_name = 'kafka-forwarder'",
                String.class);
        CommandServiceProcess forwarding = owner != null && owner.startsWith(first.pid() + "@") ? first : second;
        CommandServiceProcess survivor = forwarding == first ? second : first;

        forwarding.kill();
        long killedAt = System.nanoTime();
        String afterKill = report(survivor.http());

        assertThat(RawTopic.recordsOf(SharedTestInfrastructure.kafka(), IncidentEventEnvelope.TOPIC, afterKill, 1))
                .hasSize(1);
        Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(takeover).as("the other instance claims the forwarder's token and forwards")
                .isLessThan(Duration.ofSeconds(60));
        assertThat(store.queryForObject("SELECT owner FROM token_entry WHERE processor_name = 'kafka-forwarder'",
                String.class)).startsWith(survivor.pid() + "@");
    }
}
