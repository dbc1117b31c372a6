package org.safecase.command.privacy;

import org.junit.jupiter.api.Test;
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
        assertThat(http().post(path + "/corrections", "dsl.a", """
                {"field": "summary", "value": "Corrected %1$s", "reason": "Reason %1$s"}""".formatted(marker)).json()
                .get("version").asLong()).isEqualTo(4);
        assertThat(http().post(path + "/subjects", "dsl.a", """
                {"type": "PUPIL", "reference": "Added-%1$s", "yearGroup": "%2$s", "dateOfBirth": "2014-02-03"}"""
                .formatted(marker, yearGroup)).status()).isEqualTo(200);
        assertThat(http().post(path + "/subjects/Added-" + marker + "/removal", "dsl.a", """
                {"reason": "Removed %1$s"}""".formatted(marker)).json().get("version").asLong()).isEqualTo(6);
        // the working day's records: each of their texts is a personal field too
        http().post(path + "/parent-contacts", "dsl.a", """
                {"subjectReference": "UPN-%1$s", "decision": "NOT_INFORMED", "at": "2026-11-20T12:00:00Z",
                 "rationale": "Rationale %1$s"}""".formatted(marker));
        http().post(path + "/support", "dsl.a", """
                {"subjectReference": "UPN-%1$s", "type": "COUNSELLING", "startsOn": "2026-11-23",
                 "notes": "Support %1$s"}""".formatted(marker));
        String action = http().post(path + "/actions", "dsl.a", """
                {"title": "Title %1$s", "owner": "dsl.a", "dueOn": "2030-01-01"}""".formatted(marker))
                .json().get("actionId").asString();
        http().post(path + "/actions/" + action + "/completion", "dsl.a", "{\"note\": \"Done %s\"}".formatted(marker));
        http().post(path + "/evidence", "dsl.a", """
                {"kind": "URL", "description": "Evidence %1$s", "url": "https://example.invalid/%1$s",
                 "heldAt": "Held %1$s"}""".formatted(marker));
        assertThat(http().post(path + "/devices", "dsl.a", """
                {"description": "Device %1$s", "ownerReference": "UPN-%1$s", "legalBasis": "CONSENT",
                 "seizedAt": "2026-11-20T11:30:00Z"}""".formatted(marker)).json().get("version").asLong()).isEqualTo(12);

        List<String> stored = jdbc.query("SELECT payload, meta_data FROM domain_event_entry WHERE aggregate_identifier = ?",
                (rs, row) -> new String(rs.getBytes("payload"), StandardCharsets.UTF_8)
                        + new String(rs.getBytes("meta_data"), StandardCharsets.UTF_8), id);
        List<String> published = RawTopic.recordsOf(SharedTestInfrastructure.kafka(), IncidentEventEnvelope.TOPIC, id, 13);
        JdbcTemplate privacy = new JdbcTemplate(new DriverManagerDataSource(
                SharedTestInfrastructure.database("safecase_privacy"), SharedTestInfrastructure.postgres().username(), ""));
        String keyStore = String.join("\n", privacy.queryForList("SELECT t::text FROM data_key t", String.class))
                + privacy.queryForList("SELECT t::text FROM subject_index t", String.class);

        assertThat(stored).hasSize(13).allSatisfy(row -> assertThat(row).doesNotContain(marker).doesNotContain(yearGroup)
                .doesNotContain("2014-02-03"));
        assertThat(published).hasSize(13).allSatisfy(record -> assertThat(record).doesNotContain(marker)
                .doesNotContain(yearGroup).doesNotContain("2014-02-03"));
        assertThat(keyStore).doesNotContain(marker);
        // codes, dates, categories and identifiers stay clear for routing, rules and statistics
        assertThat(stored.get(0)).contains("ILL-GROOMING", "2026-11-20T10:15:00Z", "PUPIL", "\"ciphertext\"");
        assertThat(stored.get(1)).contains("West Midlands Police");
        // and an authorised reader reads every field
        String read = http().get(path + "/events", "auditor").raw().body();
        assertThat(read).contains("Summary " + marker, "UPN-" + marker, yearGroup, "2014-02-03", "CR-" + marker,
                "Notes " + marker, "Sanction " + marker, "Note " + marker, "Corrected " + marker, "Reason " + marker, "Added-" + marker, "Removed " + marker,
                "Rationale " + marker, "Support " + marker, "Title " + marker, "Done " + marker, "Evidence " + marker,
                "https://example.invalid/" + marker, "Held " + marker, "Device " + marker);
    }

}
