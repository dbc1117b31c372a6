package org.safecase.localstack;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The local stack has public demo passwords and a password-less database superuser: its PostgreSQL,
 * Kafka and services must answer on loopback only, never on an address other machines reach.
 */
class LoopbackOnlyTest {

    private static List<InetAddress> outside() {
        List<InetAddress> outside = Reachability.outsideAddresses();
        assumeFalse(outside.isEmpty(), "this machine has no address but loopback");
        return outside;
    }

    @Test
    void postgresAnswersOnLoopbackOnly() {
        List<InetAddress> outside = outside();
        int port = SharedTestInfrastructure.postgres().port();

        assertThat(Reachability.accepts(InetAddress.getLoopbackAddress(), port)).isTrue();
        assertThat(outside).noneMatch(address -> Reachability.accepts(address, port));
    }

    @Test
    void kafkaAnswersOnLoopbackOnly() {
        List<InetAddress> outside = outside();
        String bootstrap = SharedTestInfrastructure.kafka().bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));

        assertThat(Reachability.accepts(InetAddress.getLoopbackAddress(), port)).isTrue();
        assertThat(outside).noneMatch(address -> Reachability.accepts(address, port));
    }

    @Test
    void theCheckSeesAPortOpenOnEveryInterface() throws Exception {
        List<InetAddress> outside = outside();
        try (java.net.ServerSocket everywhere = new java.net.ServerSocket(0)) {
            assertThat(outside).allMatch(address -> Reachability.accepts(address, everywhere.getLocalPort()));
        }
    }

    @Test
    void theServicesAreToldToListenOnLoopbackOnly() {
        var environment = ServiceLauncher.environment(8081, SharedTestInfrastructure.postgres(), "safecase_events",
                LocalPostgres.COMMAND, LocalPostgres.OWNER, SharedTestInfrastructure.kafka(),
                SharedTestInfrastructure.keyEncryptionKey(), new String[]{"key", "public"});

        assertThat(environment).containsEntry("SERVER_ADDRESS", "127.0.0.1");
        // and log in as their own roles, never as the server's superuser
        assertThat(environment).containsEntry("SPRING_DATASOURCE_USERNAME", LocalPostgres.COMMAND)
                .containsEntry("SPRING_FLYWAY_USER", LocalPostgres.OWNER)
                .doesNotContainValue(SharedTestInfrastructure.postgres().username());
    }

    @Test
    void theWebApplicationListensOnLoopbackOnlyAndCallsTheServicesThere() {
        var environment = ServiceLauncher.webEnvironment(8080, 8081, 8082);

        assertThat(environment).containsEntry("SERVER_ADDRESS", "127.0.0.1")
                .containsEntry("SAFECASE_WEB_COMMAND_URL", "http://127.0.0.1:8081")
                .containsEntry("SAFECASE_WEB_QUERY_URL", "http://127.0.0.1:8082");
    }
}
