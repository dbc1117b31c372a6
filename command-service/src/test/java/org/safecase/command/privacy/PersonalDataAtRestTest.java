package org.safecase.command.privacy;

import org.junit.jupiter.api.Test;
import org.safecase.command.integrity.ChainBackfill;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.events.IncidentEventEnvelope;
import org.safecase.localstack.Http.Response;
import org.safecase.localstack.RawTopic;
import org.safecase.localstack.SharedTestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal data is encrypted before it is stored or published: the raw bytes of the event store, of the
 * topic and of the privacy database hold no trace of it, while an authorised reader reads it.
 */
class PersonalDataAtRestTest extends CommandServiceTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChainBackfill backfill;

    @Test
    void givenMarkersInASummaryAReferenceAndANoteThenNeitherTheStoreNorTheTopicNorTheKeyStoreHoldsThem() {
        String marker = "MARKER" + UUID.randomUUID().toString().replace("-", "");
        String yearGroup = "Y" + UUID.randomUUID().toString().substring(0, 8);
        Response created = http().post("/api/v1/incidents", "dsl.a", """
                {"schoolId": "SCH-A", "category": "ILL-GROOMING", "occurredAt": "2026-11-20T10:15:00Z",
                 "summary": "Summary %1$s",
                 "subjects": [{"type": "PUPIL", "reference": "UPN-%1$s", "yearGroup": "%3$s", "dateOfBirth": "2014-02-03"}],
                 "source": {"system": "CPOMS", "reference": "7731-%2$s"}}""".formatted(marker, UUID.randomUUID(), yearGroup));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("incidentId").asString();
        String path = "/api/v1/incidents/" + id;
        http().post(path + "/police-referrals", "dsl.a", """
                {"force": "West Midlands Police", "crimeReference": "CR-%1$s", "referredAt": "2026-11-20T11:00:00Z",
                 "notes": "Notes %1$s"}""".formatted(marker));
        http().post(path + "/sanctions", "dsl.a", """
                {"subjectReference": "UPN-%1$s", "type": "DETENTION", "startsOn": "2026-11-21", "notes": "Sanction %1$s"}"""
                .formatted(marker));
        assertThat(http().post(path + "/notes", "dsl.a", "{\"text\": \"Note %s\"}".formatted(marker)).json()
                .get("version").asLong()).isEqualTo(3);

        List<String> stored = jdbc.query("SELECT payload, meta_data FROM domain_event_entry WHERE aggregate_identifier = ?",
                (rs, row) -> new String(rs.getBytes("payload"), StandardCharsets.UTF_8)
                        + new String(rs.getBytes("meta_data"), StandardCharsets.UTF_8), id);
        List<String> published = RawTopic.recordsOf(SharedTestInfrastructure.kafka(), IncidentEventEnvelope.TOPIC, id, 4);
        JdbcTemplate privacy = new JdbcTemplate(new DriverManagerDataSource(
                SharedTestInfrastructure.database("safecase_privacy"), SharedTestInfrastructure.postgres().username(), ""));
        String keyStore = String.join("\n", privacy.queryForList("SELECT t::text FROM data_key t", String.class))
                + privacy.queryForList("SELECT t::text FROM subject_index t", String.class);

        assertThat(stored).hasSize(4).allSatisfy(row -> assertThat(row).doesNotContain(marker).doesNotContain(yearGroup)
                .doesNotContain("2014-02-03"));
        assertThat(published).hasSize(4).allSatisfy(record -> assertThat(record).doesNotContain(marker)
                .doesNotContain(yearGroup).doesNotContain("2014-02-03"));
        assertThat(keyStore).doesNotContain(marker);
        // codes, dates, categories and identifiers stay clear for routing, rules and statistics
        assertThat(stored.get(0)).contains("ILL-GROOMING", "2026-11-20T10:15:00Z", "PUPIL", "\"ciphertext\"");
        assertThat(stored.get(1)).contains("West Midlands Police");
        // and an authorised reader reads every field
        String read = http().get(path + "/events", "auditor").raw().body();
        assertThat(read).contains("Summary " + marker, "UPN-" + marker, yearGroup, "2014-02-03", "CR-" + marker,
                "Notes " + marker, "Sanction " + marker, "Note " + marker);
    }

    @Test
    void givenAnEventWrittenInClearBeforeEncryptionThenItStillLoadsReadsAndTakesNewChanges() {
        String id = UUID.randomUUID().toString();
        String payload = """
                {"incidentId": "%s", "schoolId": "SCH-A", "actor": {"userId": "staff.a", "role": "STAFF"},
                 "recordedAt": "2026-01-10T09:00:00Z",
                 "category": {"code": "INA-CYBERBULLY", "name": "Cyber-bullying", "classification": "INAPPROPRIATE",
                              "requirements": [], "catalogueVersion": "2026.1"},
                 "occurredAt": "2026-01-10T08:00:00Z", "summary": "Written in clear in revision 1",
                 "subjects": [{"type": "PUPIL", "reference": "UPN-LEGACY-1", "involvement": "AFFECTED", "yearGroup": "Y5"}],
                 "offSite": false, "source": null, "allegationAgainstStaff": false, "suggestedReferrals": []}
                """.formatted(id);
        jdbc.update("""
                INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, type,
                                                payload_type, payload_revision, payload, meta_data, time_stamp)
                VALUES (nextval('domain_event_entry_seq'), ?, ?, 0, 'Incident', 'org.safecase.events.IncidentReported', '1',
                        ?, ?, '2026-01-10T09:00:00Z')""",
                UUID.randomUUID().toString(), id, payload.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        backfill.backfill(); // the documented one-time step that gives events of before the hash chain theirs
        JsonNode events = http().get("/api/v1/incidents/" + id + "/events", "auditor").json();
        Response note = http().post("/api/v1/incidents/" + id + "/notes", "dsl.a", "{\"text\": \"Added after the upgrade\"}");

        assertThat(events.get(0).get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(events.get(0).get("payload").get("summary").asString()).isEqualTo("Written in clear in revision 1");
        assertThat(events.get(0).get("payload").get("subjects").get(0).get("reference").asString()).isEqualTo("UPN-LEGACY-1");
        assertThat(events.get(0).get("payload").get("subjects").get(0).get("subjectId").asString()).isNotBlank();
        assertThat(note.status()).isEqualTo(200);
        assertThat(note.json().get("version").asLong()).isEqualTo(1);
        assertThat(http().get("/api/v1/incidents/" + id + "/events", "auditor").json().get(1).get("payload").get("text")
                .asString()).isEqualTo("Added after the upgrade");
        JsonNode verified = http().get("/api/v1/incidents/" + id + "/verification", "auditor").json();
        assertThat(verified.get("valid").asBoolean()).isTrue();
        assertThat(verified.get("events").asInt()).isEqualTo(2);
        assertThat(backfill.backfill()).as("idempotent").isZero();
    }
}
