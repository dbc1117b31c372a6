package org.safecase.query.projection;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers waiting for their own writes are woken by a commit of their incident only: a commit of another incident
 * leaves them waiting, so that waiting readers do not all look at the database on every commit.
 */
class ProjectionSignalTest {

    private static final long NO_COMMIT_MILLIS = 20;

    private final ProjectionSignal signal = new ProjectionSignal();
    private final UUID incident = UUID.randomUUID();

    @Test
    void givenAWatchedIncident_whenItsEventIsCommittedBeforeTheWait_expectTheWaitToReturnAtOnce() throws InterruptedException {
        try (ProjectionSignal.Watch watch = signal.watch(incident)) {
            signal.projected(incident);

            assertThat(watch.awaitCommit(10_000)).isTrue();
        }
    }

    @Test
    void givenAWatchedIncident_whenItsEventIsCommittedDuringTheWait_expectTheWaiterWoken() throws InterruptedException {
        try (ProjectionSignal.Watch watch = signal.watch(incident)) {
            Thread committer = new Thread(() -> signal.projected(incident));
            committer.start();

            assertThat(watch.awaitCommit(10_000)).isTrue();
            committer.join();
        }
    }

    @Test
    void givenAWatchedIncident_whenAnotherIncidentIsCommitted_expectNoWake() throws InterruptedException {
        try (ProjectionSignal.Watch watch = signal.watch(incident)) {
            signal.projected(UUID.randomUUID());

            assertThat(watch.awaitCommit(NO_COMMIT_MILLIS)).isFalse();
        }
    }

    @Test
    void givenTwoReadersOfOneIncident_whenItsEventIsCommitted_expectBothWoken() throws InterruptedException {
        try (ProjectionSignal.Watch first = signal.watch(incident); ProjectionSignal.Watch second = signal.watch(incident)) {
            signal.projected(incident);

            assertThat(first.awaitCommit(10_000)).isTrue();
            assertThat(second.awaitCommit(10_000)).isTrue();
        }
    }

    @Test
    void givenCommitsSeen_whenWaitingAgain_expectOnlyLaterCommitsToWake() throws InterruptedException {
        try (ProjectionSignal.Watch watch = signal.watch(incident)) {
            signal.projected(incident);
            signal.projected(incident);
            assertThat(watch.awaitCommit(10_000)).isTrue();

            assertThat(watch.awaitCommit(NO_COMMIT_MILLIS)).isFalse();
        }
    }

    @Test
    void givenAClosedWatch_whenItsIncidentIsCommitted_expectNoWake() throws InterruptedException {
        ProjectionSignal.Watch watch = signal.watch(incident);
        watch.close();

        signal.projected(incident);

        assertThat(watch.awaitCommit(NO_COMMIT_MILLIS)).isFalse();
    }
}
