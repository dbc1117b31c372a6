package org.safecase.command.forwarding;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.safecase.events.IncidentEventEnvelope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration
class ForwardingConfiguration {

    /**
     * Axon's default error handler logs and moves on, which was measured to skip events silently while
     * Kafka was unreachable. Propagating the error fails the batch instead: the token stays, and the
     * processor retries with back-off until Kafka is back.
     */
    @Autowired
    void propagateForwardingErrors(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(KafkaForwarder.PROCESSING_GROUP,
                configuration -> PropagatingErrorHandler.instance());
    }

    /** The topic keeps every event for ever, so any consumer can rebuild from the start. */
    @Bean
    NewTopic incidentEventsTopic(@Value("${safecase.kafka.topic.name:" + IncidentEventEnvelope.TOPIC + "}") String name,
                                 @Value("${safecase.kafka.topic.partitions:6}") int partitions,
                                 @Value("${safecase.kafka.topic.replication-factor:1}") short replicas,
                                 @Value("${safecase.kafka.topic.retention-ms:-1}") long retentionMs) {
        return TopicBuilder.name(name).partitions(partitions).replicas(replicas)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs))
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .build();
    }
}
