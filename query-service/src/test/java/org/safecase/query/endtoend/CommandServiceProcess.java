package org.safecase.query.endtoend;

import org.safecase.localstack.Http;
import org.safecase.localstack.LocalKafka;
import org.safecase.localstack.LocalPostgres;
import org.safecase.localstack.ServiceLauncher;
import org.safecase.localstack.ServiceProcess;
import org.safecase.localstack.SharedTestInfrastructure;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real command service, from the jar the build has just packaged, as a child process on the test
 * JVM's PostgreSQL (its own event store), Kafka broker and privacy database, with the same key-encryption
 * key as the query service under test: both services end to end.
 */
final class CommandServiceProcess implements AutoCloseable {

    static final String DATABASE = "safecase_events_e2e";
    private static final Path JAR = Path.of("..", "command-service", "target", "command-service.jar");

    private final ServiceProcess process;

    private CommandServiceProcess(ServiceProcess process) {
        this.process = process;
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
        ServiceProcess process = ServiceProcess.ofJar(name, JAR, ServiceLauncher.environment(port,
                SharedTestInfrastructure.postgres(), database, LocalPostgres.COMMAND, LocalPostgres.OWNER,
                SharedTestInfrastructure.kafka(), SharedTestInfrastructure.keyEncryptionKey(),
                SharedTestInfrastructure.signingKeyPair()), Path.of("target", name + ".log"), port);
        process.start().awaitHealthy(Duration.ofMinutes(3));
        return new CommandServiceProcess(process);
    }

    Http http() {
        return new Http(process.port());
    }

    int port() {
        return process.port();
    }

    long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hook, no goodbye to the token store or the broker. */
    void kill() {
        process.kill();
    }

    String jdbcUrl() {
        return SharedTestInfrastructure.postgres().jdbcUrl(DATABASE);
    }

    @Override
    public void close() {
        process.close();
    }
}
