package org.safecase.query.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The projector's Micrometer meters. {@code safecase.projection.lag} is the time from an event's
 * recording in the command service to its application here, for the latest applied event: it grows
 * while the consumer works through a backlog. {@code safecase.projection.consumer.lag} counts the
 * records on the topic that the consumer group has not yet committed.
 */
@Component
public class ProjectionMetrics {

    private final Counter applied;
    private final Counter duplicates;
    private final Counter notNext;
    private final Counter gaps;
    private final Counter deadLettered;
    private final Counter retries;
    private final Counter chainBroken;
    private final AtomicLong lagMillis = new AtomicLong();
    private volatile Instant lastAppliedAt;

    ProjectionMetrics(MeterRegistry meters, ConsumerLag consumerLag) {
        this.applied = Counter.builder("safecase.projection.events.applied")
                .description("Events applied to the projections (the active generation)").register(meters);
        this.duplicates = Counter.builder("safecase.projection.events.skipped").tag("reason", "duplicate")
                .description("Events already applied: redeliveries and duplicates").register(meters);
        this.notNext = Counter.builder("safecase.projection.events.skipped").tag("reason", "left-to-rebuild")
                .description("Events not applied to a building generation because they were not the incident's next")
                .register(meters);
        this.gaps = Counter.builder("safecase.projection.gaps")
                .description("Events applied after a gap in their incident's sequence").register(meters);
        this.deadLettered = Counter.builder("safecase.projection.dead.lettered")
                .description("Events the projector could not apply, sent to the dead-letter topic").register(meters);
        this.chainBroken = Counter.builder("safecase.projection.chain.broken")
                .description("Events refused because they do not continue their incident's hash chain (CHAIN_BROKEN)")
                .register(meters);
        this.retries = Counter.builder("safecase.projection.retries")
                .description("Attempts that failed for a reason of the service, not the event, and were retried")
                .register(meters);
        TimeGauge.builder("safecase.projection.lag", lagMillis, TimeUnit.MILLISECONDS, AtomicLong::doubleValue)
                .description("From recording to projection, for the latest applied event").register(meters);
        Gauge.builder("safecase.projection.consumer.lag", consumerLag, lag -> lag.records().orElse(Double.NaN))
                .description("Records of the topic not yet consumed by the group").baseUnit("records").register(meters);
    }

    void applied(DecodedEvent event, Instant now) {
        applied.increment();
        lagMillis.set(Math.max(0, Duration.between(event.envelope().recordedAt(), now).toMillis()));
        lastAppliedAt = now;
    }

    void duplicate() {
        duplicates.increment();
    }

    void leftToRebuild() {
        notNext.increment();
    }

    void gap() {
        gaps.increment();
    }

    void retried() {
        retries.increment();
    }

    void chainBroken() {
        chainBroken.increment();
    }

    public double chainBrokenCount() {
        return chainBroken.count();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    public double deadLetteredCount() {
        return deadLettered.count();
    }

    public double appliedCount() {
        return applied.count();
    }

    public long lagMillis() {
        return lagMillis.get();
    }

    public Instant lastAppliedAt() {
        return lastAppliedAt;
    }
}
