package org.safecase.command.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.safecase.events.EventHashes;
import org.safecase.events.IncidentEvent;
import org.safecase.events.IncidentEventEnvelope;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

/**
 * The one mapping from a stored event to the contract's envelope, for auditors and for Kafka alike: the
 * stored form (personal fields sealed) and its hash chain from the event's metadata. Its position is
 * the integrity log's, given to it when the forwarder publishes it ({@code IntegrityLog}).
 */
@Component
public class IncidentEventEnvelopes {

    private final JsonMapper jsonMapper;

    public IncidentEventEnvelopes(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public IncidentEventEnvelope envelope(DomainEventMessage<?> message) {
        Object previousHash = message.getMetaData().get(EventHashes.PREVIOUS_HASH);
        Object hash = message.getMetaData().get(EventHashes.HASH);
        // what the store says the hash is, not what it would be: a reader checks the one against the other
        return EventHashes.stored(UUID.fromString(message.getIdentifier()), message.getSequenceNumber(),
                (IncidentEvent) message.getPayload(), previousHash == null ? null : previousHash.toString(),
                hash == null ? null : hash.toString(), null, jsonMapper);
    }

    public byte[] serialize(IncidentEventEnvelope envelope) {
        return jsonMapper.writeValueAsBytes(envelope);
    }
}
