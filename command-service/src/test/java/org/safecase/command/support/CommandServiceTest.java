package org.safecase.command.support;

import org.safecase.command.CommandServiceApplication;
import org.safecase.localstack.Http;
import org.safecase.localstack.SharedTestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The command service on a random port against the test JVM's one real PostgreSQL and one real Kafka
 * broker. Every integration test extends it, so they share one Spring context.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"safecase.security.mode=demo"})
public abstract class CommandServiceTest {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SharedTestInfrastructure.database("safecase_events"));
        registry.add("spring.datasource.username", () -> SharedTestInfrastructure.postgres().username());
        registry.add("spring.kafka.bootstrap-servers", () -> SharedTestInfrastructure.kafka().bootstrapServers());
        registry.add("safecase.privacy.datasource.url", () -> SharedTestInfrastructure.database("safecase_privacy"));
        registry.add("safecase.privacy.datasource.username", () -> SharedTestInfrastructure.postgres().username());
        registry.add("safecase.privacy.kek", SharedTestInfrastructure::keyEncryptionKey);
        registry.add("safecase.integrity.signing-key", () -> SharedTestInfrastructure.signingKeyPair()[0]);
        registry.add("safecase.integrity.public-key", () -> SharedTestInfrastructure.signingKeyPair()[1]);
    }

    protected Http http() {
        return new Http(port);
    }
}
