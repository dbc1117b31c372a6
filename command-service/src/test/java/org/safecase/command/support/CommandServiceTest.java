package org.safecase.command.support;

import org.safecase.command.CommandServiceApplication;
import org.safecase.localstack.Http;
import org.safecase.localstack.LocalPostgres;
import org.safecase.localstack.SharedTestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
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
        registry.add("spring.datasource.url", () -> SharedTestInfrastructure.database(EVENT_STORE));
        // as in production: the service's own login, the tables' owner only for the migrations
        registry.add("spring.datasource.username", () -> LocalPostgres.COMMAND);
        registry.add("spring.flyway.user", () -> LocalPostgres.OWNER);
        registry.add("spring.kafka.bootstrap-servers", () -> SharedTestInfrastructure.kafka().bootstrapServers());
        registry.add("safecase.privacy.datasource.url", () -> SharedTestInfrastructure.database("safecase_privacy"));
        registry.add("safecase.privacy.datasource.username", () -> LocalPostgres.OWNER);
        registry.add("safecase.privacy.kek", SharedTestInfrastructure::keyEncryptionKey);
        registry.add("safecase.integrity.signing-key", () -> SharedTestInfrastructure.signingKeyPair()[0]);
        registry.add("safecase.integrity.public-key", () -> SharedTestInfrastructure.signingKeyPair()[1]);
    }

    protected Http http() {
        return new Http(port);
    }

    protected static final String EVENT_STORE = "safecase_events";

    /** The event store as a given role sees it (local trust authentication: no password). */
    protected static JdbcTemplate eventStoreAs(String role) {
        return new JdbcTemplate(new SingleConnectionDataSource(SharedTestInfrastructure.database(EVENT_STORE), role, "", true));
    }

    /**
     * What only a determined superuser can do: change the event store behind the service's back, its
     * append-only triggers switched off for the statement and on again after.
     */
    protected static void tamperAsSuperuser(String sql, Object... args) {
        JdbcTemplate superuser = eventStoreAs(SharedTestInfrastructure.postgres().username());
        superuser.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_append_only");
        try {
            superuser.update(sql, args);
        } finally {
            superuser.execute("ALTER TABLE domain_event_entry ENABLE ALWAYS TRIGGER domain_event_entry_append_only");
        }
    }
}
