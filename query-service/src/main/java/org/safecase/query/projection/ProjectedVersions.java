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

    private static final long POLL_MILLIS = 20;

    /** The incident's projected version ({@code -1} if none of its events is applied yet) and whether it reached the one asked for. */
    public record ProjectedVersion(long version, boolean consistent) {
    }

    private final ProjectionGenerations generations;
    private final CheckpointRepository checkpoints;
    private final Duration maxWait;

    ProjectedVersions(ProjectionGenerations generations, CheckpointRepository checkpoints,
                      @Value("${safecase.read-your-writes.max-wait:PT2S}") Duration maxWait) {
        this.generations = generations;
        this.checkpoints = checkpoints;
        this.maxWait = maxWait;
    }

    /** Waits, up to the configured maximum, until the incident's projected version is at least {@code minVersion} (if given). */
    public ProjectedVersion await(UUID incidentId, Long minVersion) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            long version = current(incidentId);
            if (minVersion == null || version >= minVersion) {
                return new ProjectedVersion(version, true);
            }
            if (System.nanoTime() - deadline >= 0) {
                return new ProjectedVersion(version, false);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ProjectedVersion(version, false);
            }
        }
    }

    public long current(UUID incidentId) {
        OptionalLong version = checkpoints.lastSequence(generations.activeSchema(), incidentId);
        return version.orElse(-1);
    }
}
