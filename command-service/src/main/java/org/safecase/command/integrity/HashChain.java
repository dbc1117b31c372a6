package org.safecase.command.integrity;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.safecase.events.EventHashes;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Chains every incident event as it is appended: the event's {@code previousHash} is the hash of the
 * incident's previous event (within the same unit of work, or as stored), its {@code hash} is computed
 * by {@link EventHashes} over its envelope, and both go into the event's metadata, stored with it in
 * the same transaction. The store's unique (incident, sequence) constraint makes two concurrent appends
 * to one incident fail one of them, so a chain never forks.
 */
@Component
public class HashChain implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final String HEADS = HashChain.class.getName() + ".heads";

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    HashChain(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> message instanceof DomainEventMessage<?> domain
                && domain.getPayload() instanceof IncidentEvent event ? chained(domain, event) : message;
    }

    private EventMessage<?> chained(DomainEventMessage<?> message, IncidentEvent event) {
        Map<String, String> heads = heads();
        long sequence = message.getSequenceNumber();
        String previous = sequence == 0 ? EventHashes.GENESIS
                : heads.getOrDefault(message.getAggregateIdentifier(), null);
        if (previous == null) {
            previous = storedHash(message.getAggregateIdentifier(), sequence - 1);
        }
        IncidentEventEnvelope envelope = EventHashes.envelope(UUID.fromString(message.getIdentifier()), sequence, event,
                previous, null, json);
        heads.put(message.getAggregateIdentifier(), envelope.hash());
        return message.andMetaData(Map.of(EventHashes.PREVIOUS_HASH, previous, EventHashes.HASH, envelope.hash()));
    }

    /** The last hash of each incident appended to in this unit of work (its events are not stored yet). */
    private static Map<String, String> heads() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new HashMap<>();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(HEADS, key -> new HashMap<>());
    }

    private String storedHash(String incidentId, long sequence) {
        List<byte[]> metadata = jdbc.queryForList(
                "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                byte[].class, incidentId, sequence);
        JsonNode stored = metadata.isEmpty() || metadata.get(0) == null ? null : json.readTree(metadata.get(0));
        if (stored == null || !stored.path(EventHashes.HASH).isString()) {
            throw new IllegalStateException("incident " + incidentId + " has no hash at sequence " + sequence
                    + ": its events predate the hash chain; run the one-time chain step (SAFECASE_INTEGRITY_BACKFILL)");
        }
        return stored.path(EventHashes.HASH).asString();
    }
}
