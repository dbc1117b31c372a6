package org.safecase.query.endtoend;

import org.safecase.localstack.Http;
import org.safecase.localstack.LocalKafka;
import org.safecase.localstack.LocalPostgres;
import org.safecase.localstack.ServiceLauncher;
import org.safecase.localstack.SharedTestInfrastructure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real command service, from the jar the build has just packaged, as a child process on the test
 * JVM's PostgreSQL (its own event store), Kafka broker and privacy database, with the same key-encryption
 * key as the query service under test: both services end to end.
 */
final class CommandServiceProcess implements AutoCloseable {

    static final String DATABASE = "safecase_events_e2e";
    private static final Path JAR = Path.of("..", "command-service", "target", "command-service.jar");

    private final Process process;
    private final int port;

    private CommandServiceProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static CommandServiceProcess start() {
        return start(DATABASE, "command-service-e2e");
    }

    /** An instance on the given event store; several instances may share one, as in production. */
    static CommandServiceProcess start(String database, String name) {
        assertThat(JAR).as("the end-to-end tests run the command service's packaged jar: build with ./mvnw verify").exists();
        SharedTestInfrastructure.database(database);
        SharedTestInfrastructure.database(ServiceLauncher.PRIVACY_DATABASE);
        int port = LocalKafka.freePort();
        Path log = Path.of("target", name + ".log");
        Process process = ServiceLauncher.launch(Path.of(System.getProperty("java.home"), "bin", "java").toString(), JAR,
                ServiceLauncher.environment(port, SharedTestInfrastructure.postgres(), database, LocalPostgres.COMMAND,
                        LocalPostgres.OWNER,
                        SharedTestInfrastructure.kafka(), SharedTestInfrastructure.keyEncryptionKey(),
                        SharedTestInfrastructure.signingKeyPair()), log);
        CommandServiceProcess service = new CommandServiceProcess(process, port);
        service.awaitHealthy(log);
        return service;
    }

    Http http() {
        return new Http(port);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook, no goodbye to the token store or the broker. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String jdbcUrl() {
        return SharedTestInfrastructure.postgres().jdbcUrl(DATABASE);
    }

    private void awaitHealthy(Path log) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("the command service exited; see " + log.toAbsolutePath()).isTrue();
            try {
                if (http().get("/actuator/health/liveness", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYetListening) {
                // the port is not open yet
            }
            try {
                process.waitFor(Duration.ofMillis(250).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the command service was not healthy within 3 minutes; see " + log.toAbsolutePath()
                + (Files.exists(log) ? "" : " (no log)"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
