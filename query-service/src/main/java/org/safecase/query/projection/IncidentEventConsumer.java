package org.safecase.query.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.safecase.events.IncidentDisposed;
import org.safecase.events.SubjectErased;
import org.safecase.platform.privacy.PersonalData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds the projections from the topic. A poll's records are applied to every live generation in one
 * database transaction together with the incidents' checkpoints; Kafka offsets are committed only
 * afterwards (ack mode BATCH), so a crash between the two redelivers records that the checkpoints
 * then skip: exactly-once effect on at-least-once delivery. A failed poll is rolled back whole and applied
 * again a record at a time, and the record that fails is named to the error handler
 * ({@link BatchListenerFailedException}) only when every record before it is committed: naming it after a
 * whole-poll rollback would commit offsets of records that were never applied. Failures are the error
 * handler's: see {@link ProjectionConsumerConfiguration}.
 */
@Component
class IncidentEventConsumer {

    static final String LISTENER_ID = "incident-projections";

    private static final Logger log = LoggerFactory.getLogger(IncidentEventConsumer.class);

    private final IncidentEventDecoder decoder;
    private final ProjectionGenerations generations;
    private final ProjectionWriter writer;
    private final TransactionTemplate transactions;
    private final ProjectionMetrics metrics;
    private final Clock clock;
    private final PersonalData personalData;

    private final ProjectionSignal signal;

    IncidentEventConsumer(IncidentEventDecoder decoder, ProjectionGenerations generations, ProjectionWriter writer,
                          TransactionTemplate transactions, ProjectionMetrics metrics, Clock clock,
                          PersonalData personalData, ProjectionSignal signal) {
        this.personalData = personalData;
        this.signal = signal;
        this.decoder = decoder;
        this.generations = generations;
        this.writer = writer;
        this.transactions = transactions;
        this.metrics = metrics;
        this.clock = clock;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = "${safecase.kafka.topic.name}", batch = "true",
            autoStartup = "${safecase.projection.consumer.auto-startup:true}")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        try {
            applyAll(records);
        } catch (RuntimeException batchFailed) {
            if (TransientFailures.isTransient(batchFailed)) {
                // nothing of the poll was committed: the error handler retries from its first record
                throw new BatchListenerFailedException(TransientFailures.reason(batchFailed), batchFailed, 0);
            }
            applyOneByOne(records);
        }
    }

    /** The poll's records in one transaction, for every live generation. */
    private void applyAll(List<ConsumerRecord<String, byte[]>> records) {
        List<DecodedEvent> events = records.stream().map(record -> decoder.decode(record.value())).toList();
        List<Generation> live = generations.writeGenerations();
        Map<Generation.Status, List<ProjectionWriter.Outcome>> outcomes = transactions.execute(status -> {
            Map<Generation.Status, List<ProjectionWriter.Outcome>> byStatus = new EnumMap<>(Generation.Status.class);
            for (Generation generation : live) {
                byStatus.put(generation.status(), writer.writeAll(generation, events, mode(generation)));
            }
            return byStatus;
        });
        for (int i = 0; i < events.size(); i++) {
            reported(events.get(i), outcomes, i);
        }
    }

    /**
     * The poll failed as a whole and was rolled back: each record again in its own transaction, so that when one
     * fails, every record before it is committed and the error handler may commit their offsets, then retry or
     * dead-letter the one that failed and deliver the rest again.
     */
    private void applyOneByOne(List<ConsumerRecord<String, byte[]>> records) {
        for (int i = 0; i < records.size(); i++) {
            try {
                applyAll(List.of(records.get(i)));
            } catch (RuntimeException failed) {
                throw new BatchListenerFailedException(TransientFailures.reason(failed), failed, i);
            }
        }
    }

    private static ProjectionWriter.Mode mode(Generation generation) {
        return generation.isActive() ? ProjectionWriter.Mode.LENIENT : ProjectionWriter.Mode.STRICT;
    }

    private void reported(DecodedEvent event, Map<Generation.Status, List<ProjectionWriter.Outcome>> outcomes, int index) {
        Map<Generation.Status, ProjectionWriter.Outcome> byStatus = new EnumMap<>(Generation.Status.class);
        if (outcomes != null) {
            outcomes.forEach((status, list) -> byStatus.put(status, list.get(index)));
        }
        if (byStatus.values().stream().anyMatch(ProjectionWriter.Outcome::applied)) {
            signal.projected(event.incidentId());
        }
        report(event, byStatus);
        forgetDestroyedKeys(event);
    }

    /** Keys this instance holds in memory that an erasure or a disposal has destroyed. */
    private void forgetDestroyedKeys(DecodedEvent event) {
        if (event.event() instanceof SubjectErased erased) {
            personalData.forgetSubjectKey(erased.subjectId());
        } else if (event.event() instanceof IncidentDisposed disposed) {
            personalData.forgetIncidentKey(disposed.incidentId());
        }
    }

    private void report(DecodedEvent event, Map<Generation.Status, ProjectionWriter.Outcome> outcomes) {
        ProjectionWriter.Outcome active = outcomes.get(Generation.Status.ACTIVE);
        if (active != null && active.applied()) {
            metrics.applied(event, clock.instant());
        } else if (active == ProjectionWriter.Outcome.DUPLICATE) {
            metrics.duplicate();
            log.debug("Skipped event {} of incident {} (sequence {}): already applied", event.eventId(),
                    event.incidentId(), event.sequence());
        }
        if (active == ProjectionWriter.Outcome.APPLIED_AFTER_GAP) {
            metrics.gap();
            log.warn("Applied event {} of incident {} after a gap: sequence {} came before an earlier one",
                    event.eventId(), event.incidentId(), event.sequence());
        }
        if (outcomes.get(Generation.Status.BUILDING) == ProjectionWriter.Outcome.NOT_NEXT) {
            metrics.leftToRebuild();
        }
    }
}
