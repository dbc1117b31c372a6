package org.safecase.query.projection;

import org.safecase.events.EventHashes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/** Per incident, the last sequence applied in a generation: the projections' record of what they have seen. */
@Repository
public class CheckpointRepository {

    private final JdbcTemplate jdbc;

    CheckpointRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the incident's checkpoint for the rest of the transaction (creating it at -1, "nothing
     * applied", whose hash is the chain's start) and returns it. The lock serialises two consumers that meet
     * on one incident during a rebalance.
     */
    public Checkpoint lock(UUID incidentId) {
        return jdbc.queryForObject("""
                INSERT INTO incident_checkpoint AS c (incident_id, last_sequence, last_hash) VALUES (?, -1, ?)
                ON CONFLICT (incident_id) DO UPDATE SET last_sequence = c.last_sequence
                RETURNING last_sequence, last_hash""",
                (rs, row) -> new Checkpoint(rs.getLong("last_sequence"), rs.getString("last_hash")), incidentId,
                EventHashes.GENESIS);
    }

    /**
     * Locks the checkpoints of the incidents (creating the missing ones as {@link #lock} does), in the order of their
     * ids so that two transactions locking overlapping sets cannot deadlock, and returns them by incident.
     */
    public Map<UUID, Checkpoint> lockAll(Collection<UUID> incidentIds) {
        UUID[] sorted = incidentIds.stream().distinct().sorted().toArray(UUID[]::new);
        Map<UUID, Checkpoint> locked = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO incident_checkpoint AS c (incident_id, last_sequence, last_hash)
                    SELECT id, -1, ? FROM unnest(?::uuid[]) WITH ORDINALITY AS i (id, n) ORDER BY n
                    ON CONFLICT (incident_id) DO UPDATE SET last_sequence = c.last_sequence
                    RETURNING incident_id, last_sequence, last_hash""");
            statement.setString(1, EventHashes.GENESIS);
            statement.setArray(2, connection.createArrayOf("uuid", sorted));
            return statement;
        }, (RowCallbackHandler) rs -> locked.put(rs.getObject("incident_id", UUID.class),
                new Checkpoint(rs.getLong("last_sequence"), rs.getString("last_hash"))));
        return locked;
    }

    /** Moves each incident's checkpoint to its last applied event, in one statement. */
    public void advanceAll(Map<UUID, Checkpoint> checkpoints) {
        if (checkpoints.isEmpty()) {
            return;
        }
        UUID[] ids = checkpoints.keySet().toArray(UUID[]::new);
        Long[] sequences = Arrays.stream(ids).map(id -> checkpoints.get(id).lastSequence()).toArray(Long[]::new);
        String[] hashes = Arrays.stream(ids).map(id -> checkpoints.get(id).lastHash()).toArray(String[]::new);
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    UPDATE incident_checkpoint AS c SET last_sequence = a.sequence, last_hash = a.hash, updated_at = now()
                    FROM unnest(?::uuid[], ?::bigint[], ?::text[]) AS a (incident_id, sequence, hash)
                    WHERE c.incident_id = a.incident_id AND c.last_sequence < a.sequence""");
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            statement.setArray(2, connection.createArrayOf("bigint", sequences));
            statement.setArray(3, connection.createArrayOf("text", hashes));
            return statement;
        });
    }

    /** An incident's last applied sequence (-1: none) and the hash of that event (null: not known). */
    public record Checkpoint(long lastSequence, String lastHash) {
    }

    /** Moves the checkpoint to this event, whose hash the next event must name as its previous one. */
    public void advance(UUID incidentId, long sequence, String hash) {
        jdbc.update("""
                UPDATE incident_checkpoint SET last_sequence = ?, last_hash = ?, updated_at = now()
                WHERE incident_id = ? AND last_sequence < ?""",
                sequence, hash, incidentId, sequence);
    }

    /** The incident's last applied sequence (its projected version), or empty if none of its events has been applied. */
    public OptionalLong lastSequence(UUID incidentId) {
        List<Long> found = jdbc.queryForList("""
                SELECT last_sequence FROM incident_checkpoint WHERE incident_id = ? AND last_sequence >= 0""",
                Long.class, incidentId);
        return found.isEmpty() ? OptionalLong.empty() : OptionalLong.of(found.get(0));
    }
}
