package io.pixbox.server.queue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Wakes claimers waiting in this process when jobs may have become ready.
 *
 * <p>A claimer reads {@link #generation()} before it looks at the table and then waits for a later one, so a
 * signal that arrives between looking and waiting is not lost.
 */
final class JobSignal {

    private long generation;

    synchronized long generation() {
        return generation;
    }

    synchronized void fire() {
        generation++;
        notifyAll();
    }

    /** Waits until a signal later than {@code seen} fires, or {@code timeout} passes. */
    synchronized void awaitAfter(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (generation == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
