package org.safecase.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/** Offsets, consumer-group lag and the plain-consumer ceiling of the event topic. */
final class KafkaTools implements AutoCloseable {

    private final Config config;
    private final Admin admin;

    KafkaTools(Config config) {
        this.config = config;
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        this.admin = Admin.create(properties);
    }

    List<TopicPartition> partitions() {
        try {
            return admin.describeTopics(List.of(config.topic)).allTopicNames().get().get(config.topic).partitions().stream()
                    .map(p -> new TopicPartition(config.topic, p.partition())).collect(Collectors.toList());
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe topic " + config.topic + ": " + e.getMessage(), e);
        }
    }

    Map<TopicPartition, Long> endOffsets() {
        try {
            Map<TopicPartition, OffsetSpec> request = partitions().stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = admin.listOffsets(request).all().get();
            Map<TopicPartition, Long> ends = new HashMap<>();
            answer.forEach((p, info) -> ends.put(p, info.offset()));
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException("cannot list offsets of " + config.topic + ": " + e.getMessage(), e);
        }
    }

    long totalRecords() {
        return endOffsets().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Records of the topic the group has not committed yet (a partition without a commit counts whole). */
    long groupLag(String group) {
        try {
            Map<TopicPartition, Long> ends = endOffsets();
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += Math.max(0, end.getValue() - (done == null ? 0 : done.offset()));
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of group " + group + ": " + e.getMessage(), e);
        }
    }

    record ConsumeResult(long records, long bytes, double seconds) {
        double recordsPerSecond() {
            return records / seconds;
        }

        double megabytesPerSecond() {
            return bytes / seconds / 1_000_000.0;
        }
    }

    /**
     * Reads the whole topic with a plain consumer (own group, from the beginning), optionally parsing each
     * value as JSON (what any projector must at least do): the ceiling the projections are compared with.
     */
    ConsumeResult consumeAll(boolean parseJson) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-consume-" + System.nanoTime());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        JsonMapper json = JsonMapper.builder().build();
        long records = 0;
        long bytes = 0;
        long checksum = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = partitions();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long started = System.nanoTime();
            Map<TopicPartition, Long> remaining = new HashMap<>(ends);
            remaining.values().removeIf(end -> end == 0);
            long deadline = started + Duration.ofMinutes(30).toNanos();
            while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    records++;
                    bytes += record.serializedValueSize() + Math.max(0, record.serializedKeySize());
                    if (parseJson) {
                        JsonNode envelope = json.readTree(record.value());
                        checksum += envelope.path("sequence").asLong();
                    }
                }
                for (TopicPartition partition : batch.partitions()) {
                    if (consumer.position(partition) >= ends.get(partition)) {
                        remaining.remove(partition);
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (checksum == Long.MIN_VALUE) {
                System.out.print("");   // keeps the parse from being optimised away
            }
            return new ConsumeResult(records, bytes, seconds);
        }
    }

    /** Prints the first and the last record of partition 0 (a forwarded one and, after production, a synthetic one) to compare their shape. */
    void printSamples() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            TopicPartition partition = new TopicPartition(config.topic, 0);
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            for (long offset : new long[] {0, Math.max(0, end - 1)}) {
                consumer.seek(partition, offset);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(5))) {
                    StringBuilder headers = new StringBuilder();
                    record.headers().forEach(h -> headers.append(h.key()).append('=')
                            .append(new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)).append(' '));
                    System.out.printf("sample record at offset %d: timestamp %d, headers %s%n  %s%n", record.offset(),
                            record.timestamp(), headers, new String(record.value(), java.nio.charset.StandardCharsets.UTF_8));
                    break;
                }
            }
        } catch (RuntimeException e) {
            System.out.println("could not read sample records: " + e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
