package org.safecase.query.projection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safecase.query.support.QueryServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes queued during a poll are regrouped into batches, never reordered within an incident. */
class ProjectionStatementsTest extends QueryServiceTest {

    private static final String TABLE = "public.projection_statements_test";
    private static final String APPEND_A = "UPDATE " + TABLE + " SET steps = steps || 'a' WHERE incident_id = ?";
    private static final String APPEND_B = "UPDATE " + TABLE + " SET steps = steps || 'b' WHERE incident_id = ?";
    private static final String APPEND_NAMED = "UPDATE " + TABLE + " SET steps = steps || :step WHERE incident_id = :incident";

    @Autowired
    ProjectionStatements statements;

    @Autowired
    TransactionTemplate transactions;

    @BeforeEach
    void createTable() {
        jdbc.execute("CREATE TABLE " + TABLE + " (incident_id UUID PRIMARY KEY, steps TEXT NOT NULL)");
    }

    @AfterEach
    void dropTable() {
        jdbc.execute("DROP TABLE " + TABLE);
    }

    @Test
    void givenInterleavedWritesOfSeveralIncidentsThenEachIncidentsWritesTakeEffectInTheOrderTheyWereMade() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();

        transactions.executeWithoutResult(status -> {
            statements.open();
            for (UUID incident : List.of(first, second, third)) {
                statements.update(incident, "INSERT INTO " + TABLE + " (incident_id, steps) VALUES (?, '')", incident);
            }
            statements.update(first, APPEND_A, first);
            statements.update(second, APPEND_B, second);
            statements.update(first, APPEND_B, first);
            statements.update(third, APPEND_NAMED, new MapSqlParameterSource("incident", third).addValue("step", "n"));
            statements.update(second, APPEND_A, second);
            statements.update(first, APPEND_A, first);
            statements.update(third, APPEND_A, third);
            statements.update(first, APPEND_NAMED, new MapSqlParameterSource("incident", first).addValue("step", "n"));
            statements.update(third, APPEND_B, third);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + TABLE, Long.class))
                    .as("nothing is sent before the flush").isZero();
            statements.flush();
        });

        assertThat(steps(first)).isEqualTo("aban");
        assertThat(steps(second)).isEqualTo("ba");
        assertThat(steps(third)).isEqualTo("nab");
    }

    @Test
    void givenNoOpenBatchThenAWriteTakesEffectAtOnce() {
        UUID incident = UUID.randomUUID();

        transactions.executeWithoutResult(status -> {
            statements.update(incident, "INSERT INTO " + TABLE + " (incident_id, steps) VALUES (?, 'x')", incident);
            assertThat(steps(incident)).isEqualTo("x");
        });
    }

    private String steps(UUID incident) {
        return jdbc.queryForObject("SELECT steps FROM " + TABLE + " WHERE incident_id = ?", String.class, incident);
    }
}
