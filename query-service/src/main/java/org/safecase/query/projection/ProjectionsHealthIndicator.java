package org.safecase.query.projection;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code projections} in Actuator health: UP while the projector runs, with what an operator looks at
 * first: events dead-lettered (in the active generation, all instances; and by this instance since it
 * started), when this instance last applied an event, and how far behind it is.
 */
@Component("projections")
class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    private final ProjectionGenerations generations;
    private final DeadLetterRepository deadLetters;
    private final GenerationScope scope;
    private final ProjectionMetrics metrics;
    private final ConsumerLag consumerLag;

    ProjectionsHealthIndicator(ProjectionGenerations generations, DeadLetterRepository deadLetters, GenerationScope scope,
                               ProjectionMetrics metrics, ConsumerLag consumerLag) {
        super("Projections health check failed");
        this.generations = generations;
        this.deadLetters = deadLetters;
        this.scope = scope;
        this.metrics = metrics;
        this.consumerLag = consumerLag;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        List<Generation> live = generations.writeGenerations();
        Generation active = generations.active();
        long[] deadLettered = scope.read(() -> new long[] {deadLetters.count(), deadLetters.countChainBroken()});
        builder.up()
                .withDetail("deadLettered", deadLettered[0])
                .withDetail("deadLetteredByThisInstance", (long) metrics.deadLetteredCount())
                .withDetail("chainBroken", deadLettered[1])
                .withDetail("chainBrokenByThisInstance", (long) metrics.chainBrokenCount())
                .withDetail("appliedByThisInstance", (long) metrics.appliedCount())
                .withDetail("lastAppliedAt", metrics.lastAppliedAt() == null ? "never" : metrics.lastAppliedAt().toString())
                .withDetail("lagMillis", metrics.lagMillis())
                .withDetail("activeGeneration", active.number());
        consumerLag.records().ifPresentOrElse(records -> builder.withDetail("lag", (long) records),
                () -> builder.withDetail("lag", "unknown"));
        live.stream().filter(g -> g.status() == Generation.Status.BUILDING).findFirst()
                .ifPresent(building -> builder.withDetail("buildingGeneration", building.number()));
    }
}
