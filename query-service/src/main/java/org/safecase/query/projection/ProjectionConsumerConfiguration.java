package org.safecase.query.projection;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

@Configuration
class ProjectionConsumerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConsumerConfiguration.class);

    /**
     * The command service creates the topic; the query service creates it too if it starts first,
     * with the same properties: it keeps every event for ever, so any consumer can rebuild from the start.
     */
    @Bean
    NewTopic incidentEventsTopic(@Value("${safecase.kafka.topic.name}") String name,
                                 @Value("${safecase.kafka.topic.partitions:6}") int partitions,
                                 @Value("${safecase.kafka.topic.replication-factor:1}") short replicas,
                                 @Value("${safecase.kafka.topic.retention-ms:-1}") long retentionMs) {
        return keptForEver(name, partitions, replicas, retentionMs);
    }

    /** Where poison events go, kept as long as the topic they came from. */
    @Bean
    NewTopic deadLetterTopic(@Value("${safecase.kafka.dead-letter-topic.name}") String name,
                             @Value("${safecase.kafka.topic.partitions:6}") int partitions,
                             @Value("${safecase.kafka.topic.replication-factor:1}") short replicas,
                             @Value("${safecase.kafka.topic.retention-ms:-1}") long retentionMs) {
        return keptForEver(name, partitions, replicas, retentionMs);
    }

    /** For health and lag: short timeouts, so that an absent broker is reported rather than waited for. */
    @Bean(destroyMethod = "close")
    Admin kafkaAdminClient(KafkaAdmin kafkaAdmin) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "safecase-query-service-monitor");
        return Admin.create(config);
    }

    /** Republishes a poison record, its key and bytes unchanged, keyed to a partition of the dead-letter topic. */
    @Bean
    DeadLetterPublishingRecoverer deadLetterPublisher(KafkaOperations<?, ?> kafka,
                                                      @Value("${safecase.kafka.dead-letter-topic.name}") String deadLetterTopic) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(deadLetterTopic, -1));
        publisher.addHeadersFunction((record, failure) -> new RecordHeaders(new RecordHeader[]{
                new RecordHeader(DeadLetterRecoverer.REASON_HEADER,
                        TransientFailures.reason(failure).getBytes(StandardCharsets.UTF_8))}));
        publisher.setWaitForSendResultTimeout(Duration.ofSeconds(30));
        return publisher;
    }

    /**
     * A poison event is dead-lettered at its first failure: retrying cannot help. A failure of the
     * service rather than the event (see {@link TransientFailures}) is retried quickly at first, then
     * every few seconds for as long as it lasts, holding the partition: dead-lettering events because
     * the database was briefly away would lose them from the read models.
     */
    @Bean
    DefaultErrorHandler projectionErrorHandler(DeadLetterRecoverer recoverer, ProjectionMetrics metrics) {
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(0, 0));
        handler.addNotRetryableExceptions(PoisonEventException.class);
        handler.setBackOffFunction((record, failure) -> TransientFailures.isTransient(failure) ? transientBackOff() : null);
        // the handler's own log line carries the exception's message, which may quote the event: ours carries identifiers
        handler.setLogLevel(KafkaException.Level.DEBUG);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record, Exception failure,
                                       int deliveryAttempt) {
                if (TransientFailures.isTransient(failure)) {
                    metrics.retried();
                    log.warn("Projection of partition {} offset {} failed (attempt {}), will retry: {}", record.partition(),
                            record.offset(), deliveryAttempt, TransientFailures.reason(failure));
                }
            }
        });
        return handler;
    }

    private static ExponentialBackOff transientBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(100, 2.0);
        backOff.setMaxInterval(5_000);
        return backOff;
    }

    private static NewTopic keptForEver(String name, int partitions, short replicas, long retentionMs) {
        return TopicBuilder.name(name).partitions(partitions).replicas(replicas)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs))
                .config(TopicConfig.RETENTION_BYTES_CONFIG, "-1")
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .build();
    }
}
