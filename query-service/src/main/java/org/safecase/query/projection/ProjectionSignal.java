package org.safecase.query.projection;

import org.springframework.stereotype.Component;

/**
 * Tells readers waiting to read their own writes that this instance has just committed projected events, so that
 * they look again at once instead of polling. Another instance's projections are not signalled here: a waiter
 * also looks again after a bounded wait.
 */
@Component
public class ProjectionSignal {

    private final Object monitor = new Object();
    private long commits;

    /** After a transaction that applied events has committed. */
    void projected() {
        synchronized (monitor) {
            commits++;
            monitor.notifyAll();
        }
    }

    /** A mark to wait from: take it before looking at the projection, so that no commit after the look is missed. */
    long mark() {
        synchronized (monitor) {
            return commits;
        }
    }

    /** Returns once a commit after {@code mark} has happened, or after {@code millis}, whichever is first. */
    void awaitAfter(long mark, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (monitor) {
            while (commits == mark) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return;
                }
                monitor.wait(left);
            }
        }
    }
}
