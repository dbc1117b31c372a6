package org.safecase.command.integrity;

import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.MerkleTree;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The integrity log's leaves: each stored event's hash at a dense position, in the order the forwarder
 * publishes them. Its only writer is the forwarder (one segment, one instance at a time), inside the
 * transaction that moves its token: a batch that fails leaves no leaf behind and is published again with
 * the same positions.
 */
@Component
public class IntegrityLog {

    /**
     * A batch of leaves: those of its events already in the log as they are, the others after the last leaf in the
     * batch's order, each with the event's own index in the store (a tracking token's position is the highest index
     * seen, which is a later event's when one fills a gap: its transaction committed after a later one's).
     */
    private static final String APPEND = """
            WITH batch AS (SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::uuid[], ?::bigint[], ?::varchar[])
                                   WITH ORDINALITY AS b (event_id, hash, incident_id, sequence, school_id, ord)),
                 known AS (SELECT leaf.event_id, leaf.leaf_index FROM integrity_leaf leaf
                           WHERE leaf.event_id IN (SELECT event_id FROM batch)),
                 fresh AS (SELECT batch.*, row_number() OVER (ORDER BY ord) AS nth FROM batch
                           WHERE event_id NOT IN (SELECT event_id FROM known)),
                 added AS (INSERT INTO integrity_leaf (leaf_index, global_index, event_id, hash, incident_id, sequence,
                                                       school_id)
                           SELECT last.leaf_index + fresh.nth,
                                  (SELECT global_index FROM domain_event_entry WHERE event_identifier = fresh.event_id),
                                  fresh.event_id, fresh.hash, fresh.incident_id, fresh.sequence, fresh.school_id
                           FROM fresh, (SELECT coalesce(max(leaf_index), -1) AS leaf_index FROM integrity_leaf) last
                           ORDER BY fresh.nth
                           RETURNING event_id, leaf_index)
            SELECT event_id, leaf_index FROM known UNION ALL SELECT event_id, leaf_index FROM added""";

    /** Leaves read at a time when hashing the log: about a megabyte of rows. */
    private static final int PAGE = 10_000;

    private final JdbcTemplate jdbc;

    IntegrityLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The events' positions in the log, by event id: each event not there yet is appended as the next leaf, in the
     * given order (the store's), and an event published again, after the forwarder's token was reset, keeps its
     * position. One statement for the whole batch.
     */
    public Map<UUID, Long> append(List<IncidentEventEnvelope> events) {
        if (events.isEmpty()) {
            return Map.of();
        }
        return jdbc.execute((ConnectionCallback<Map<UUID, Long>>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(APPEND)) {
                statement.setArray(1, connection.createArrayOf("varchar",
                        events.stream().map(event -> event.eventId().toString()).toArray(String[]::new)));
                statement.setArray(2, connection.createArrayOf("varchar",
                        events.stream().map(IncidentEventEnvelope::hash).toArray(String[]::new)));
                statement.setArray(3, connection.createArrayOf("uuid",
                        events.stream().map(IncidentEventEnvelope::incidentId).toArray(UUID[]::new)));
                statement.setArray(4, connection.createArrayOf("int8",
                        events.stream().map(IncidentEventEnvelope::sequence).toArray(Long[]::new)));
                statement.setArray(5, connection.createArrayOf("varchar",
                        events.stream().map(IncidentEventEnvelope::schoolId).toArray(String[]::new)));
                Map<UUID, Long> positions = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        positions.put(UUID.fromString(rows.getString("event_id")), rows.getLong("leaf_index"));
                    }
                }
                return positions;
            }
        });
    }

    /** The positions of those of these events that are in the log (published), by event id. */
    public Map<String, Long> positionsOf(List<String> eventIds) {
        Map<String, Long> positions = new HashMap<>();
        if (!eventIds.isEmpty()) {
            new NamedParameterJdbcTemplate(jdbc).query("SELECT event_id, leaf_index FROM integrity_leaf WHERE event_id IN (:ids)",
                    Map.of("ids", eventIds), rs -> {
                        positions.put(rs.getString("event_id"), rs.getLong("leaf_index"));
                    });
        }
        return positions;
    }

    /** The number of leaves: positions are dense from 0, so the last one's plus one (an index lookup, not a count). */
    public long size() {
        Long size = jdbc.queryForObject("SELECT coalesce(max(leaf_index), -1) + 1 FROM integrity_leaf", Long.class);
        return size == null ? 0 : size;
    }

    /** The tree head (RFC 9162) of the leaves from position {@code from} to {@code to}, exclusive, as a tree of their own. */
    byte[] treeHead(long from, long to) {
        MerkleTree.Frontier range = new MerkleTree.Frontier();
        hashLeaves(from, to, range::append);
        return range.root();
    }

    /** Appends to a tree of the log's first leaves the leaves after them, up to position {@code size}, exclusive. */
    void extend(MerkleTree.Frontier tree, long size) {
        hashLeaves(tree.size(), size, tree::append);
    }

    /**
     * The leaf hashes (RFC 9162: SHA-256 of 0x00 and the event's 32-byte hash) from position {@code from} to
     * {@code to}, in order, read a page at a time so that the log's size never has to fit in memory.
     */
    private void hashLeaves(long from, long to, Consumer<byte[]> leaves) {
        long[] next = {from};
        while (next[0] < to) {
            long pageStart = next[0];
            jdbc.query("SELECT leaf_index, hash FROM integrity_leaf WHERE leaf_index >= ? AND leaf_index < ? "
                    + "ORDER BY leaf_index LIMIT ?", rs -> {
                if (rs.getLong("leaf_index") != next[0]) {
                    throw new IllegalStateException("the integrity log has no leaf at position " + next[0]);
                }
                leaves.accept(MerkleTree.leafHash(HexFormat.of().parseHex(rs.getString("hash"))));
                next[0]++;
            }, pageStart, to, PAGE);
            if (next[0] == pageStart) {
                throw new IllegalStateException("the integrity log has no leaf at position " + pageStart);
            }
        }
    }

    /** The events of these schools after a position, in the log's order: (position, incident, sequence). */
    public List<Placed> placedAfter(java.util.Set<String> schools, long after, int limit) {
        if (schools.isEmpty()) {
            return List.of();
        }
        return new NamedParameterJdbcTemplate(jdbc).query("""
                SELECT leaf_index, incident_id, sequence FROM integrity_leaf
                WHERE school_id IN (:schools) AND leaf_index > :after ORDER BY leaf_index LIMIT :limit""",
                Map.of("schools", schools, "after", after, "limit", limit),
                (rs, row) -> new Placed(rs.getLong("leaf_index"), rs.getObject("incident_id", java.util.UUID.class),
                        rs.getLong("sequence")));
    }

    public record Placed(long position, java.util.UUID incidentId, long sequence) {
    }

    /** One page of leaves after a position, for auditors: position, event id and hash only. */
    public List<Leaf> leaves(long after, int limit) {
        return jdbc.query("""
                SELECT leaf_index, event_id, hash FROM integrity_leaf WHERE leaf_index > ? ORDER BY leaf_index LIMIT ?""",
                (rs, row) -> new Leaf(rs.getLong("leaf_index"), rs.getString("event_id"), rs.getString("hash")), after, limit);
    }

    public record Leaf(long position, String eventId, String hash) {
    }
}
