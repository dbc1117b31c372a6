package org.safecase.command.eventstore;

import org.junit.jupiter.api.Test;
import org.safecase.command.support.CommandServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.command.support.Reports.report;
import static org.safecase.command.support.Reports.uniqueReference;

class EventStoreSchemaTest extends CommandServiceTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void payloadsMetadataAndTokensAreByteaNotLargeObjects() {
        List<Map<String, Object>> columns = jdbc.queryForList("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = 'public' AND column_name IN ('payload', 'meta_data', 'token', 'serialized_saga', 'diagnostics')""");

        assertThat(columns).hasSizeGreaterThanOrEqualTo(8);
        assertThat(columns).allSatisfy(column -> assertThat(column.get("data_type")).as(column.toString()).isEqualTo("bytea"));
    }

    @Test
    void storingEventsAndMovingTokensCreatesNoLargeObjects() {
        for (int i = 0; i < 5; i++) {
            String id = http().post("/api/v1/incidents", "dsl.a", report("INA-CYBERBULLY", "PUPIL", uniqueReference()))
                    .json().get("incidentId").asString();
            http().post("/api/v1/incidents/" + id + "/notes", "dsl.a", "{\"text\": \"n\"}");
        }

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isGreaterThanOrEqualTo(10);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry", Long.class)).isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_largeobject_metadata", Long.class)).isZero();
    }

    @Test
    void theGlobalSequenceIncrementsByOne() {
        Long increment = jdbc.queryForObject(
                "SELECT increment_by FROM pg_sequences WHERE sequencename = 'domain_event_entry_seq'", Long.class);

        assertThat(increment).isEqualTo(1);
    }

    @Test
    void flywayOwnsTheSchemaAndHibernateOnlyValidatesIt() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Long.class))
                .isGreaterThanOrEqualTo(2);
    }
}
