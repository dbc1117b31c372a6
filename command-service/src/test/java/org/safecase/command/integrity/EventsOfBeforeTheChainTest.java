package org.safecase.command.integrity;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.safecase.localstack.Http.Response;
import org.safecase.localstack.LocalPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored before personal fields were encrypted (revision 1, in clear) and before the hash chain:
 * they still load and read, the one-time step gives them their chain, and the incident takes new changes.
 */
class EventsOfBeforeTheChainTest extends CommandServiceTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStore eventStore;

    @Autowired
    JsonMapper json;

    /** The one-time step as an operator runs it: under the event store owner's login. */
    private ChainBackfill backfill() {
        JdbcTemplate owner = eventStoreAs(LocalPostgres.OWNER);
        return new ChainBackfill(eventStore, owner, json,
                new TransactionTemplate(new DataSourceTransactionManager(owner.getDataSource())), false);
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

        backfill().backfill(); // the documented one-time step, run as the tables' owner as the README says
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
        assertThat(backfill().backfill()).as("idempotent").isZero();
    }
}
