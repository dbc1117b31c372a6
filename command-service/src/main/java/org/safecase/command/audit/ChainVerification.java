package org.safecase.command.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.axonframework.eventhandling.DomainEventMessage;
import org.safecase.command.eventstore.IncidentEventEnvelopes;
import org.safecase.events.EventHashes;
import org.safecase.events.IncidentEventEnvelope;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.UUID;

/**
 * Checks an incident's stored history link by link: each event's previousHash is the hash of the one
 * before (64 zeros for the first), and each event's hash is the hash of its content as stored. The
 * first link that fails is named: an event altered in place, removed or inserted shows there.
 */
@Component
class ChainVerification {

    /** The answer, as the contract names it; {@code brokenAt} and {@code reason} only when not valid. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(UUID incidentId, boolean valid, int events, String headHash, Long brokenAt, String reason) {
    }

    private final IncidentEventEnvelopes envelopes;
    private final JsonMapper json;

    ChainVerification(IncidentEventEnvelopes envelopes, JsonMapper json) {
        this.envelopes = envelopes;
        this.json = json;
    }

    Result verify(UUID incidentId, List<? extends DomainEventMessage<?>> stream) {
        String previous = EventHashes.GENESIS;
        long expectedSequence = 0;
        for (DomainEventMessage<?> message : stream) {
            IncidentEventEnvelope envelope = envelopes.envelope(message);
            String reason = null;
            if (envelope.sequence() != expectedSequence) {
                reason = "SEQUENCE_GAP";
            } else if (envelope.hash() == null || envelope.previousHash() == null) {
                reason = "HASH_MISSING";
            } else if (!envelope.previousHash().equals(previous)) {
                reason = "PREVIOUS_HASH_MISMATCH";
            } else if (!EventHashes.hashMatches(json.valueToTree(envelope))) {
                reason = "HASH_MISMATCH";
            }
            if (reason != null) {
                return new Result(incidentId, false, stream.size(), null, envelope.sequence(), reason);
            }
            previous = envelope.hash();
            expectedSequence++;
        }
        return new Result(incidentId, true, stream.size(), previous, null, null);
    }
}
