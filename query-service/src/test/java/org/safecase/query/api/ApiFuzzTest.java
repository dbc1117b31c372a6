package org.safecase.query.api;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.SanctionType;
import org.safecase.events.SubjectType;
import org.safecase.localstack.Http.Response;
import org.safecase.localstack.fuzz.Answers;
import org.safecase.localstack.fuzz.ApiFuzz;
import org.safecase.localstack.fuzz.ApiFuzz.FuzzRequest;
import org.safecase.localstack.fuzz.ApiOperations;
import org.safecase.localstack.fuzz.FuzzSettings;
import org.safecase.localstack.fuzz.RawHttp;
import org.safecase.platform.http.HttpProperties;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestContextManager;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.uniqueReference;

/**
 * Bad input at volume (issue 9), on the read side: requests to every operation of the query service's OpenAPI
 * document, drawn by jqwik from a fixed seed ({@link ApiFuzz}) with random, malformed and hostile parameters and
 * headers, as every demo user, nobody and bad logins, half of them naming a real incident or person. The service
 * never answers 5xx, every refusal is problem+json, and no request changes a projection: no event is sent
 * during the run, so the active generation's incident log and checkpoints stay as they were.
 *
 * <p>As the command service's fuzz: a jqwik property, injected by Spring's test context manager from the same
 * cached context as every other test of the service, before the first request is drawn.
 * {@code -Dsafecase.fuzz.tries=…} and {@code -Dsafecase.fuzz.seed=…} change the run (README).
 */
class ApiFuzzTest extends QueryServiceTest {

    static final List<String> USERS = List.of("staff.a", "dsl.a", "head.a", "integration.a", "governor.a", "auditor",
            "dpo.trust", "chair.a", "dsl.b", "governor.trust", "operator");

    @Autowired
    HttpProperties httpProperties;

    @Autowired
    Admin kafkaAdmin;

    @Value("${safecase.kafka.topic.name}")
    String topic;

    @Value("${spring.kafka.consumer.group-id}")
    String consumerGroup;

    private ApiFuzz fuzz;
    private RawHttp raw;
    private String projectionsBefore;
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private long started;

    /** An incident of school A with a sanction, projected, and nothing else left for the projector to do. */
    @BeforeProperty
    void anIncidentProjectedAndTheOpenApiDocument() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
        connectStream();
        String reference = uniqueReference();
        TestIncident incident = incident("SCH-A");
        stream.send(incident.reported(CYBERBULLYING, pupil(reference)));
        stream.send(incident.sanction(reference, SubjectType.PUPIL, SanctionType.WARNING, LocalDate.now(), null, null));
        TestIncident otherSchool = incident("SCH-B");
        stream.send(otherSchool.reported(CYBERBULLYING, pupil(uniqueReference())));
        awaitProjected(incident, 1);
        awaitProjected(otherSchool, 0);
        eventually(this::unconsumedRecords, unconsumed -> unconsumed == 0);
        projectionsBefore = projections();

        Response document = http().get("/v3/api-docs", "dsl.a");
        assertThat(document.status()).isEqualTo(200);
        Map<String, List<String>> known = Map.of(
                "id", List.of(incident.id().toString(), otherSchool.id().toString()),
                "reference", List.of(reference, uniqueReference()),
                "schoolId", List.of("SCH-A", "SCH-B"),
                "category", List.of(CYBERBULLYING.code(), "ILL-CSAI"),
                "minVersion", List.of("0", "1"));
        fuzz = new ApiFuzz(new ApiOperations(document.json()), USERS, known, httpProperties.maxBodyBytes());
        raw = new RawHttp(port);
        started = System.nanoTime();
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        return fuzz.requests();
    }

    @Property(tries = 1500, seed = "20261201")
    @AddLifecycleHook(FuzzSettings.class)
    void givenAnyRequestToAnyOperation_whenSent_expectNoServerErrorEveryRefusalAProblemAndNoProjectionChanged(
            @ForAll("requests") FuzzRequest request) {
        RawHttp.Response response = raw.send(request.request());

        statuses.merge(response.status(), 1, Integer::sum);
        Answers.assertWellAnswered(request, response);
        String projectionsAfter = projections();
        if (!projectionsAfter.equals(projectionsBefore)) {
            throw Answers.failure("a projection changed (" + projectionsBefore + " -> " + projectionsAfter + ")",
                    request, response);
        }
    }

    @AfterProperty
    void summary() {
        System.out.printf("API fuzz: %d requests in %d ms, by status %s%n",
                statuses.values().stream().mapToInt(Integer::intValue).sum(), (System.nanoTime() - started) / 1_000_000,
                statuses);
    }

    /** The active generation's incident log and checkpoints: how many, and how far each incident was applied. */
    private String projections() {
        String schema = generations.activeSchema();
        return jdbc.queryForObject("SELECT (SELECT count(*) FROM " + schema + ".incident_log) || ' log rows, '"
                + " || (SELECT count(*) FROM " + schema + ".incident_checkpoint) || ' checkpoints to sequence sum '"
                + " || (SELECT coalesce(sum(last_sequence), 0) FROM " + schema + ".incident_checkpoint)", String.class);
    }

    /** Records of the topic the service's consumer group has not committed: what is still to be projected. */
    private long unconsumedRecords() throws Exception {
        List<TopicPartition> partitions = kafkaAdmin.describeTopics(List.of(topic)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> ends = kafkaAdmin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get(10, TimeUnit.SECONDS)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = kafkaAdmin.listConsumerGroupOffsets(consumerGroup)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return ends.entrySet().stream().mapToLong(end -> Math.max(0, end.getValue()
                - (committed.get(end.getKey()) == null ? 0 : committed.get(end.getKey()).offset()))).sum();
    }
}
