package org.safecase.web.browser;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.safecase.localstack.LocalKafka;
import org.safecase.localstack.LocalPostgres;
import org.safecase.localstack.ServiceLauncher;
import org.safecase.localstack.ServiceProcess;
import org.safecase.localstack.SharedTestInfrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real command and query services in production's {@code jwt} mode, trusting the issuer given, from the packaged
 * jars as {@link RunningServices} runs them in demo mode. They have a Kafka broker of their own (StandaloneKafka, in
 * its own JVM): the topics' names are fixed, and events of a second command service on the demo services' broker
 * would reach the demo query service. Their databases are their own too. All of it stops with the test JVM.
 */
final class JwtModeServices {

    private static final Path COMMAND_JAR = Path.of("..", "command-service", "target", "command-service.jar");
    private static final Path QUERY_JAR = Path.of("..", "query-service", "target", "query-service.jar");
    private static final Duration STARTUP = Duration.ofMinutes(3);

    final int commandPort;
    final int queryPort;

    private JwtModeServices(int commandPort, int queryPort) {
        this.commandPort = commandPort;
        this.queryPort = queryPort;
    }

    String commandUrl() {
        return "http://" + ServiceLauncher.LOOPBACK + ":" + commandPort;
    }

    String queryUrl() {
        return "http://" + ServiceLauncher.LOOPBACK + ":" + queryPort;
    }

    static JwtModeServices start(String issuer) {
        for (Path jar : new Path[]{COMMAND_JAR, QUERY_JAR}) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the oidc sign-in test runs the services' packaged jars, " + jar.toAbsolutePath()
                        + " is missing: build through the reactor (./mvnw -B verify)");
            }
        }
        LocalKafka kafka = startKafka();
        String commandDatabase = "safecase_events_oidc";
        String queryDatabase = "safecase_query_oidc";
        String privacyDatabase = "safecase_privacy_oidc";
        SharedTestInfrastructure.database(commandDatabase);
        SharedTestInfrastructure.database(queryDatabase);
        SharedTestInfrastructure.database(privacyDatabase);
        LocalPostgres postgres = SharedTestInfrastructure.postgres();
        int commandPort = LocalKafka.freePort();
        int queryPort = LocalKafka.freePort();
        ServiceProcess command = launch(COMMAND_JAR, jwt(ServiceLauncher.environment(commandPort, postgres, commandDatabase,
                LocalPostgres.COMMAND, LocalPostgres.OWNER, kafka, SharedTestInfrastructure.keyEncryptionKey(),
                SharedTestInfrastructure.signingKeyPair()), postgres.jdbcUrl(privacyDatabase), issuer),
                "command-service-oidc", commandPort);
        ServiceProcess query = launch(QUERY_JAR, jwt(ServiceLauncher.environment(queryPort, postgres, queryDatabase,
                LocalPostgres.QUERY, null, kafka, SharedTestInfrastructure.keyEncryptionKey(),
                SharedTestInfrastructure.signingKeyPair()), postgres.jdbcUrl(privacyDatabase), issuer),
                "query-service-oidc", queryPort);
        command.awaitHealthy(STARTUP);
        query.awaitHealthy(STARTUP);
        return new JwtModeServices(commandPort, queryPort);
    }

    /** Production's security settings (docker-compose.yml) over the local stack's. */
    private static Map<String, String> jwt(Map<String, String> environment, String privacyUrl, String issuer) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("SAFECASE_SECURITY_MODE", "jwt");
        env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer);
        env.put("SAFECASE_PRIVACY_DATASOURCE_URL", privacyUrl);
        return env;
    }

    private static LocalKafka startKafka() {
        int port = LocalKafka.freePort();
        int controllerPort = LocalKafka.freePort();
        Path logDirectory;
        try {
            logDirectory = Files.createTempDirectory("safecase-kafka-oidc");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServiceProcess broker = ServiceProcess.ofCommand("kafka-oidc", List.of(ServiceProcess.javaBinary(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), "org.safecase.localstack.faults.StandaloneKafka",
                Integer.toString(port), Integer.toString(controllerPort), logDirectory.toString()),
                Path.of("target", "kafka-oidc.log"), port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-oidc-shutdown"));
        LocalKafka kafka = LocalKafka.onPorts(port, controllerPort, logDirectory);
        awaitBroker(kafka.bootstrapServers(), broker);
        return kafka;
    }

    /** Until the broker answers a metadata request; fails if its JVM exits or a minute passes. */
    private static void awaitBroker(String bootstrapServers, ServiceProcess broker) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000))) {
            while (true) {
                if (!broker.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited; see target/kafka-oidc.log");
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the Kafka broker was not ready within a minute", notYet);
                    }
                }
            }
        }
    }

    private static ServiceProcess launch(Path jar, Map<String, String> environment, String name, int port) {
        ServiceProcess process = ServiceProcess.ofJar(name, jar, environment, Path.of("target", name + ".log"), port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::close, name + "-shutdown"));
        return process;
    }
}
