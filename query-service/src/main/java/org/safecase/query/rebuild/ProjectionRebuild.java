package org.safecase.query.rebuild;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.safecase.query.projection.ChainBrokenException;
import org.safecase.query.projection.DecodedEvent;
import org.safecase.query.projection.Generation;
import org.safecase.query.projection.IncidentEventDecoder;
import org.safecase.query.projection.ProjectionGenerations;
import org.safecase.query.projection.ProjectionWriter;
import org.safecase.query.projection.TransientFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Rebuilds the projections from the start of the topic into a new generation while the active one
 * keeps serving, then switches reads over to it. Meanwhile the live consumers of every instance also
 * write each incident's next event to the new generation (strictly in order), so that nothing that
 * arrives during the rebuild is missed; the rebuild fills in everything before that, in topic order,
 * with a reader for each share of the partitions (an incident's events are all on one partition).
 * It switches once it has reached the end of every partition as it stood after all instances could
 * see the new generation. The rebuild applies the topic as the live consumer first did, in the same
 * order and mode, so the new generation comes out identical to the one built incrementally.
 */
@Component
public class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

    private final RebuildGenerations rebuildGenerations;
    private final ProjectionGenerations generations;
    private final ProjectionWriter writer;
    private final IncidentEventDecoder decoder;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final KafkaProperties kafka;
    private final Clock clock;
    private final String topic;
    private final Duration visibility;
    private final int batchSize;
    private final int threads;
    private final AtomicReference<RebuildProgress> progress = new AtomicReference<>(RebuildProgress.none());

    ProjectionRebuild(RebuildGenerations rebuildGenerations, ProjectionGenerations generations, ProjectionWriter writer,
                      IncidentEventDecoder decoder, TransactionTemplate transactions, JdbcTemplate jdbc,
                      KafkaProperties kafka, Clock clock,
                      @Value("${safecase.kafka.topic.name}") String topic,
                      @Value("${safecase.projection.rebuild.visibility:PT3S}") Duration visibility,
                      @Value("${safecase.projection.rebuild.batch-size:500}") int batchSize,
                      @Value("${safecase.projection.rebuild.threads:2}") int threads) {
        this.threads = threads;
        this.rebuildGenerations = rebuildGenerations;
        this.generations = generations;
        this.writer = writer;
        this.decoder = decoder;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.clock = clock;
        this.topic = topic;
        this.visibility = visibility;
        this.batchSize = batchSize;
    }

    public RebuildProgress progress() {
        return progress.get();
    }

    /** Starts a rebuild in the background, unless one is already running on this instance. */
    public synchronized RebuildProgress start() {
        if (progress.get().status() == RebuildProgress.Status.RUNNING) {
            return progress.get();
        }
        Generation building = rebuildGenerations.openBuilding();
        Instant started = clock.instant();
        progress.set(new RebuildProgress(building.number(), building.schema(), RebuildProgress.Status.RUNNING, 0, 0, 0,
                0, started, null, null));
        Thread worker = new Thread(() -> run(building, started), "projection-rebuild-" + building.number());
        worker.setDaemon(true);
        worker.start();
        log.info("Projection rebuild into generation {} ({}) started", building.number(), building.schema());
        return progress.get();
    }

    private void run(Generation building, Instant started) {
        Instant everyInstanceWrites = started.plus(visibility);
        Reading reading = new Reading();
        try {
            List<TopicPartition> partitions;
            try (KafkaConsumer<String, byte[]> consumer = consumer()) {
                partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            int workers = Math.max(1, Math.min(threads, partitions.size()));
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                List<TopicPartition> share = IntStream.range(0, partitions.size()).filter(i -> i % workers == worker)
                        .mapToObj(partitions::get).toList();
                CompletableFuture<Void> done = new CompletableFuture<>();
                Thread thread = new Thread(() -> {
                    try {
                        read(building, share, everyInstanceWrites, reading, started);
                        done.complete(null);
                    } catch (RuntimeException | Error e) {
                        done.completeExceptionally(e);
                    }
                }, "projection-rebuild-" + building.number() + "-" + worker);
                thread.setDaemon(true);
                thread.start();
                running.add(done);
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
            rebuildGenerations.switchTo(building);
            generations.refresh();
            Instant finished = clock.instant();
            report(building, started, reading, RebuildProgress.Status.SWITCHED, finished, null);
            log.info("Projection rebuild into {} switched over: {} events in {} ms ({} readers)", building.schema(),
                    reading.applied.get(), Duration.between(started, finished).toMillis(), workers);
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            log.error("Projection rebuild into {} failed", building.schema(), cause);
            rebuildGenerations.fail(building);
            report(building, started, reading, RebuildProgress.Status.FAILED, clock.instant(), cause.getClass().getSimpleName());
        }
    }

    /** What the readers have done so far, together. */
    private static final class Reading {
        final AtomicLong applied = new AtomicLong();
        final AtomicLong deadLettered = new AtomicLong();
        final Map<TopicPartition, Long> remaining = new ConcurrentHashMap<>();
        final Map<TopicPartition, Long> total = new ConcurrentHashMap<>();
    }

    /**
     * One reader: its share of the partitions from the start to their end, as it stands once every instance writes to
     * the new generation. An incident's events are all on one partition, so readers never meet on an incident.
     */
    private void read(Generation building, List<TopicPartition> partitions, Instant everyInstanceWrites, Reading reading,
                      Instant started) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
            while (true) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    reading.deadLettered.addAndGet(apply(building, records));
                    reading.applied.addAndGet(records.count());
                }
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                for (TopicPartition partition : partitions) {
                    reading.remaining.put(partition, end.get(partition) - consumer.position(partition));
                    reading.total.put(partition, end.get(partition) - beginning.get(partition));
                }
                report(building, started, reading, RebuildProgress.Status.RUNNING, null, null);
                boolean atTheEnd = partitions.stream().allMatch(p -> reading.remaining.get(p) == 0);
                if (atTheEnd && clock.instant().isAfter(everyInstanceWrites)) {
                    return;
                }
            }
        }
    }

    /**
     * Applies a poll's records in one transaction; the projections can always be rebuilt again, so it
     * need not wait for the disk. If a record fails the batch, the batch is applied again one record
     * at a time, passing over what cannot be applied as the live consumer's dead-lettering does.
     */
    private long apply(Generation building, ConsumerRecords<String, byte[]> records) {
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.execute("SET LOCAL synchronous_commit TO off");
                List<DecodedEvent> events = new ArrayList<>(records.count());
                records.forEach(record -> events.add(decoder.decode(record.value())));
                writer.writeAll(building, events, ProjectionWriter.Mode.LENIENT);
            });
            return 0;
        } catch (RuntimeException batchFailed) {
            // a projection refusing an event is as much a poison event as one that does not decode
            if (TransientFailures.isTransient(batchFailed)) {
                throw batchFailed;
            }
            long passedOver = 0;
            for (ConsumerRecord<String, byte[]> record : records) {
                passedOver += applyAlone(building, record) ? 0 : 1;
            }
            return passedOver;
        }
    }

    private boolean applyAlone(Generation building, ConsumerRecord<String, byte[]> record) {
        try {
            transactions.executeWithoutResult(status -> {
                DecodedEvent event = decoder.decode(record.value());
                writer.write(building, event, ProjectionWriter.Mode.LENIENT);
            });
            return true;
        } catch (RuntimeException poison) {
            if (TransientFailures.isTransient(poison)) {
                throw poison;
            }
            if (!TransientFailures.causedBy(poison, ChainBrokenException.class)) {
                // as the live consumer: a broken link of a chain is not its incident's event, so not passed over
                transactions.executeWithoutResult(status ->
                        writer.passOver(building, decoder.identify(record.value()), ProjectionWriter.Mode.LENIENT));
            }
            log.warn("Rebuild passed over a poison record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), TransientFailures.reason(poison));
            return false;
        }
    }

    private void report(Generation building, Instant started, Reading reading, RebuildProgress.Status status,
                        Instant finished, String failure) {
        long applied = reading.applied.get();
        long total = reading.total.values().stream().mapToLong(Long::longValue).sum();
        double seconds = Math.max(0.001, Duration.between(started, finished == null ? clock.instant() : finished).toMillis() / 1000.0);
        progress.set(new RebuildProgress(building.number(), building.schema(), status, applied, Math.max(total, applied),
                applied / seconds, reading.deadLettered.get(), started, finished, failure));
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
