package org.safecase.verifier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.safecase.events.Actor;
import org.safecase.events.CheckpointNotes;
import org.safecase.events.EventHashes;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.MerkleTree;
import org.safecase.events.NoteAdded;
import org.safecase.events.Role;
import org.safecase.events.Sealed;
import org.safecase.localstack.SharedTestInfrastructure;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verifier against a real broker: topics written as the command service writes them (chained envelopes,
 * positions, a signed checkpoint), then the same with one thing altered at a time.
 */
class VerifierTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Actor DSL = new Actor("dsl.a", Role.DSL);

    private final KeyPair signer = keyPair();
    private final String events = "events-" + UUID.randomUUID();
    private final String checkpoints = "checkpoints-" + UUID.randomUUID();

    /** Two incidents of three events each, chained, at positions 0 to 5, as the forwarder publishes them. */
    private List<IncidentEventEnvelope> history() {
        List<IncidentEventEnvelope> history = new ArrayList<>();
        long position = 0;
        for (int incident = 0; incident < 2; incident++) {
            UUID id = UUID.randomUUID();
            String previous = EventHashes.GENESIS;
            for (int sequence = 0; sequence < 3; sequence++) {
                NoteAdded note = new NoteAdded(id, "SCH-A", DSL, Instant.parse("2026-11-20T10:15:00Z").plusSeconds(sequence),
                        Sealed.ciphertext(Base64.getEncoder().encodeToString(("note " + sequence).getBytes(StandardCharsets.UTF_8))));
                IncidentEventEnvelope envelope = EventHashes.envelope(UUID.randomUUID(), sequence, note, previous, position++, JSON);
                history.add(envelope);
                previous = envelope.hash();
            }
        }
        return history;
    }

    private Map<String, Object> checkpoint(List<IncidentEventEnvelope> history, KeyPair key) {
        List<byte[]> leaves = history.stream().map(e -> MerkleTree.leafHash(HexFormat.of().parseHex(e.hash()))).toList();
        byte[] root = MerkleTree.root(leaves);
        Instant signedAt = Instant.parse("2026-11-30T12:00:00.123Z");
        String body = CheckpointNotes.body("safecase", leaves.size(), root, signedAt);
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put("origin", "safecase");
        checkpoint.put("position", leaves.size() - 1);
        checkpoint.put("treeSize", leaves.size());
        checkpoint.put("rootHash", HexFormat.of().formatHex(root));
        checkpoint.put("signedAt", signedAt.toString());
        checkpoint.put("algorithm", "Ed25519");
        checkpoint.put("signature", Base64.getEncoder().encodeToString(sign(key, body)));
        return checkpoint;
    }

    private void publish(List<?> envelopes, List<Map<String, Object>> heads) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                     bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            admin.createTopics(List.of(new NewTopic(events, 3, (short) 1), new NewTopic(checkpoints, 1, (short) 1))).all().get();
            for (Object envelope : envelopes) {
                String key = envelope instanceof IncidentEventEnvelope e ? e.incidentId().toString()
                        : ((ObjectNode) envelope).path("incidentId").asString();
                producer.send(new ProducerRecord<>(events, key, JSON.writeValueAsBytes(envelope))).get();
            }
            for (Map<String, Object> head : heads) {
                producer.send(new ProducerRecord<>(checkpoints, head.get("treeSize").toString(), JSON.writeValueAsBytes(head))).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String verify(int expectedStatus) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Verifier.run(new String[]{"--bootstrap-servers", bootstrap(), "--public-key", rawPublicKey(signer),
                        "--events-topic", events, "--checkpoints-topic", checkpoints, "--client-config", clientConfig()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed).isEqualTo(expectedStatus);
        return printed;
    }

    @Test
    void givenACleanHistoryAndItsSignedCheckpointThenEverythingVerifies() {
        List<IncidentEventEnvelope> history = history();
        List<Object> delivered = new ArrayList<>(history);
        delivered.add(history.get(1)); // at-least-once delivery: a copy, identical
        publish(delivered, List.of(checkpoint(history.subList(0, 4), signer), checkpoint(history, signer)));

        assertThat(verify(0)).contains("VERIFIED: 2 incidents, 6 events (1 delivered twice), checkpoint over 6 events");
    }

    @Test
    void givenARecordAlteredAfterItWasHashedThenTheVerifierNamesItsIncidentAndSequence() {
        List<IncidentEventEnvelope> history = history();
        List<Object> delivered = new ArrayList<>(history);
        ObjectNode altered = JSON.valueToTree(history.get(4));
        ((ObjectNode) altered.get("actor")).put("userId", "dsl.b");
        delivered.set(4, altered);
        publish(delivered, List.of(checkpoint(history, signer)));

        assertThat(verify(1)).contains("BROKEN: incident " + history.get(4).incidentId() + " sequence 1");
    }

    @Test
    void givenAnEventMissingFromTheTopicThenItsIncidentAndSequenceAreNamed() {
        List<IncidentEventEnvelope> history = history();
        List<Object> delivered = new ArrayList<>(history);
        delivered.remove(1);
        publish(delivered, List.of());

        assertThat(verify(1)).contains("BROKEN: incident " + history.get(1).incidentId() + " sequence 1: missing");
    }

    @Test
    void givenAWholeIncidentRewrittenConsistentlyThenTheSignedCheckpointStillGivesItAway() {
        List<IncidentEventEnvelope> history = history();
        Map<String, Object> signed = checkpoint(history, signer);
        // someone with write access rewrites incident 2 and recomputes its whole chain
        List<IncidentEventEnvelope> rewritten = new ArrayList<>(history.subList(0, 3));
        String previous = EventHashes.GENESIS;
        for (int sequence = 0; sequence < 3; sequence++) {
            IncidentEventEnvelope original = history.get(3 + sequence);
            NoteAdded note = new NoteAdded(original.incidentId(), "SCH-A", DSL, original.recordedAt(),
                    Sealed.ciphertext("cmV3cml0dGVu"));
            IncidentEventEnvelope envelope = EventHashes.envelope(original.eventId(), sequence, note, previous,
                    original.position(), JSON);
            rewritten.add(envelope);
            previous = envelope.hash();
        }
        publish(new ArrayList<>(rewritten), List.of(signed));

        assertThat(verify(1)).contains("BROKEN: checkpoint over 6 events: its root is not the tree head of those events");
    }

    @Test
    void givenACheckpointNotSignedByThePublishedKeyThenItIsRefused() {
        List<IncidentEventEnvelope> history = history();
        publish(new ArrayList<>(history), List.of(checkpoint(history, keyPair())));

        assertThat(verify(1)).contains("its signature does not hold for the given key");
    }

    @Test
    void aWrongCommandLineIsExitStatusTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Verifier.run(new String[]{"--bootstrap-servers"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
    }

    /** Client properties as an auditor's file would give them (here no login: the test broker is PLAINTEXT). */
    private static String clientConfig() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("verifier", ".properties");
            java.nio.file.Files.writeString(file, "client.id=verifier-test\nsecurity.protocol=PLAINTEXT\n");
            return file.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String bootstrap() {
        return SharedTestInfrastructure.kafka().bootstrapServers();
    }

    private static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sign(KeyPair key, String body) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key.getPrivate());
            signature.update(body.getBytes(StandardCharsets.UTF_8));
            return signature.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rawPublicKey(KeyPair key) {
        byte[] encoded = key.getPublic().getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }
}
