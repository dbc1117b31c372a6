package org.safecase.web.browser;

import org.safecase.localstack.Http;
import org.safecase.localstack.LocalKafka;
import org.safecase.localstack.LocalPostgres;
import org.safecase.localstack.ServiceLauncher;
import org.safecase.localstack.ServiceProcess;
import org.safecase.localstack.SharedTestInfrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real command and query services, from the jars the build has just packaged, started once per test JVM on
 * its one PostgreSQL and Kafka broker (SharedTestInfrastructure), in demo mode: the web application under test
 * calls them as each demo user, as the local stack does. They stop with the JVM.
 */
final class RunningServices {

    private static final Path COMMAND_JAR = Path.of("..", "command-service", "target", "command-service.jar");
    private static final Path QUERY_JAR = Path.of("..", "query-service", "target", "query-service.jar");
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private static RunningServices started;

    final int commandPort;
    final int queryPort;

    private RunningServices(int commandPort, int queryPort) {
        this.commandPort = commandPort;
        this.queryPort = queryPort;
    }

    static synchronized RunningServices get() {
        if (started == null) {
            started = start();
        }
        return started;
    }

    String commandUrl() {
        return "http://" + ServiceLauncher.LOOPBACK + ":" + commandPort;
    }

    String queryUrl() {
        return "http://" + ServiceLauncher.LOOPBACK + ":" + queryPort;
    }

    Http command() {
        return new Http(commandPort);
    }

    private static RunningServices start() {
        for (Path jar : new Path[]{COMMAND_JAR, QUERY_JAR}) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the browser tests run the services' packaged jars, " + jar.toAbsolutePath()
                        + " is missing: build through the reactor (./mvnw -B verify)");
            }
        }
        String commandDatabase = "safecase_events_web";
        String queryDatabase = "safecase_query_web";
        SharedTestInfrastructure.database(commandDatabase);
        SharedTestInfrastructure.database(queryDatabase);
        SharedTestInfrastructure.database(ServiceLauncher.PRIVACY_DATABASE);
        LocalPostgres postgres = SharedTestInfrastructure.postgres();
        LocalKafka kafka = SharedTestInfrastructure.kafka();
        int commandPort = LocalKafka.freePort();
        int queryPort = LocalKafka.freePort();
        Map<String, String> commandEnvironment = new HashMap<>(ServiceLauncher.environment(commandPort, postgres,
                commandDatabase, LocalPostgres.COMMAND, LocalPostgres.OWNER, kafka,
                SharedTestInfrastructure.keyEncryptionKey(), SharedTestInfrastructure.signingKeyPair()));
        // a checkpoint every two seconds, so the integrity log's page has a fresh one to show and compare
        commandEnvironment.put("SAFECASE_INTEGRITY_CHECKPOINT_INTERVAL", "PT2S");
        ServiceProcess command = launch(COMMAND_JAR, commandEnvironment, "command-service-web", commandPort);
        ServiceProcess query = launch(QUERY_JAR, ServiceLauncher.environment(queryPort, postgres, queryDatabase,
                LocalPostgres.QUERY, null, kafka, SharedTestInfrastructure.keyEncryptionKey(),
                SharedTestInfrastructure.signingKeyPair()), "query-service-web", queryPort);
        command.awaitHealthy(STARTUP);
        query.awaitHealthy(STARTUP);
        return new RunningServices(commandPort, queryPort);
    }

    private static ServiceProcess launch(Path jar, Map<String, String> environment, String name, int port) {
        ServiceProcess process = ServiceProcess.ofJar(name, jar, environment, Path.of("target", name + ".log"), port).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::close, name + "-shutdown"));
        return process;
    }
}
