package org.safecase.command.integrity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
 * incident's previous event (within the same unit of work, as last committed here, or as stored), its {@code hash}
 * is computed by {@link EventHashes} over its envelope, and both go into the event's metadata, stored with it in
 * the same transaction. The store's unique (incident, sequence) constraint makes two concurrent appends
 * to one incident fail one of them, so a chain never forks. An event once stored never changes, so the hash this
 * instance committed at an incident's sequence stays that sequence's hash whoever appends next: it is used only for
 * the very next sequence, and anything else is read from the store.
 */
@Component
public class HashChain implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final String HEADS = HashChain.class.getName() + ".heads";

    /** Incidents whose last committed link this instance keeps: those worked on now, not the whole county. */
    private static final int COMMITTED_HEADS = 20_000;

    /** An incident's event at a sequence, by its hash. */
    private record Link(long sequence, String hash) {
    }

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Cache<String, Link> committed = Caffeine.newBuilder().maximumSize(COMMITTED_HEADS).build();

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
        Map<String, Link> heads = heads();
        String incidentId = message.getAggregateIdentifier();
        long sequence = message.getSequenceNumber();
        String previous = previousHash(heads, incidentId, sequence);
        IncidentEventEnvelope envelope = EventHashes.envelope(UUID.fromString(message.getIdentifier()), sequence, event,
                previous, null, json);
        heads.put(incidentId, new Link(sequence, envelope.hash()));
        return message.andMetaData(Map.of(EventHashes.PREVIOUS_HASH, previous, EventHashes.HASH, envelope.hash()));
    }

    private String previousHash(Map<String, Link> heads, String incidentId, long sequence) {
        if (sequence == 0) {
            return EventHashes.GENESIS;
        }
        Link previous = heads.get(incidentId);
        if (previous == null || previous.sequence() != sequence - 1) {
            previous = committed.getIfPresent(incidentId);
        }
        return previous != null && previous.sequence() == sequence - 1 ? previous.hash()
                : storedHash(incidentId, sequence - 1);
    }

    /**
     * The last link of each incident appended to in this unit of work (its events are not stored yet), kept as
     * committed once the unit of work's transaction has committed.
     */
    private Map<String, Link> heads() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new HashMap<>();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(HEADS, key -> {
            Map<String, Link> heads = new HashMap<>();
            root.afterCommit(unitOfWork -> committed.putAll(heads));
            return heads;
        });
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
