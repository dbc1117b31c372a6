package org.safecase.verifier;

import org.safecase.events.CheckpointNotes;
import org.safecase.events.EventHashes;
import org.safecase.events.MerkleTree;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the verifier checks, on the records as published: every event's hash is the hash of its content
 * (RFC 8785, SHA-256, README "Integrity"); every incident's events run from sequence 0 without a gap, each
 * naming its predecessor's hash (copies delivered twice must be identical); the latest checkpoint's
 * Ed25519 signature holds for the given key, and its root is the RFC 9162 tree head of the events' hashes
 * at positions 0 to its size; every earlier checkpoint's root is that of its own prefix (so each extends the one
 * before).
 */
final class Verification {

    private final JsonMapper json = JsonMapper.builder().build();
    private final String publicKey;
    private final String origin;

    Verification(String publicKey, String origin) {
        this.publicKey = publicKey;
        this.origin = origin;
    }

    /** The outcome: valid, or the first broken link; and what was seen. */
    record Result(boolean valid, int incidents, int events, int duplicates, long checkpointSize, String broken) {

        String summary() {
            String seen = incidents + " incidents, " + events + " events (" + duplicates + " delivered twice), "
                    + (checkpointSize < 0 ? "no checkpoint" : "checkpoint over " + checkpointSize + " events");
            return valid ? "VERIFIED: " + seen : "BROKEN: " + broken + "; " + seen;
        }
    }

    private record Event(String incidentId, long sequence, String eventId, String previousHash, String hash, Long position) {
    }

    Result verify(List<byte[]> eventRecords, List<byte[]> checkpointRecords) {
        Map<String, TreeMap<Long, Event>> incidents = new TreeMap<>();
        Map<Long, String> leaves = new HashMap<>();
        int duplicates = 0;
        int events = 0;
        for (byte[] record : eventRecords) {
            JsonNode envelope;
            try {
                envelope = json.readTree(record);
            } catch (RuntimeException e) {
                return broken("a record that is not JSON", incidents.size(), events, duplicates);
            }
            Event event = new Event(envelope.path("incidentId").asString(""), envelope.path("sequence").asLong(-1),
                    envelope.path("eventId").asString(""), envelope.path("previousHash").asString(null),
                    envelope.path("hash").asString(null),
                    envelope.path("position").isIntegralNumber() ? envelope.path("position").asLong() : null);
            String at = "incident " + event.incidentId() + " sequence " + event.sequence();
            boolean hashHolds;
            try {
                hashHolds = EventHashes.hashMatches(envelope);
            } catch (IllegalArgumentException e) {
                hashHolds = false;
            }
            if (!hashHolds) {
                return broken(at + ": its hash is not the hash of its content", incidents.size(), events, duplicates);
            }
            Event earlier = incidents.computeIfAbsent(event.incidentId(), id -> new TreeMap<>()).get(event.sequence());
            if (earlier != null) {
                if (!earlier.hash().equals(event.hash())) {
                    return broken(at + ": two different events claim it", incidents.size(), events, duplicates);
                }
                duplicates++;
                continue;
            }
            incidents.get(event.incidentId()).put(event.sequence(), event);
            events++;
            if (event.position() != null) {
                String other = leaves.putIfAbsent(event.position(), event.hash());
                if (other != null && !other.equals(event.hash())) {
                    return broken("position " + event.position() + ": two events claim it", incidents.size(), events, duplicates);
                }
            }
        }
        for (Map.Entry<String, TreeMap<Long, Event>> incident : incidents.entrySet()) {
            String previous = EventHashes.GENESIS;
            long expected = 0;
            for (Event event : incident.getValue().values()) {
                String at = "incident " + incident.getKey() + " sequence " + event.sequence();
                if (event.sequence() != expected) {
                    return broken("incident " + incident.getKey() + " sequence " + expected + ": missing", incidents.size(),
                            events, duplicates);
                }
                if (!previous.equals(event.previousHash())) {
                    return broken(at + ": its previousHash is not the hash of the event before", incidents.size(), events,
                            duplicates);
                }
                previous = event.hash();
                expected++;
            }
        }
        return checkpoints(checkpointRecords, leaves, incidents.size(), events, duplicates);
    }

    private Result checkpoints(List<byte[]> records, Map<Long, String> leaves, int incidents, int events, int duplicates) {
        List<JsonNode> checkpoints = new ArrayList<>();
        for (byte[] record : records) {
            checkpoints.add(json.readTree(record));
        }
        checkpoints.sort(Comparator.comparingLong(c -> c.path("treeSize").asLong()));
        Optional<JsonNode> latest = checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.get(checkpoints.size() - 1));
        if (latest.isEmpty()) {
            return new Result(true, incidents, events, duplicates, -1, null);
        }
        JsonNode head = latest.get();
        long size = head.path("treeSize").asLong();
        if (!signatureHolds(head)) {
            return broken("checkpoint over " + size + " events: its signature does not hold for the given key", incidents,
                    events, duplicates);
        }
        // one pass over the leaves (checkpoints in size order): each root compared when the tree reaches its size
        MerkleTree.Frontier tree = new MerkleTree.Frontier();
        int next = 0;
        for (long position = 0; position < size; position++) {
            String hash = leaves.get(position);
            if (hash == null) {
                return broken("checkpoint over " + size + " events: the event at position " + position
                        + " is not on the topic", incidents, events, duplicates);
            }
            tree.append(MerkleTree.leafHash(HexFormat.of().parseHex(hash)));
            for (; next < checkpoints.size() && checkpoints.get(next).path("treeSize").asLong() <= tree.size(); next++) {
                JsonNode checkpoint = checkpoints.get(next);
                if (checkpoint.path("treeSize").asLong() != tree.size()
                        || !HexFormat.of().formatHex(tree.root()).equals(checkpoint.path("rootHash").asString())) {
                    return broken("checkpoint over " + checkpoint.path("treeSize").asLong()
                            + " events: its root is not the tree head of those events", incidents, events, duplicates);
                }
            }
        }
        return new Result(true, incidents, events, duplicates, size, null);
    }

    private boolean signatureHolds(JsonNode checkpoint) {
        try {
            String body = CheckpointNotes.body(origin, checkpoint.path("treeSize").asLong(),
                    HexFormat.of().parseHex(checkpoint.path("rootHash").asString()),
                    Instant.parse(checkpoint.path("signedAt").asString()));
            return CheckpointNotes.verifies(publicKey, body, checkpoint.path("signature").asString());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Result broken(String what, int incidents, int events, int duplicates) {
        return new Result(false, incidents, events, duplicates, -1, what);
    }
}
