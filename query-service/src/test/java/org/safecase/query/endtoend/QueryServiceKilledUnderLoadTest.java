package org.safecase.query.endtoend;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safecase.localstack.LocalKafka;
import org.safecase.localstack.LocalPostgres;
import org.safecase.localstack.ServiceLauncher;
import org.safecase.localstack.ServiceProcess;
import org.safecase.localstack.SharedTestInfrastructure;
import org.safecase.localstack.faults.CommandLedger;
import org.safecase.localstack.faults.FaultLoad;
import org.safecase.localstack.faults.HttpRebuild;
import org.safecase.localstack.faults.Reconciliation;
import org.safecase.query.QueryServiceApplication;

import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI-sized slice of the fault suite ({@code ./bench.sh faults}): two query-service instances, each a process
 * of its own built from the code under test, share the projections of one command service's events while
 * commands keep coming; one is killed with SIGKILL and started again, then the other is restarted. The same
 * reconciliation as the suite's then reads the real stores: every acknowledged command's event stored once, on
 * the topic in order, applied once to the read models, which equal a rebuild from the topic; and, to show it
 * would fail, it finds an entry taken out of a read model and a count moved twice.
 */
class QueryServiceKilledUnderLoadTest {

    private static final String EVENTS = "safecase_events_faults";
    private static final String QUERY = "safecase_query_faults";
    private static final String TOPIC = "safecase.incident-events.faults";
    private static final Path COMMAND_JAR = Path.of("..", "command-service", "target", "command-service.jar");
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration PATIENCE = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(100);

    private static ServiceProcess command;
    private static final List<ServiceProcess> queries = new ArrayList<>();

    @BeforeAll
    static void startOneCommandServiceAndTwoQueryServices() {
        assertThat(COMMAND_JAR).as("the slice runs the command service's packaged jar: build with ./mvnw verify").exists();
        LocalPostgres postgres = SharedTestInfrastructure.postgres();
        LocalKafka kafka = SharedTestInfrastructure.kafka();
        SharedTestInfrastructure.database(EVENTS);
        SharedTestInfrastructure.database(QUERY);
        SharedTestInfrastructure.database(ServiceLauncher.PRIVACY_DATABASE);
        int commandPort = LocalKafka.freePort();
        Map<String, String> commandEnvironment = new java.util.HashMap<>(ServiceLauncher.environment(commandPort, postgres,
                EVENTS, LocalPostgres.COMMAND, LocalPostgres.OWNER, kafka, SharedTestInfrastructure.keyEncryptionKey(),
                SharedTestInfrastructure.signingKeyPair()));
        commandEnvironment.put("SAFECASE_KAFKA_TOPIC_NAME", TOPIC);
        command = ServiceProcess.ofJar("command-service-faults", COMMAND_JAR, commandEnvironment,
                Path.of("target", "command-service-faults.log"), commandPort).start();
        String group = "safecase-query-faults-" + UUID.randomUUID();
        for (int i = 1; i <= 2; i++) {
            int port = LocalKafka.freePort();
            Map<String, String> environment = new java.util.HashMap<>(ServiceLauncher.environment(port, postgres, QUERY,
                    LocalPostgres.QUERY, null, kafka, SharedTestInfrastructure.keyEncryptionKey(),
                    SharedTestInfrastructure.signingKeyPair()));
            environment.put("SAFECASE_KAFKA_TOPIC_NAME", TOPIC);
            environment.put("SAFECASE_KAFKA_DEAD_LETTER_TOPIC_NAME", TOPIC + ".dlt");
            environment.put("SPRING_KAFKA_CONSUMER_GROUP_ID", group);
            // the broker gives a killed member's partitions away after its session timeout: 10 s, not the default 45 s
            environment.put("SPRING_APPLICATION_JSON",
                    "{\"spring.kafka.consumer.properties.session.timeout.ms\": \"10000\"}");
            queries.add(ServiceProcess.ofClassPath("query-service-faults-" + i, mainClassPath(),
                    QueryServiceApplication.class.getName(), environment, Path.of("target", "query-service-faults-" + i + ".log"),
                    port));
        }
        // the first query instance alone makes the projections' schema; the second starts once it is up
        queries.get(0).start().awaitHealthy(STARTUP);
        queries.get(1).start();
        command.awaitHealthy(STARTUP);
        queries.get(1).awaitHealthy(STARTUP);
    }

    @AfterAll
    static void stopThem() {
        if (command != null) {
            command.close();
        }
        queries.forEach(ServiceProcess::close);
    }

    /** The query service's classes and dependencies, without the tests' classes and their configuration. */
    private static String mainClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String main = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(main).as("the query service's own classes on the test class path").contains("classes");
        return main;
    }

    @Test
    void givenCommandsUnderLoadWhenAQueryInstanceIsKilledAndTheOtherRestartedThenEveryEventIsAppliedOnceAndEqualsARebuildAndATamperedReadModelIsCaught()
            throws Exception {
        CommandLedger ledger = new CommandLedger();
        FaultLoad load = new FaultLoad(List.of(command.port()), 20, 4, 4, Duration.ofSeconds(60), ledger);
        String queryDatabase = SharedTestInfrastructure.postgres().jdbcUrl(QUERY);
        load.start();
        try {
            awaitAcknowledged(ledger, 30);
            var appliedBeforeTheKill = ledger.heads();
            queries.get(0).kill();
            // the survivor takes the killed instance's partitions and applies what it had left
            await(() -> Reconciliation.caughtUp(queryDatabase, "postgres", appliedBeforeTheKill));
            awaitAcknowledged(ledger, ledger.acknowledged() + 20);
            queries.get(0).start().awaitHealthy(STARTUP);
            awaitAcknowledged(ledger, ledger.acknowledged() + 20);
            queries.get(1).stop(Duration.ofSeconds(30));
            queries.get(1).start().awaitHealthy(STARTUP);
            awaitAcknowledged(ledger, ledger.acknowledged() + 20);
        } finally {
            load.stopAndDrain(Duration.ofSeconds(90));
        }
        await(() -> Reconciliation.caughtUp(queryDatabase, "postgres", ledger.heads()));

        Reconciliation.Result result = new Reconciliation(new Reconciliation.Stores(
                SharedTestInfrastructure.postgres().jdbcUrl(EVENTS), queryDatabase, "postgres",
                SharedTestInfrastructure.kafka().bootstrapServers(), TOPIC))
                .reconcile(ledger, new HttpRebuild(queries.get(0).port(), PATIENCE));

        assertThat(result.acknowledged()).isGreaterThanOrEqualTo(90);
        assertThat(result.lost()).as("acknowledged commands lost").isZero();
        assertThat(result.storeDuplicates()).as("events stored twice").isZero();
        assertThat(result.notApplied()).as("stored events not applied to the read models").isZero();
        assertThat(result.appliedTwice()).as("events applied twice to the read models").isZero();
        assertThat(result.topicMissing()).isZero();
        assertThat(result.topicOutOfOrder()).isZero();
        assertThat(result.rebuiltGeneration()).as("a rebuild from the topic switched over").isNotNull();
        assertThat(result.rebuildDifferences()).as("rows differing from the rebuild").isZero();
        assertThat(result.failures()).isEmpty();

        // the same reconciliation finds an event missing from a read model and one counted twice
        UUID incident = ledger.heads().entrySet().stream().filter(head -> head.getValue() >= 2).findFirst().orElseThrow()
                .getKey();
        try (Connection query = DriverManager.getConnection(queryDatabase, "postgres", "");
             Statement statement = query.createStatement()) {
            String active = Reconciliation.activeGeneration(query);
            assertThat(active).isEqualTo(result.rebuiltGeneration());
            statement.executeUpdate("DELETE FROM " + active + ".timeline_entry WHERE incident_id = '" + incident
                    + "' AND sequence = 1");
            statement.executeUpdate("UPDATE " + active + ".statistics_count SET count = count + 1 WHERE ctid = "
                    + "(SELECT ctid FROM " + active + ".statistics_count WHERE dimension = 'INCIDENTS' LIMIT 1)");
        }
        Reconciliation.Result tampered = new Reconciliation(new Reconciliation.Stores(
                SharedTestInfrastructure.postgres().jdbcUrl(EVENTS), queryDatabase, "postgres",
                SharedTestInfrastructure.kafka().bootstrapServers(), TOPIC))
                .reconcile(ledger, result::liveGeneration);
        assertThat(tampered.notApplied()).as("the timeline entry taken away").isEqualTo(1);
        assertThat(tampered.rebuildDifferences()).as("the timeline entry, and the count moved twice both ways").isEqualTo(3);
        assertThat(tampered.failures()).anyMatch(failure -> failure.startsWith("statistics_count"))
                .anyMatch(failure -> failure.startsWith("timeline of incident " + incident));
    }

    private static void awaitAcknowledged(CommandLedger ledger, long atLeast) throws InterruptedException {
        await(() -> ledger.acknowledged() >= atLeast);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        assertThat(Reconciliation.await(condition, PATIENCE, POLL)).as("the condition held within " + PATIENCE).isTrue();
    }
}
