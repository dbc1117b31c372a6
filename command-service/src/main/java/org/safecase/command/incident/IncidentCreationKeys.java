package org.safecase.command.incident;

import org.safecase.events.Source;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The keys a report may be retried with. Claiming them inside the report's own transaction makes a
 * concurrent retry wait until the first report commits, then find its incident.
 * Each key keeps the fingerprint of the request that claimed it, so that a retry is told apart from
 * another report that reuses the key.
 */
@Component
class IncidentCreationKeys {

    /** What claiming the keys found: no earlier incident, or the one a key names and whether it was claimed by the same request. */
    record Claim(Optional<UUID> earlier, boolean sameRequest) {

        static final Claim NEW = new Claim(Optional.empty(), true);
    }

    /** The one form a request is fingerprinted in: fixed here, so that no setting of the service's mapper changes it. */
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private final JdbcTemplate jdbc;

    IncidentCreationKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * SHA-256 of the request as the service read it (so spacing, member order and equal instants written
     * differently do not matter), in canonical JSON with sorted members, and of the reporting user's school.
     */
    static byte[] fingerprint(String reportersSchoolId, IncidentRequests.ReportIncident request) {
        byte[] canonical = CANONICAL.writeValueAsBytes(Map.of("reportersSchoolId", String.valueOf(reportersSchoolId),
                "request", request));
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonical);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Claims the keys for a new incident, or answers the incident one of them already names (then none is
     * claimed). A transaction-scoped lock per key, always taken in the same order, makes a concurrent
     * retry wait until the first report commits or rolls back; the service only reads and adds keys.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Claim claim(String schoolId, String idempotencyKey, Source source, byte[] fingerprint, UUID candidate) {
        List<String[]> keys = new ArrayList<>();
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            keys.add(new String[]{"IDEMPOTENCY", idempotencyKey});
        }
        if (source != null) {
            keys.add(new String[]{"SOURCE", source.system() + "\u001f" + source.reference()});
        }
        for (String[] key : keys) {
            jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", (RowCallbackHandler) row -> { },
                    String.join("\u001f", "incident_creation_key", schoolId, key[0], key[1]));
        }
        for (String[] key : keys) {
            List<Claim> earlier = jdbc.query("""
                    SELECT incident_id, request_fingerprint FROM incident_creation_key
                    WHERE school_id = ? AND key_kind = ? AND key_value = ?""",
                    (row, n) -> {
                        byte[] claimedBy = row.getBytes("request_fingerprint");
                        // a key claimed before fingerprints were kept (V4) is taken for a retry, as it was then
                        return new Claim(Optional.of(row.getObject("incident_id", UUID.class)),
                                claimedBy == null || MessageDigest.isEqual(claimedBy, fingerprint));
                    },
                    schoolId, key[0], key[1]);
            if (!earlier.isEmpty()) {
                return earlier.get(0);
            }
        }
        for (String[] key : keys) {
            // under the lock the key is free; the primary key still guards against any writer that skips it
            jdbc.update("""
                    INSERT INTO incident_creation_key (school_id, key_kind, key_value, incident_id, request_fingerprint)
                    VALUES (?, ?, ?, ?, ?)""", schoolId, key[0], key[1], candidate, fingerprint);
        }
        return Claim.NEW;
    }
}
