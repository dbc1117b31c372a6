package org.safecase.query.rebuild;

import org.safecase.query.projection.Generation;
import org.safecase.query.projection.ProjectionGenerations;
import org.safecase.query.projection.ProjectionSchema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Opens a BUILDING generation for a rebuild and makes it the ACTIVE one when it has caught up. */
@Repository
class RebuildGenerations {

    private final JdbcTemplate jdbc;
    private final ProjectionGenerations generations;

    RebuildGenerations(JdbcTemplate jdbc, ProjectionGenerations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    /** A new, empty generation in its own schema; the unique index allows one BUILDING at a time. */
    Generation openBuilding() {
        Integer last = jdbc.queryForObject("SELECT max(generation) FROM projection_generation", Integer.class);
        int number = last == null ? 1 : last + 1;
        String schema = ProjectionSchema.checked("gen_" + number);
        generations.migrate(schema);
        jdbc.update("INSERT INTO projection_generation (generation, schema_name, status) VALUES (?, ?, 'BUILDING')",
                number, schema);
        generations.refresh();
        return new Generation(number, schema, Generation.Status.BUILDING);
    }

    @Transactional
    void switchTo(Generation building) {
        jdbc.update("UPDATE projection_generation SET status = 'RETIRED' WHERE status = 'ACTIVE'");
        jdbc.update("UPDATE projection_generation SET status = 'ACTIVE', activated_at = now() WHERE generation = ?",
                building.number());
    }

    void fail(Generation building) {
        jdbc.update("UPDATE projection_generation SET status = 'FAILED' WHERE generation = ?", building.number());
        generations.refresh();
    }
}
