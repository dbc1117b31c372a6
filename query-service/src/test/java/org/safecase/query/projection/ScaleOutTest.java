package org.safecase.query.projection;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.safecase.localstack.Http;
import org.safecase.localstack.LocalPostgres;
import org.safecase.localstack.SharedTestInfrastructure;
import org.safecase.query.QueryServiceApplication;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.uniqueReference;

/** Two instances of the query service in one consumer group: they share the topic's partitions and the database. */
class ScaleOutTest extends QueryServiceTest {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    @Test
    void givenASecondInstanceInTheGroupThenBothTakePartitionsProjectTheirShareAndAnswerEveryRead() {
        try (ConfigurableApplicationContext second = secondInstance()) {
            KafkaListenerEndpointRegistry secondListeners = second.getBean(KafkaListenerEndpointRegistry.class);
            eventually(() -> {
                Collection<TopicPartition> mine = assigned(listeners);
                Collection<TopicPartition> theirs = assigned(secondListeners);
                assertThat(mine).isNotEmpty();
                assertThat(theirs).isNotEmpty().doesNotContainAnyElementsOf(mine);
                Set<TopicPartition> all = new HashSet<>(mine);
                all.addAll(theirs);
                assertThat(all).hasSize(6);
            });
            double appliedHere = applied(meters);
            double appliedThere = applied(second.getBean(MeterRegistry.class));

            List<TestIncident> incidents = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                TestIncident incident = incident(i % 2 == 0 ? "SCH-A" : "SCH-B");
                stream.send(incident.reported(CYBERBULLYING, pupil(uniqueReference())));
                stream.send(incident.note("Second event"));
                incidents.add(incident);
            }
            incidents.forEach(incident -> awaitProjected(incident, 1));

            Http other = new Http(((WebServerApplicationContext) second).getWebServer().getPort());
            for (TestIncident incident : incidents) {
                assertThat(http().get(incident.path() + "/timeline", "auditor").json().get("entries")).hasSize(2);
                assertThat(other.get(incident.path() + "/timeline", "auditor").json().get("entries")).hasSize(2);
            }
            assertThat(applied(meters) - appliedHere).isPositive();
            assertThat(applied(second.getBean(MeterRegistry.class)) - appliedThere).isPositive();
            assertThat(applied(meters) - appliedHere + applied(second.getBean(MeterRegistry.class)) - appliedThere)
                    .isEqualTo(48);
        }
        // the first instance takes every partition back, for the tests that follow
        eventually(() -> assertThat(assigned(listeners)).hasSize(6));
    }

    private static ConfigurableApplicationContext secondInstance() {
        // as command-line arguments, which win over application.yml as the environment would in production
        return new SpringApplicationBuilder(QueryServiceApplication.class).run(
                "--server.port=0",
                "--safecase.security.mode=demo",
                "--spring.datasource.url=" + databaseUrl(),
                "--spring.datasource.username=" + LocalPostgres.QUERY,
                "--spring.kafka.bootstrap-servers=" + SharedTestInfrastructure.kafka().bootstrapServers(),
                "--safecase.privacy.datasource.url=" + SharedTestInfrastructure.database("safecase_privacy"),
                "--safecase.privacy.datasource.username=" + LocalPostgres.OWNER,
                "--safecase.privacy.kek=" + SharedTestInfrastructure.keyEncryptionKey(),
                "--spring.kafka.listener.client-id=second-instance",
                "--management.metrics.use-global-registry=false");
    }

    private static Collection<TopicPartition> assigned(KafkaListenerEndpointRegistry registry) {
        MessageListenerContainer container = registry.getListenerContainer(IncidentEventConsumer.LISTENER_ID);
        Collection<TopicPartition> partitions = container == null ? null : container.getAssignedPartitions();
        return partitions == null ? List.of() : partitions.stream()
                .filter(p -> p.topic().equals("safecase.incident-events")).toList();
    }

    private static double applied(MeterRegistry meters) {
        return meters.counter("safecase.projection.events.applied").count();
    }
}
