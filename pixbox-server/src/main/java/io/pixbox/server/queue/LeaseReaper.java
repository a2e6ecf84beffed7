package io.pixbox.server.queue;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Returns jobs whose worker stopped renewing its lease to the queue, every reap interval, while the context runs. */
final class LeaseReaper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeaseReaper.class);

    private final JobQueue queue;
    private final Duration interval;
    private ScheduledExecutorService executor;

    LeaseReaper(JobQueue queue, Duration interval) {
        this.queue = queue;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("pixbox-lease-reaper").daemon().factory());
        executor.scheduleWithFixedDelay(this::reap, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        // Waits for a reap under way, so that it does not outlive the database connections it uses.
        executor.close();
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void reap() {
        try {
            int reclaimed = queue.reclaimExpiredLeases();
            if (reclaimed > 0) {
                log.info("Reclaimed {} job(s) whose worker stopped renewing its lease", reclaimed);
            }
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: report it and try at the next interval.
            log.warn("Could not reclaim expired job leases, trying again in {}s", interval.toSeconds(), e);
        }
    }
}
