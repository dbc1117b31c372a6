package org.safecase.command.integrity;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.safecase.events.EventHashes;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.UUID;

/**
 * The one-time step that gives events stored before the hash chain existed their chain: for every
 * incident whose events carry no hash, each event's previousHash and hash are computed in sequence
 * order over its envelope as it loads today (revision-1 events upcast) and written into its metadata,
 * one incident per transaction. Nothing else of an event changes. It runs when the command service
 * starts with {@code SAFECASE_INTEGRITY_BACKFILL=true}, under the database owner's login (the service's
 * own login may not update the event table), and is idempotent: an incident already chained is left alone.
 */
@Component
public class ChainBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ChainBackfill.class);

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final boolean onStart;

    ChainBackfill(EventStore eventStore, JdbcTemplate jdbc, JsonMapper json, TransactionTemplate transactions,
                  @Value("${safecase.integrity.backfill:false}") boolean onStart) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = transactions;
        this.onStart = onStart;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (onStart) {
            int incidents = backfill();
            log.info("Hash chain backfill: {} incidents chained", incidents);
        }
    }

    /** Chains every incident that has an event without a hash; the number of incidents chained. */
    public int backfill() {
        List<String> unchained = jdbc.queryForList("""
                SELECT DISTINCT aggregate_identifier FROM domain_event_entry
                WHERE meta_data IS NULL OR position('"hash"' in convert_from(meta_data, 'UTF8')) = 0""", String.class);
        unchained.forEach(incident -> transactions.executeWithoutResult(status -> chain(incident)));
        return unchained.size();
    }

    private void chain(String incidentId) {
        String previous = EventHashes.GENESIS;
        for (DomainEventMessage<?> message : eventStore.readEvents(incidentId).asStream().toList()) {
            IncidentEventEnvelope envelope = EventHashes.envelope(UUID.fromString(message.getIdentifier()),
                    message.getSequenceNumber(), (IncidentEvent) message.getPayload(), previous, null, json);
            ObjectNode metadata = json.createObjectNode();
            message.getMetaData().forEach((key, value) -> metadata.set(key, json.valueToTree(value)));
            metadata.put(EventHashes.PREVIOUS_HASH, previous);
            metadata.put(EventHashes.HASH, envelope.hash());
            jdbc.update("UPDATE domain_event_entry SET meta_data = ? WHERE event_identifier = ?",
                    json.writeValueAsBytes(metadata), message.getIdentifier());
            previous = envelope.hash();
        }
    }
}
