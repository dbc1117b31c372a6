package org.safecase.query.projection;

import org.junit.jupiter.api.Test;
import org.safecase.query.support.QueryServiceTest;
import org.safecase.query.support.TestIncident;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.safecase.query.support.TestIncident.CYBERBULLYING;
import static org.safecase.query.support.TestIncident.pupil;
import static org.safecase.query.support.TestIncident.uniqueReference;

class ProjectionGenerationsTest extends QueryServiceTest {

    @Test
    void givenAFreshDatabaseThenTheFirstGenerationIsActiveWithEveryProjectionTable() {
        assertThat(generations.active().number()).isEqualTo(1);
        assertThat(generations.activeSchema()).isEqualTo("gen_1");
        assertThat(jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'gen_1'",
                String.class)).contains("incident_checkpoint", "dead_lettered_event", "incident_log", "timeline_entry",
                "sanction");
    }

    @Test
    void givenAStartedServiceWhenItsGenerationsAreMigratedAgainThenNothingChanges() {
        Integer before = jdbc.queryForObject("SELECT count(*) FROM gen_1.flyway_schema_history", Integer.class);

        generations.migrate("gen_1");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM gen_1.flyway_schema_history", Integer.class)).isEqualTo(before);
    }

    @Test
    void givenARebuildInProgressThenTheLiveConsumerGivesItOnlyEachIncidentsNextEventAndTheActiveOneEverything() {
        TestIncident reportedBefore = incident("SCH-A");
        stream.send(reportedBefore.reported(CYBERBULLYING, pupil(uniqueReference())));
        awaitProjected(reportedBefore, 0);
        generations.migrate("gen_900");
        jdbc.update("INSERT INTO projection_generation (generation, schema_name, status) VALUES (900, 'gen_900', 'BUILDING')");
        generations.refresh();
        try {
            // the rebuild has not reached this incident yet: its next event is not the building generation's to apply
            stream.send(reportedBefore.note("During the rebuild"));
            TestIncident reportedDuring = incident("SCH-A");
            stream.send(reportedDuring.reported(CYBERBULLYING, pupil(uniqueReference())));
            stream.send(reportedDuring.note("In order"));
            awaitProjected(reportedBefore, 1);
            awaitProjected(reportedDuring, 1);

            assertThat(entries("gen_1", reportedBefore)).containsExactly(0L, 1L);
            assertThat(entries("gen_900", reportedBefore)).isEmpty();
            assertThat(entries("gen_900", reportedDuring)).containsExactly(0L, 1L);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM gen_900.incident_log WHERE incident_id = ?",
                    Integer.class, reportedDuring.id())).isEqualTo(1);
        } finally {
            jdbc.update("UPDATE projection_generation SET status = 'RETIRED' WHERE generation = 900");
            generations.refresh();
            jdbc.execute("DROP SCHEMA gen_900 CASCADE");
        }
        assertThat(generations.writeGenerations()).extracting(Generation::schema).containsExactly("gen_1");
    }

    @Test
    void generationSchemaNamesAreCheckedBeforeTheyReachSql() {
        assertThat(ProjectionSchema.checked("gen_12")).isEqualTo("gen_12");
        for (String bad : List.of("public", "gen_", "gen_1; DROP TABLE x", "GEN_1", "gen_1.incident_log")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ProjectionSchema.checked(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private List<Long> entries(String schema, TestIncident incident) {
        return jdbc.queryForList("SELECT sequence FROM " + schema + ".timeline_entry WHERE incident_id = ? ORDER BY sequence",
                Long.class, incident.id());
    }
}
