package org.safecase.command.integrity;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.events.EventHashes;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.localstack.Http.Response;
import org.safecase.localstack.RawTopic;
import org.safecase.localstack.SharedTestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every appended event is chained to the one before; an auditor's verification names the first broken link. */
class HashChainTest extends CommandServiceTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    private String reportWithChanges() {
        String id = http().post("/api/v1/incidents", "dsl.a", """
                {"schoolId": "SCH-A", "category": "INA-CYBERBULLY", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "What happened", "subjects": [{"type": "PUPIL", "reference": "UPN-%s"}]}"""
                .formatted(UUID.randomUUID())).json().get("incidentId").asString();
        http().post("/api/v1/incidents/" + id + "/escalations", "dsl.a", "{\"to\": \"DSL\", \"reason\": \"threats\"}");
        http().post("/api/v1/incidents/" + id + "/notes", "dsl.a", "{\"text\": \"parents told\"}");
        return id;
    }

    private JsonNode verification(String id, String user) {
        Response response = http().get("/api/v1/incidents/" + id + "/verification", user);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void givenAnIncidentsEventsThenEachNamesTheHashOfTheOneBeforeAndTheChainVerifies() {
        String id = reportWithChanges();

        List<JsonNode> events = http().get("/api/v1/incidents/" + id + "/events", "auditor").json().valueStream().toList();
        JsonNode verified = verification(id, "auditor");

        assertThat(events).hasSize(3);
        assertThat(events.get(0).get("previousHash").asString()).isEqualTo(EventHashes.GENESIS);
        assertThat(events.get(1).get("previousHash").asString()).isEqualTo(events.get(0).get("hash").asString());
        assertThat(events.get(2).get("previousHash").asString()).isEqualTo(events.get(1).get("hash").asString());
        assertThat(events).allSatisfy(e -> assertThat(e.get("hash").asString()).matches("[0-9a-f]{64}"));
        assertThat(verified.get("valid").asBoolean()).isTrue();
        assertThat(verified.get("events").asInt()).isEqualTo(3);
        assertThat(verified.get("headHash").asString()).isEqualTo(events.get(2).get("hash").asString());
        assertThat(verified.has("brokenAt")).isFalse();
    }

    @Test
    void givenARecordOnTheTopicThenItsHashIsTheHashOfItsPublishedContent() {
        String id = reportWithChanges();

        List<String> records = RawTopic.valuesOf(SharedTestInfrastructure.kafka(), IncidentEventEnvelope.TOPIC, id, 3);

        assertThat(records).hasSize(3);
        for (String record : records) {
            assertThat(EventHashes.hashMatches(json.readTree(record))).as(record).isTrue();
            assertThat(json.readTree(record).get("position").asLong()).as("its leaf in the integrity log").isNotNegative();
        }
    }

    @Test
    void givenAnEventAlteredInTheStoreBySomeoneWithDatabaseAccessThenVerificationNamesItsSequence() {
        String id = reportWithChanges();
        byte[] stored = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = 1", byte[].class, id);
        String altered = new String(stored, StandardCharsets.UTF_8).replace("\"DSL\"", "\"HEAD_TEACHER\"");
        assertThat(altered).isNotEqualTo(new String(stored, StandardCharsets.UTF_8));

        tamperAsSuperuser("UPDATE domain_event_entry SET payload = ? WHERE aggregate_identifier = ? AND sequence_number = 1",
                altered.getBytes(StandardCharsets.UTF_8), id);
        JsonNode verified = verification(id, "auditor");

        assertThat(verified.get("valid").asBoolean()).isFalse();
        assertThat(verified.get("brokenAt").asLong()).isEqualTo(1);
        assertThat(verified.get("reason").asString()).isEqualTo("HASH_MISMATCH");
    }

    @Test
    void givenAnEventRemovedFromTheStoreThenVerificationNamesTheGap() {
        String id = reportWithChanges();

        tamperAsSuperuser("DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1", id);
        JsonNode verified = verification(id, "auditor");

        assertThat(verified.get("valid").asBoolean()).isFalse();
        assertThat(verified.get("brokenAt").asLong()).isEqualTo(2);
        assertThat(verified.get("reason").asString()).isEqualTo("SEQUENCE_GAP");
    }

    @Test
    void givenAnErasedAndDisposedIncidentThenItsChainStillVerifies() {
        String reference = "UPN-" + UUID.randomUUID();
        String id = http().post("/api/v1/incidents", "dsl.a", """
                {"schoolId": "SCH-A", "category": "INA-CYBERBULLY", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "What happened", "subjects": [{"type": "PUPIL", "reference": "%s"}]}"""
                .formatted(reference)).json().get("incidentId").asString();
        http().post("/api/v1/incidents/" + id + "/closure", "dsl.a", "{\"outcome\": \"INTERNAL_ACTION\", \"summary\": \"done\"}");
        String before = verification(id, "auditor").get("headHash").asString();

        http().post("/api/v1/subjects/" + reference + "/erasure", "dpo.trust", "{\"schoolId\": \"SCH-A\", \"reason\": \"r\"}");
        http().post("/api/v1/incidents/" + id + "/disposal", "dpo.trust", "{\"reason\": \"retention ended\"}");
        JsonNode after = verification(id, "auditor");

        assertThat(after.get("valid").asBoolean()).isTrue();
        assertThat(after.get("events").asInt()).isEqualTo(4);
        assertThat(http().get("/api/v1/incidents/" + id + "/events", "auditor").json().get(1).get("hash").asString())
                .isEqualTo(before);
    }

    @Test
    void onlyAuditorsOfTheIncidentsTrustVerify() {
        String id = reportWithChanges();

        for (String user : List.of("dsl.a", "head.a", "staff.a", "integration.a", "governor.a", "operator", "dpo.trust")) {
            assertThat(http().get("/api/v1/incidents/" + id + "/verification", user).status()).as(user).isEqualTo(403);
        }
        assertThat(http().get("/api/v1/incidents/" + UUID.randomUUID() + "/verification", "auditor").status())
                .isEqualTo(404);
    }
}
