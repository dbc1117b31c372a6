package org.safecase.web.browser;

import org.safecase.localstack.Http;
import org.safecase.localstack.LocalKafka;
import org.safecase.localstack.LocalPostgres;
import org.safecase.localstack.ServiceLauncher;
import org.safecase.localstack.SharedTestInfrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
        Process command = launch(COMMAND_JAR, ServiceLauncher.environment(commandPort, postgres, commandDatabase,
                LocalPostgres.COMMAND, LocalPostgres.OWNER, kafka, SharedTestInfrastructure.keyEncryptionKey(),
                SharedTestInfrastructure.signingKeyPair()), "command-service-web");
        Process query = launch(QUERY_JAR, ServiceLauncher.environment(queryPort, postgres, queryDatabase,
                LocalPostgres.QUERY, null, kafka, SharedTestInfrastructure.keyEncryptionKey(),
                SharedTestInfrastructure.signingKeyPair()), "query-service-web");
        awaitLive(command, commandPort, "command-service-web");
        awaitLive(query, queryPort, "query-service-web");
        return new RunningServices(commandPort, queryPort);
    }

    private static Process launch(Path jar, Map<String, String> environment, String name) {
        Process process = ServiceLauncher.launch(Path.of(System.getProperty("java.home"), "bin", "java").toString(), jar,
                environment, Path.of("target", name + ".log"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), name + "-shutdown"));
        return process;
    }

    private static void awaitLive(Process process, int port, String name) {
        Instant deadline = Instant.now().plus(STARTUP);
        Http http = new Http(port);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + Path.of("target", name + ".log").toAbsolutePath());
            }
            try {
                if (http.get("/actuator/health/liveness", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notListeningYet) {
                // the port is not open yet
            }
            try {
                // waits for the process to exit, at most a quarter of a second: a condition, not a sleep
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " was not live within " + STARTUP.toMinutes() + " minutes");
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
