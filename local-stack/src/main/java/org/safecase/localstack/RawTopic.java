package org.safecase.localstack;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A topic read as any client of the broker could read it: raw bytes, from the beginning. For tests. */
public final class RawTopic {

    private RawTopic() {
    }

    /**
     * The records under one key (value and headers as UTF-8 text), once {@code expected} of them are read or
     * a minute has passed.
     */
    public static List<String> recordsOf(LocalKafka kafka, String topic, String key, int expected) {
        return read(kafka, topic, key, expected, true);
    }

    /** The values alone of the records under one key, as UTF-8 text. */
    public static List<String> valuesOf(LocalKafka kafka, String topic, String key, int expected) {
        return read(kafka, topic, key, expected, false);
    }

    private static List<String> read(LocalKafka kafka, String topic, String key, int expected, boolean withHeaders) {
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "raw-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        StringBuilder text = new StringBuilder(new String(record.value(), StandardCharsets.UTF_8));
                        for (Header header : withHeaders ? record.headers().toArray() : new Header[0]) {
                            text.append(' ').append(new String(header.value(), StandardCharsets.UTF_8));
                        }
                        records.add(text.toString());
                    }
                }
            }
        }
        return records;
    }
}
