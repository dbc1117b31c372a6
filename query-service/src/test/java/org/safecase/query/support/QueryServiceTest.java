package org.safecase.query.support;

import org.junit.jupiter.api.BeforeEach;
import org.safecase.localstack.Http;
import org.safecase.localstack.LocalPostgres;
import org.safecase.localstack.SharedTestInfrastructure;
import org.safecase.platform.privacy.PersonalData;
import org.safecase.query.QueryServiceApplication;
import org.safecase.query.projection.ProjectionGenerations;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;

/**
 * The query service on a random port against the test JVM's one real PostgreSQL and one real Kafka
 * broker, fed by records the tests produce on the real topic. Every integration test extends it, so
 * they share one Spring context. Tests wait on conditions, never for a fixed time.
 */
@SpringBootTest(classes = QueryServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"safecase.security.mode=demo", "safecase.read-your-writes.max-wait=PT1S",
                "safecase.webhooks.interval=100ms"})
public abstract class QueryServiceTest {

    /** The one school with a webhook: its alerts go to the test JVM's {@link WebhookReceiver}. */
    protected static final String WEBHOOK_SCHOOL = "SCH-B";

    /**
     * The services' clock: the system's unless a test moves it, and then moves it back (so the shared context
     * reads real time in every other test).
     */
    protected static final MovableClock CLOCK = new MovableClock();

    /** Long enough for a rebalance on a busy two-core machine; a passing wait ends as soon as its condition holds. */
    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected ProjectionGenerations generations;

    @Autowired
    protected PersonalData personalData;

    protected EventStream stream;

    @TestBean(name = "clock", methodName = "movableClock")
    private Clock clock;

    static Clock movableClock() {
        return CLOCK;
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", QueryServiceTest::databaseUrl);
        // as in production: the query service's own login, which owns its projections and nothing else
        registry.add("spring.datasource.username", () -> LocalPostgres.QUERY);
        registry.add("spring.kafka.bootstrap-servers", () -> SharedTestInfrastructure.kafka().bootstrapServers());
        registry.add("safecase.privacy.datasource.url", () -> SharedTestInfrastructure.database("safecase_privacy"));
        registry.add("safecase.privacy.datasource.username", () -> LocalPostgres.OWNER);
        registry.add("safecase.privacy.kek", SharedTestInfrastructure::keyEncryptionKey);
        // a list is bound from one property source only: the whole entry is here
        registry.add("safecase.webhooks.schools[0].school-id", () -> WEBHOOK_SCHOOL);
        registry.add("safecase.webhooks.schools[0].url", () -> WebhookReceiver.shared().url());
        registry.add("safecase.webhooks.schools[0].secret", () -> WebhookReceiver.shared().secret());
    }

    public static String databaseUrl() {
        return SharedTestInfrastructure.database("safecase_query");
    }

    /** Before each Jupiter test; a jqwik property (which has no before-each of Jupiter's) calls it itself. */
    @BeforeEach
    protected void connectStream() {
        stream = new EventStream(json);
    }

    protected Http http() {
        return new Http(port);
    }

    /** A new incident of the school, its events numbered from 0 as the command service numbers them. */
    protected TestIncident incident(String schoolId) {
        return new TestIncident(schoolId, json, personalData);
    }

    protected static void eventually(Runnable assertion) {
        await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(25)).untilAsserted(assertion::run);
    }

    protected static <T> T eventually(Callable<T> value, java.util.function.Predicate<? super T> condition) {
        return await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(25)).until(value, condition);
    }

    /**
     * Waits until the active generation has taken the incident to the given version. Records of one
     * incident share a partition, so everything sent for it before that event has been handled too.
     */
    protected void awaitProjected(TestIncident incident, long version) {
        eventually(() -> projectedVersion(incident), projected -> projected >= version);
    }

    protected long projectedVersion(TestIncident incident) {
        return jdbc.queryForList("SELECT last_sequence FROM " + generations.activeSchema()
                + ".incident_checkpoint WHERE incident_id = ?", Long.class, incident.id()).stream().findFirst().orElse(-1L);
    }
}
