package org.safecase.command.integrity;

import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * Every event appended to the store passes through the hash chain first; signed checkpoints go to a topic
 * of their own, kept for ever.
 */
@Configuration
class IntegrityConfiguration {

    @Bean
    NewTopic checkpointTopic(@Value("${safecase.kafka.topic.replication-factor:1}") short replication) {
        return new NewTopic(Checkpoints.TOPIC, 1, replication).configs(Map.of("retention.ms", "-1"));
    }

    @Autowired
    void chainEveryEvent(EventStore eventStore, HashChain chain) {
        eventStore.registerDispatchInterceptor(chain);
    }
}
