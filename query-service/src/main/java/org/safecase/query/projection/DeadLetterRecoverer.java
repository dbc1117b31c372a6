package org.safecase.query.projection;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What becomes of a poison event: it goes to the dead-letter topic with the reason (Spring Kafka's
 * exception headers, and {@value #REASON_HEADER} in words that never quote the event), and every live
 * generation records it and moves the incident's checkpoint past it, so the stream goes on and the
 * incident's later events still apply; except an event that breaks its incident's hash chain
 * ({@link ChainBrokenException}), which is not the incident's: the checkpoint stays for the genuine one. The dead-letter topic keeps the record for a rebuild after a fix.
 * <p>
 * The database transaction is held open while Kafka acknowledges the dead letter: if either fails,
 * neither counts and the record is tried again (at worst it reaches the dead-letter topic twice).
 */
@Component
class DeadLetterRecoverer implements ConsumerAwareRecordRecoverer {

    static final String REASON_HEADER = "safecase_dead_letter_reason";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final IncidentEventDecoder decoder;
    private final ProjectionGenerations generations;
    private final ProjectionWriter writer;
    private final DeadLetterRepository deadLetters;
    private final GenerationScope scope;
    private final TransactionTemplate transactions;
    private final ProjectionMetrics metrics;

    DeadLetterRecoverer(DeadLetterPublishingRecoverer publisher, IncidentEventDecoder decoder,
                        ProjectionGenerations generations, ProjectionWriter writer, DeadLetterRepository deadLetters,
                        GenerationScope scope, TransactionTemplate transactions, ProjectionMetrics metrics) {
        this.publisher = publisher;
        this.decoder = decoder;
        this.generations = generations;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.scope = scope;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception failure) {
        EventIdentity event = decoder.identify(record.value() instanceof byte[] bytes ? bytes : null);
        String reason = TransientFailures.reason(failure);
        boolean chainBroken = TransientFailures.causedBy(failure, ChainBrokenException.class);
        transactions.executeWithoutResult(status -> {
            for (Generation generation : generations.writeGenerations()) {
                scope.enter(generation);
                deadLetters.record(event, record.topic(), record.partition(), record.offset(), reason);
                if (!chainBroken) {
                    // a broken link is not the incident's event: its checkpoint stays for the genuine one
                    writer.passOver(generation, event, generation.isActive()
                            ? ProjectionWriter.Mode.LENIENT : ProjectionWriter.Mode.STRICT);
                }
            }
            publisher.accept(record, consumer, failure);
        });
        metrics.deadLettered();
        if (chainBroken) {
            metrics.chainBroken();
        }
        log.warn("Dead-lettered event {} of incident {} (sequence {}, partition {}, offset {}): {}", event.eventId(),
                event.incidentId(), event.sequence(), record.partition(), record.offset(), reason);
    }
}
