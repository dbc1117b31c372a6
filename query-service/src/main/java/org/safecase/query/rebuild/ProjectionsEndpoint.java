package org.safecase.query.rebuild;

import org.safecase.query.projection.Generation;
import org.safecase.query.projection.ProjectionGenerations;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/projections}: which generation serves reads and how the last rebuild went;
 * {@code POST /actuator/projections}: rebuild from the start of the topic (role OPERATOR).
 */
@Component
@Endpoint(id = "projections")
class ProjectionsEndpoint {

    record Projections(int activeGeneration, String activeSchema, RebuildProgress rebuild) {
    }

    private final ProjectionGenerations generations;
    private final ProjectionRebuild rebuild;

    ProjectionsEndpoint(ProjectionGenerations generations, ProjectionRebuild rebuild) {
        this.generations = generations;
        this.rebuild = rebuild;
    }

    @ReadOperation
    Projections projections() {
        Generation active = generations.active();
        return new Projections(active.number(), active.schema(), rebuild.progress());
    }

    @WriteOperation
    Projections rebuild() {
        rebuild.start();
        return projections();
    }
}
