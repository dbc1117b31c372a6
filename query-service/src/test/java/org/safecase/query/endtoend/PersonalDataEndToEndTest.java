package org.safecase.query.endtoend;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.events.Sealed;
import org.safecase.localstack.Http;
import org.safecase.localstack.Http.Response;
import org.safecase.localstack.RawTopic;
import org.safecase.localstack.Reachability;
import org.safecase.localstack.SharedTestInfrastructure;
import org.safecase.query.support.QueryServiceTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Both services end to end, on the real event store, topic and projections: personal data is stored and
 * published only as ciphertext, authorised readers read it, and after erasure and disposal it is nowhere,
 * not even in projections rebuilt from the beginning of the topic, while the history and the figures stay.
 */
class PersonalDataEndToEndTest extends QueryServiceTest {

    private static CommandServiceProcess commandService;

    @BeforeAll
    static void startCommandService() {
        commandService = CommandServiceProcess.start();
    }

    @AfterAll
    static void stopCommandService() {
        if (commandService != null) {
            commandService.close();
        }
    }

    /** The service as the local stack launches it, with the public demo passwords: reachable from this machine only. */
    @Test
    void theCommandServiceLaunchedAsTheLocalStackDoesAnswersOnLoopbackOnly() {
        List<InetAddress> outside = Reachability.outsideAddresses();
        assumeFalse(outside.isEmpty(), "this machine has no address but loopback");

        assertThat(Reachability.accepts(InetAddress.getLoopbackAddress(), commandService.port())).isTrue();
        assertThat(outside).noneMatch(address -> Reachability.accepts(address, commandService.port()));
    }

    @Test
    void givenMarkersInEveryPersonalFieldWhenErasedAndDisposedThenNoStoreTopicReadOrRebuiltProjectionHoldsThem() {
        String marker = "MARKER" + UUID.randomUUID().toString().replace("-", "");
        String reference = "UPN-" + marker;
        String otherPupil = "UPN-OTHER-" + UUID.randomUUID();
        Http commands = commandService.http();
        Response reported = commands.post("/api/v1/incidents", "dsl.a", """
                {"schoolId": "SCH-A", "category": "INA-CYBERBULLY", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "Summary %1$s", "offSite": true,
                 "subjects": [{"type": "PUPIL", "reference": "%2$s", "involvement": "AFFECTED", "yearGroup": "Y6",
                               "dateOfBirth": "2015-04-01"},
                              {"type": "PUPIL", "reference": "%3$s", "involvement": "ALLEGED"}]}
                """.formatted(marker, reference, otherPupil));
        assertThat(reported.status()).isEqualTo(201);
        UUID id = UUID.fromString(reported.json().get("incidentId").asString());
        String path = "/api/v1/incidents/" + id;
        assertThat(commands.post(path + "/sanctions", "dsl.a", """
                {"subjectReference": "%s", "type": "DETENTION", "startsOn": "2026-11-21", "notes": "Notes %s"}
                """.formatted(reference, marker)).status()).isEqualTo(200);
        assertThat(commands.post(path + "/notes", "dsl.a", "{\"text\": \"Note %s\"}".formatted(marker)).status())
                .isEqualTo(200);
        assertThat(commands.post(path + "/closure", "dsl.a", """
                {"outcome": "INTERNAL_ACTION", "summary": "Closed %s"}""".formatted(marker)).status()).isEqualTo(200);

        // authorised readers read the plaintext
        // the first events of a freshly started command service may take longer than one bounded wait
        Response timeline = eventually(() -> http().get(path + "/timeline?minVersion=3", "dsl.a"),
                read -> "true".equals(read.header("Safecase-Consistent")));
        assertThat(timeline.raw().body()).contains("Summary " + marker, "Notes " + marker, reference);
        List<JsonNode> sanctions = http().get("/api/v1/subjects/" + reference + "/sanctions", "dsl.a").json()
                .valueStream().toList();
        assertThat(sanctions).hasSize(1);
        Response events = commands.get(path + "/events", "auditor");
        assertThat(events.raw().body()).contains("Summary " + marker, reference, "2015-04-01");
        List<String> eventIds = events.json().valueStream().map(e -> e.get("eventId").asString()).toList();

        // the event store and the topic hold ciphertext only
        assertThat(storedPayloads(id)).hasSize(4).allSatisfy(payload -> assertThat(payload).doesNotContain(marker)
                .doesNotContain(otherPupil).doesNotContain("2015-04-01"));
        List<String> published = RawTopic.recordsOf(SharedTestInfrastructure.kafka(), IncidentEventEnvelope.TOPIC, id.toString(), 4);
        assertThat(published).hasSize(4).allSatisfy(record -> assertThat(record).doesNotContain(marker)
                .doesNotContain(otherPupil).doesNotContain("2015-04-01").contains("ciphertext"));
        String statisticsBefore = statisticsRow(generations.activeSchema(), id);

        // the DPO erases the pupil, then disposes of the incident
        Response erased = commands.post("/api/v1/subjects/" + reference + "/erasure", "dpo.trust",
                "{\"schoolId\": \"SCH-A\", \"reason\": \"Art. 17 request DPO-1\"}");
        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("incidents").valueStream().map(JsonNode::asString)).containsExactly(id.toString());
        assertThat(commands.post("/api/v1/subjects/" + reference + "/erasure", "dpo.trust",
                "{\"schoolId\": \"SCH-A\", \"reason\": \"again\"}").json().get("incidents").isEmpty()).isTrue();
        assertThat(commands.post(path + "/disposal", "dpo.trust", "{\"reason\": \"Retention reviewed\"}").status())
                .isEqualTo(200);
        awaitVersion(id, 5);

        // every path now shows the marker nowhere, and the history keeps its ids and sequences
        assertThat(http().get(path + "/timeline", "dsl.a").raw().body()).doesNotContain(marker).contains(Sealed.ERASED);
        assertThat(http().get("/api/v1/subjects/" + reference + "/sanctions", "dsl.a").json().isEmpty()).isTrue();
        Response afterwards = commands.get(path + "/events", "auditor");
        assertThat(afterwards.raw().body()).doesNotContain(marker).doesNotContain(otherPupil).contains(Sealed.ERASED);
        assertThat(afterwards.json().valueStream().map(e -> e.get("eventId").asString()).limit(4)).containsExactlyElementsOf(eventIds);
        assertThat(afterwards.json().valueStream().map(e -> e.get("sequence").asLong())).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(commands.get("/api/v1/subjects/" + reference + "/export?schoolId=SCH-A", "dpo.trust").json()
                .get("incidents").isEmpty()).isTrue();

        // a rebuild from the beginning of the topic brings none of it back, and the figures are the same
        String before = generations.activeSchema();
        assertThat(http().post("/actuator/projections", "operator", "").status()).isEqualTo(200);
        JsonNode done = eventually(() -> http().get("/actuator/projections", "operator").json(),
                status -> status.get("rebuild").get("status").asString().matches("SWITCHED|FAILED"));
        assertThat(done.get("rebuild").get("status").asString()).isEqualTo("SWITCHED");
        String rebuilt = done.get("activeSchema").asString();
        assertThat(rebuilt).isNotEqualTo(before);
        generations.refresh();
        for (String schema : List.of(before, rebuilt)) {
            assertThat(everyRow(schema)).as(schema).doesNotContain(marker).doesNotContain(reference);
        }
        assertThat(statisticsRow(rebuilt, id)).isEqualTo(statisticsBefore);
        assertThat(http().get(path + "/timeline", "dsl.a").raw().body()).doesNotContain(marker).contains(Sealed.ERASED);
    }

    private void awaitVersion(UUID id, long version) {
        eventually(() -> jdbc.queryForList("SELECT last_sequence FROM " + generations.activeSchema()
                + ".incident_checkpoint WHERE incident_id = ?", Long.class, id).stream().findFirst().orElse(-1L),
                projected -> projected >= version);
    }

    private static List<String> storedPayloads(UUID id) {
        JdbcTemplate store = new JdbcTemplate(new DriverManagerDataSource(commandService.jdbcUrl(),
                SharedTestInfrastructure.postgres().username(), ""));
        return store.query("SELECT payload, meta_data FROM domain_event_entry WHERE aggregate_identifier = ?",
                (rs, row) -> new String(rs.getBytes("payload"), StandardCharsets.UTF_8)
                        + new String(rs.getBytes("meta_data") == null ? new byte[0] : rs.getBytes("meta_data"),
                        StandardCharsets.UTF_8), id.toString());
    }

    private String everyRow(String schema) {
        StringBuilder rows = new StringBuilder();
        for (String table : jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'""",
                String.class, schema)) {
            jdbc.queryForList("SELECT t::text FROM %s.%s t".formatted(schema, table), String.class).forEach(rows::append);
        }
        return rows.toString();
    }

    private String statisticsRow(String schema, UUID id) {
        return jdbc.queryForObject("""
                SELECT school_id || period || classification || category || coalesce(outcome, '')
                FROM %s.statistics_incident WHERE incident_id = ?""".formatted(schema), String.class, id);
    }
}
