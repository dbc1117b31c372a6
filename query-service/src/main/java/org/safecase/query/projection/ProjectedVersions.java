package org.safecase.query.projection;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Read your own writes: a command's response tells the incident's version; a read may ask to wait,
 * briefly and boundedly, until the active generation has applied that version (the incident's
 * checkpoint, which also counts events that were dead-lettered, so a wait never outlasts a poison event).
 */
@Component
public class ProjectedVersions {

    /** How long a waiter sleeps at most without a signal: the time another instance's projection may take to be seen. */
    private static final long LOOK_AGAIN_MILLIS = 50;

    private final GenerationScope scope;
    private final CheckpointRepository checkpoints;
    private final ProjectionSignal signal;
    private final Duration maxWait;

    ProjectedVersions(GenerationScope scope, CheckpointRepository checkpoints, ProjectionSignal signal,
                      @Value("${safecase.read-your-writes.max-wait:PT2S}") Duration maxWait) {
        this.scope = scope;
        this.checkpoints = checkpoints;
        this.signal = signal;
        this.maxWait = maxWait;
    }

    /**
     * Watches the incident's projection from now on: take it before the first look at the incident, so that a commit
     * after that look wakes a wait that follows it.
     */
    public Watch watch(UUID incidentId) {
        return new Watch(incidentId, signal.watch(incidentId));
    }

    /** A watch on one incident's projected version, for one read. */
    public final class Watch implements AutoCloseable {

        private final UUID incidentId;
        private final ProjectionSignal.Watch commits;

        private Watch(UUID incidentId, ProjectionSignal.Watch commits) {
            this.incidentId = incidentId;
            this.commits = commits;
        }

        /**
         * Waits, up to the configured maximum, until the incident's projected version is at least {@code minVersion},
         * given the version last seen, and returns the version it saw last ({@code -1}: nothing projected); the caller
         * compares it with the one it asked for. It looks at the projection again when this instance commits an event of the
         * incident, and otherwise every {@value ProjectedVersions#LOOK_AGAIN_MILLIS} ms.
         */
        public long until(long minVersion, long seen) {
            long deadline = System.nanoTime() + maxWait.toNanos();
            long version = seen;
            while (version < minVersion) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return version;
                }
                try {
                    commits.awaitCommit(Math.min(left, LOOK_AGAIN_MILLIS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return version;
                }
                version = current(incidentId);
            }
            return version;
        }

        @Override
        public void close() {
            commits.close();
        }
    }

    /** A look at the incident's checkpoint, in the caller's transaction or one of its own: a wait holds no connection. */
    public long current(UUID incidentId) {
        OptionalLong version = scope.read(() -> checkpoints.lastSequence(incidentId));
        return version.orElse(-1);
    }
}
