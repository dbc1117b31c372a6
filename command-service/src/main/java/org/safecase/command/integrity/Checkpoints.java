package org.safecase.command.integrity;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.safecase.events.CheckpointNotes;
import org.safecase.events.MerkleTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Signed checkpoints of the integrity log: periodically, if the log has grown, an Ed25519-signed tree
 * head (RFC 9162 hashing) over every leaf so far, kept in the database and published to the topic
 * {@value #TOPIC} (kept for ever), so that copies exist outside the database. The signed message is a
 * C2SP tlog-checkpoint note body:
 *
 * <pre>
 *   &lt;origin&gt;\n&lt;tree size&gt;\n&lt;base64 root hash&gt;\ntime &lt;signedAt, ISO-8601&gt;\n
 * </pre>
 */
@Component
public class Checkpoints {

    public static final String TOPIC = "safecase.checkpoints";

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    /** A signed tree head, as auditors and the topic see it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Checkpoint(String origin, long position, long treeSize, String rootHash, Instant signedAt, String keyId,
                             String algorithm, String signature, String note) {
    }

    private final IntegrityLog integrityLog;
    private final JdbcTemplate jdbc;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final SigningKey key;
    private final String origin;
    private final Clock clock;

    Checkpoints(IntegrityLog integrityLog, JdbcTemplate jdbc, KafkaTemplate<String, byte[]> kafka,
                TransactionTemplate transactions, JsonMapper json, Clock clock,
                @Value("${safecase.integrity.signing-key:}") String signingKey,
                @Value("${safecase.integrity.public-key:}") String publicKey,
                @Value("${safecase.integrity.origin:safecase}") String origin) {
        this.integrityLog = integrityLog;
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.origin = origin;
        this.key = new SigningKey(signingKey, publicKey, origin);
    }

    @Scheduled(fixedDelayString = "${safecase.integrity.checkpoint.interval:PT1M}",
            initialDelayString = "${safecase.integrity.checkpoint.interval:PT1M}")
    void scheduled() {
        checkpoint();
    }

    /** Signs and publishes a checkpoint over the whole log if it has grown since the last one; the latest. */
    public Optional<Checkpoint> checkpoint() {
        long size = integrityLog.size();
        Optional<Checkpoint> latest = latest();
        if (size == 0 || latest.map(c -> c.treeSize() >= size).orElse(false)) {
            return latest;
        }
        MerkleTree.Frontier tree = keptTree().orElseGet(MerkleTree.Frontier::new);
        integrityLog.extend(tree, size);
        byte[] root = tree.root();
        Instant signedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String body = CheckpointNotes.body(origin, size, root, signedAt);
        String signature = Base64.getEncoder().encodeToString(key.sign(body.getBytes(StandardCharsets.UTF_8)));
        Checkpoint checkpoint = new Checkpoint(origin, size - 1, size, HexFormat.of().formatHex(root), signedAt, key.keyId(),
                "Ed25519", signature, body + "\n\u2014 " + origin + " " + noteSignature(signature) + "\n");
        transactions.executeWithoutResult(status -> {
            jdbc.update("""
                    INSERT INTO integrity_signing_key (key_id, algorithm, public_key, first_used)
                    VALUES (?, 'Ed25519', ?, ?) ON CONFLICT (key_id) DO NOTHING""", key.keyId(),
                    Base64.getEncoder().encodeToString(key.rawPublicKey()), java.sql.Timestamp.from(signedAt));
            int stored = jdbc.update("""
                    INSERT INTO integrity_checkpoint (tree_size, root_hash, signed_at, key_id, signature, frontier)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING""", size, checkpoint.rootHash(),
                    java.sql.Timestamp.from(signedAt), key.keyId(), signature, tree.packed());
            if (stored == 1) {
                publish(checkpoint);
            }
        });
        log.info("Checkpoint signed over {} events (key {})", size, key.keyId());
        return latest();
    }

    /**
     * The tree of the latest checkpoint that kept one, to be extended by the leaves appended since: only if it
     * still gives the root that checkpoint signed. Otherwise (none kept, or not that root) the log is hashed from its
     * first leaf, so a damaged compact form can never make a checkpoint sign anything but the leaves' own tree head.
     */
    private Optional<MerkleTree.Frontier> keptTree() {
        return jdbc.query("""
                SELECT tree_size, root_hash, frontier FROM integrity_checkpoint WHERE frontier IS NOT NULL
                ORDER BY tree_size DESC LIMIT 1""", (rs, row) -> {
            long size = rs.getLong("tree_size");
            try {
                MerkleTree.Frontier tree = MerkleTree.Frontier.unpack(size, rs.getBytes("frontier"));
                if (HexFormat.of().formatHex(tree.root()).equals(rs.getString("root_hash"))) {
                    return tree;
                }
            } catch (IllegalArgumentException malformed) {
                // as for a tree that does not give its root: told below
            }
            log.warn("The compact tree kept with the checkpoint over {} events does not give its signed root: "
                    + "hashing the integrity log from its first leaf", size);
            return null;
        }).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    public Optional<Checkpoint> latest() {
        return jdbc.query("""
                SELECT tree_size, root_hash, signed_at, key_id, signature FROM integrity_checkpoint
                ORDER BY tree_size DESC LIMIT 1""", (rs, row) -> {
            long size = rs.getLong("tree_size");
            Instant signedAt = rs.getTimestamp("signed_at").toInstant();
            String body = CheckpointNotes.body(origin, size, HexFormat.of().parseHex(rs.getString("root_hash")), signedAt);
            return new Checkpoint(origin, size - 1, size, rs.getString("root_hash"), signedAt, rs.getString("key_id"),
                    "Ed25519", rs.getString("signature"),
                    body + "\n\u2014 " + origin + " " + noteSignature(rs.getString("signature")) + "\n");
        }).stream().findFirst();
    }

    /** The RFC 9162 consistency proof that the tree of {@code first} leaves is a prefix of that of {@code second}. */
    public List<String> consistencyProof(long first, long second) {
        return MerkleTree.consistencyRanges(first, second).stream()
                .map(range -> HexFormat.of().formatHex(integrityLog.treeHead(range.from(), range.to()))).toList();
    }

    /** The current and retired checkpoint-signing public keys. */
    /** The current key, and every retired key that signed a checkpoint, so that each checkpoint can be checked. */
    public List<PublicKeyView> keys() {
        List<PublicKeyView> keys = new java.util.ArrayList<>();
        keys.add(new PublicKeyView(key.keyId(), "Ed25519", Base64.getEncoder().encodeToString(key.rawPublicKey()),
                "CURRENT"));
        keys.addAll(jdbc.query("""
                SELECT key_id, algorithm, public_key FROM integrity_signing_key WHERE key_id <> ? ORDER BY first_used""",
                (rs, row) -> new PublicKeyView(rs.getString(1), rs.getString(2), rs.getString(3), "RETIRED"), key.keyId()));
        return keys;
    }

    public record PublicKeyView(String keyId, String algorithm, String publicKey, String status) {
    }

    private String noteSignature(String signature) {
        byte[] id = HexFormat.of().parseHex(key.keyId());
        byte[] sig = Base64.getDecoder().decode(signature);
        byte[] both = new byte[id.length + sig.length];
        System.arraycopy(id, 0, both, 0, id.length);
        System.arraycopy(sig, 0, both, id.length, sig.length);
        return Base64.getEncoder().encodeToString(both);
    }

    private void publish(Checkpoint checkpoint) {
        try {
            kafka.send(TOPIC, Long.toString(checkpoint.treeSize()), json.writeValueAsBytes(checkpoint)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a checkpoint", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the checkpoint", e);
        }
    }
}
