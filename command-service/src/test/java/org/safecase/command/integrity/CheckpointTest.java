package org.safecase.command.integrity;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.events.CheckpointNotes;
import org.safecase.events.MerkleTree;
import org.safecase.localstack.Http.Response;
import org.safecase.localstack.RawTopic;
import org.safecase.localstack.SharedTestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Signed checkpoints over the integrity log: each signature checks with the published key, each root is the
 * tree head of the published leaves, each checkpoint provably extends the one before, and a copy of each
 * goes to its own topic.
 */
class CheckpointTest extends CommandServiceTest {

    @Autowired
    Checkpoints checkpoints;

    @Autowired
    JsonMapper json;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    /** Reports an incident and waits until the forwarder has put its event into the integrity log. */
    private String forwardedIncident() {
        String id = http().post("/api/v1/incidents", "dsl.a", """
                {"schoolId": "SCH-A", "category": "INA-CYBERBULLY", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "What happened", "subjects": [{"type": "PUPIL", "reference": "UPN-%s"}]}"""
                .formatted(UUID.randomUUID())).json().get("incidentId").asString();
        String eventId = http().get("/api/v1/incidents/" + id + "/events", "auditor").json().get(0).get("eventId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> leaves().stream().anyMatch(l -> l.get("eventId").asString().equals(eventId)));
        return id;
    }

    private List<JsonNode> leaves() {
        List<JsonNode> all = new ArrayList<>();
        long after = -1;
        while (true) {
            JsonNode page = http().get("/api/v1/audit/leaves?after=" + after + "&limit=500", "auditor").json();
            page.get("items").forEach(all::add);
            if (page.get("next") == null || page.get("next").isNull()) {
                return all;
            }
            after = page.get("next").asLong();
        }
    }

    private JsonNode latest() {
        Response latest = http().get("/api/v1/audit/checkpoints/latest", "auditor");
        assertThat(latest.status()).isEqualTo(200);
        return latest.json();
    }

    @Test
    void givenAKeyThatSignedBeforeARotationThenAuditorsStillGetItAsRetiredBesideTheCurrentOne() {
        forwardedIncident();
        checkpoints.checkpoint();
        String retiredKey = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        jdbc.update("""
                INSERT INTO integrity_signing_key (key_id, algorithm, public_key, first_used)
                VALUES ('0badc0de', 'Ed25519', ?, now() - interval '1 year') ON CONFLICT DO NOTHING""", retiredKey);

        JsonNode keys = http().get("/api/v1/audit/keys", "auditor").json();

        assertThat(keys.get(0).get("status").asString()).isEqualTo("CURRENT");
        assertThat(keys.get(0).get("keyId").asString()).isEqualTo(latest().get("keyId").asString());
        assertThat(keys.valueStream().filter(k -> k.get("keyId").asString().equals("0badc0de")))
                .singleElement().satisfies(k -> {
                    assertThat(k.get("status").asString()).isEqualTo("RETIRED");
                    assertThat(k.get("publicKey").asString()).isEqualTo(retiredKey);
                });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM integrity_signing_key WHERE key_id = ?", Long.class,
                keys.get(0).get("keyId").asString())).as("the current key is recorded when it signs").isOne();
        assertThatThrownBy(() -> jdbc.update("DELETE FROM integrity_signing_key WHERE key_id = '0badc0de'"))
                .as("the keys are append-only").isInstanceOf(org.springframework.dao.DataAccessException.class);
    }

    @Test
    void givenACheckpointThenItsSignatureChecksWithThePublishedKeyAndItsRootIsTheTreeHeadOfTheLeaves() {
        forwardedIncident();
        checkpoints.checkpoint();

        JsonNode checkpoint = latest();
        JsonNode key = http().get("/api/v1/audit/keys", "auditor").json().get(0);
        List<JsonNode> leaves = leaves().subList(0, checkpoint.get("treeSize").asInt());

        assertThat(key.get("algorithm").asString()).isEqualTo("Ed25519");
        assertThat(checkpoint.get("keyId").asString()).isEqualTo(key.get("keyId").asString());
        String body = CheckpointNotes.body(checkpoint.get("origin").asString(), checkpoint.get("treeSize").asLong(),
                HexFormat.of().parseHex(checkpoint.get("rootHash").asString()), Instant.parse(checkpoint.get("signedAt").asString()));
        String otherSize = CheckpointNotes.body(checkpoint.get("origin").asString(), checkpoint.get("treeSize").asLong() + 1,
                HexFormat.of().parseHex(checkpoint.get("rootHash").asString()), Instant.parse(checkpoint.get("signedAt").asString()));
        assertThat(CheckpointNotes.verifies(key.get("publicKey").asString(), body, checkpoint.get("signature").asString()))
                .isTrue();
        assertThat(CheckpointNotes.verifies(key.get("publicKey").asString(), otherSize, checkpoint.get("signature").asString()))
                .isFalse();
        assertThat(checkpoint.get("note").asString()).startsWith(body);
        List<byte[]> leafHashes = leaves.stream()
                .map(leaf -> MerkleTree.leafHash(HexFormat.of().parseHex(leaf.get("hash").asString()))).toList();
        assertThat(HexFormat.of().formatHex(MerkleTree.root(leafHashes))).isEqualTo(checkpoint.get("rootHash").asString());
        assertThat(checkpoint.get("position").asLong()).isEqualTo(checkpoint.get("treeSize").asLong() - 1);
    }

    @Test
    void givenMoreEventsThenTheNextCheckpointProvablyExtendsTheOneBeforeAndBothAreOnTheirTopic() {
        forwardedIncident();
        checkpoints.checkpoint();
        JsonNode earlier = latest();
        forwardedIncident();
        checkpoints.checkpoint();
        JsonNode later = latest();

        long first = earlier.get("treeSize").asLong();
        long second = later.get("treeSize").asLong();
        JsonNode proof = http().get("/api/v1/audit/checkpoints/consistency?first=" + first + "&second=" + second, "auditor")
                .json();
        List<byte[]> nodes = proof.get("proof").valueStream().map(n -> HexFormat.of().parseHex(n.asString())).toList();

        assertThat(second).isGreaterThan(first);
        assertThat(MerkleTree.verifyConsistency(first, second, HexFormat.of().parseHex(earlier.get("rootHash").asString()),
                HexFormat.of().parseHex(later.get("rootHash").asString()), nodes)).isTrue();
        List<String> published = RawTopic.valuesOf(SharedTestInfrastructure.kafka(), Checkpoints.TOPIC,
                Long.toString(second), 1);
        assertThat(published).hasSize(1);
        assertThat(json.readTree(published.get(0)).get("rootHash").asString()).isEqualTo(later.get("rootHash").asString());
    }

    private byte[] treeHeadOfTheLeaves(long size) {
        return MerkleTree.root(leaves().subList(0, Math.toIntExact(size)).stream()
                .map(leaf -> MerkleTree.leafHash(HexFormat.of().parseHex(leaf.get("hash").asString()))).toList());
    }

    @Test
    void givenACheckpointKeptItsCompactTreeThenTheNextExtendsItToTheTreeHeadOfAllTheLeaves() {
        forwardedIncident();
        checkpoints.checkpoint();
        long earlier = latest().get("treeSize").asLong();
        forwardedIncident();
        checkpoints.checkpoint();
        JsonNode later = latest();

        byte[] kept = jdbc.queryForObject("SELECT frontier FROM integrity_checkpoint WHERE tree_size = ?", byte[].class,
                earlier);
        assertThat(kept).as("one subtree root per binary digit 1 of the size").hasSize(Long.bitCount(earlier) * 32);
        assertThat(later.get("rootHash").asString())
                .isEqualTo(HexFormat.of().formatHex(treeHeadOfTheLeaves(later.get("treeSize").asLong())));
    }

    @Test
    void givenAKeptTreeThatNoLongerGivesItsSignedRootThenTheNextCheckpointStillSignsTheLeavesOwnTreeHead() {
        forwardedIncident();
        checkpoints.checkpoint();
        long damaged = latest().get("treeSize").asLong();
        // as only a determined superuser could: the append-only trigger switched off for one update
        eventStoreAs(SharedTestInfrastructure.postgres().username()).execute("""
                ALTER TABLE integrity_checkpoint DISABLE TRIGGER integrity_checkpoint_append_only;
                UPDATE integrity_checkpoint SET frontier = decode(repeat('00', length(frontier)), 'hex')
                WHERE tree_size = %d;
                ALTER TABLE integrity_checkpoint ENABLE ALWAYS TRIGGER integrity_checkpoint_append_only""".formatted(damaged));
        forwardedIncident();
        checkpoints.checkpoint();
        JsonNode later = latest();

        assertThat(later.get("treeSize").asLong()).isGreaterThan(damaged);
        assertThat(later.get("rootHash").asString())
                .isEqualTo(HexFormat.of().formatHex(treeHeadOfTheLeaves(later.get("treeSize").asLong())));
    }

    @Test
    void anEventsPositionOnTheTopicIsItsLeafInTheIntegrityLog() {
        String id = forwardedIncident();

        JsonNode event = http().get("/api/v1/incidents/" + id + "/events", "auditor").json().get(0);
        JsonNode leaf = leaves().stream().filter(l -> l.get("eventId").asString().equals(event.get("eventId").asString()))
                .findFirst().orElseThrow();

        assertThat(event.get("position").asLong()).isEqualTo(leaf.get("position").asLong());
        assertThat(leaf.get("hash").asString()).isEqualTo(event.get("hash").asString());
    }

    @Test
    void givenTheTrustsEventsThenTheAuditFeedPagesThemInTheLogsOrderSealedAndVerifiable() {
        String id = forwardedIncident();

        List<JsonNode> feed = new ArrayList<>();
        Long after = -1L;
        while (after != null) {
            JsonNode page = http().get("/api/v1/audit/events?schoolId=SCH-A&limit=50&after=" + after, "auditor").json();
            page.get("items").forEach(feed::add);
            after = page.get("next") == null || page.get("next").isNull() ? null : page.get("next").asLong();
        }

        JsonNode reported = feed.stream().filter(e -> e.get("incidentId").asString().equals(id)).findFirst().orElseThrow();
        assertThat(reported.get("payload").get("summary").has("ciphertext")).isTrue();
        assertThat(org.safecase.events.EventHashes.hashMatches(reported)).isTrue();
        assertThat(feed).extracting(e -> e.get("position").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(feed).allSatisfy(e -> assertThat(e.get("schoolId").asString()).isEqualTo("SCH-A"));
        assertThat(http().get("/api/v1/audit/events?schoolId=SCH-Z", "auditor").status()).isEqualTo(403);
        assertThat(http().get("/api/v1/audit/events?limit=0", "auditor").status()).isEqualTo(400);
    }

    @Test
    void onlyAuditorsReadTheIntegrityLog() {
        for (String user : List.of("dsl.a", "head.a", "integration.a", "governor.a", "operator", "dpo.trust")) {
            assertThat(http().get("/api/v1/audit/keys", user).status()).as(user).isEqualTo(403);
            assertThat(http().get("/api/v1/audit/leaves", user).status()).as(user).isEqualTo(403);
            assertThat(http().get("/api/v1/audit/events", user).status()).as(user).isEqualTo(403);
        }
        assertThat(http().get("/api/v1/audit/checkpoints/consistency?first=0&second=1", "auditor").status()).isEqualTo(400);
    }
}
