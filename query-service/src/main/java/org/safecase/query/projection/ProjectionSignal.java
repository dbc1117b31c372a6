package org.safecase.query.projection;

import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Tells readers waiting to read their own writes that this instance has just committed projected events of their
 * incident, so that they look again at once instead of polling; a commit of other incidents wakes nobody, so that
 * waiting readers do not each look at the database on every commit (which, under load, added work as the projection
 * fell behind). Another instance's projections are not signalled here: a waiter also looks again after a bounded wait.
 */
@Component
public class ProjectionSignal {

    private final ConcurrentHashMap<UUID, List<Watch>> watches = new ConcurrentHashMap<>();

    /** After a transaction that applied events of the incident has committed. */
    void projected(UUID incidentId) {
        watches.computeIfPresent(incidentId, (id, watching) -> {
            watching.forEach(Watch::wake);
            return watching;
        });
    }

    /**
     * Watches the incident's commits from now on: take it before looking at the projection, so that no commit after
     * the look is missed. Closing it stops the watch.
     */
    Watch watch(UUID incidentId) {
        Watch watch = new Watch(incidentId);
        watches.compute(incidentId, (id, watching) -> {
            List<Watch> more = watching == null ? new ArrayList<>(1) : watching;
            more.add(watch);
            return more;
        });
        return watch;
    }

    final class Watch implements AutoCloseable {

        private final UUID incidentId;
        private final Semaphore commits = new Semaphore(0);

        private Watch(UUID incidentId) {
            this.incidentId = incidentId;
        }

        /** Whether the incident had a commit since the last call (or since the watch began), waiting up to {@code millis} for one. */
        boolean awaitCommit(long millis) throws InterruptedException {
            boolean committed = commits.tryAcquire(millis, TimeUnit.MILLISECONDS);
            commits.drainPermits();
            return committed;
        }

        private void wake() {
            commits.release();
        }

        @Override
        public void close() {
            watches.computeIfPresent(incidentId, (id, watching) -> {
                watching.remove(this);
                return watching.isEmpty() ? null : watching;
            });
        }
    }
}
