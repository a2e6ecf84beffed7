package io.pixbox.server;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A chore run on a thread of its own every interval while the context runs, such as returning expired leases or
 * removing expired uploads; a run that fails is reported and tried again at the next interval.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration interval;
    private ScheduledExecutorService executor;

    /** {@code name} names the thread and, in the log, what failed. */
    protected PeriodicTask(String name, Duration interval) {
        this.name = name;
        this.interval = interval;
    }

    /** Does the chore once. */
    protected abstract void runOnce();

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("pixbox-" + name).daemon().factory());
        executor.scheduleWithFixedDelay(this::runSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        // Waits for a run under way, so that it does not outlive the database connections it uses.
        executor.close();
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: report it and try at the next interval.
            log.warn("The {} failed, trying again in {}s", name, interval.toSeconds(), e);
        }
    }
}
