package io.pixbox.server.queue;

/**
 * How many jobs this process's worker runs at once, as the worker role tells the queue: the most a broker should
 * hand it before it finishes any, so that the rest stay free for other workers.
 */
public record WorkerCapacity(int jobs) {

    public WorkerCapacity {
        if (jobs < 1) {
            throw new IllegalArgumentException("a worker runs at least one job at once, got " + jobs);
        }
    }
}
