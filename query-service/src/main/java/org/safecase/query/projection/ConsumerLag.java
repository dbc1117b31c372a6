package org.safecase.query.projection;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Records of the topic that the consumer group has not committed yet, summed over partitions, from
 * the broker's end offsets and the group's committed offsets. Asked of the broker at most every few
 * seconds, with a short timeout; empty when the broker does not answer.
 */
@Component
public class ConsumerLag {

    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long TIMEOUT_MS = 2_000;

    private record Reading(OptionalDouble records, long at) {
    }

    private final Admin admin;
    private final String topic;
    private final String groupId;
    private volatile Reading last;

    ConsumerLag(Admin admin, @Value("${safecase.kafka.topic.name}") String topic,
                @Value("${spring.kafka.consumer.group-id}") String groupId) {
        this.admin = admin;
        this.topic = topic;
        this.groupId = groupId;
    }

    public synchronized OptionalDouble records() {
        Reading reading = last;
        if (reading == null || System.nanoTime() - reading.at() > CACHE_NANOS) {
            reading = new Reading(read(), System.nanoTime());
            last = reading;
        }
        return reading.records();
    }

    private OptionalDouble read() {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = description.partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
            }
            return OptionalDouble.of(lag);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        } catch (Exception brokerUnavailable) {
            return OptionalDouble.empty();
        }
    }
}
