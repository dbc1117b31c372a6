package org.safecase.query.projection;

import java.util.UUID;

/** What could be made out of a record that may not decode: its identifiers and hash, each possibly missing. */
public record EventIdentity(UUID eventId, UUID incidentId, Long sequence, String type, String hash) {

    static final EventIdentity UNKNOWN = new EventIdentity(null, null, null, null, null);
}
