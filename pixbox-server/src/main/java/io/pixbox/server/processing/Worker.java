package io.pixbox.server.processing;

import io.pixbox.server.ConditionalOnRole;
import io.pixbox.server.Role;
import io.pixbox.server.queue.Job;
import io.pixbox.server.queue.JobFailure;
import io.pixbox.server.queue.JobQueue;
import io.pixbox.server.queue.QueueProperties;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The worker role: claims as many jobs as it has free threads, runs them, renews their leases while they run,
 * and acknowledges each only once its variant is stored and recorded. Stopping lets running jobs finish for a
 * grace period and gives the rest back to the queue.
 */
@Component
@ConditionalOnRole(Role.WORKER)
class Worker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Worker.class);

    private final JobQueue queue;
    private final VariantMaker maker;
    private final ProcessingProperties settings;
    private final Duration lease;
    private final String id = workerId();
    private final Map<UUID, Job> running = new ConcurrentHashMap<>();

    private volatile boolean active;
    /** Set when stopping gives unfinished jobs back: their interrupted runs are not failures. */
    private volatile boolean releasing;
    private Semaphore slots;
    private ExecutorService jobs;
    private ScheduledExecutorService heartbeats;
    private Thread dispatcher;

    Worker(JobQueue queue, VariantMaker maker, ProcessingProperties settings, QueueProperties queueSettings) {
        this.queue = queue;
        this.maker = maker;
        this.settings = settings;
        this.lease = queueSettings.lease();
    }

    @Override
    public void start() {
        int threads = settings.threads();
        slots = new Semaphore(threads);
        jobs = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("pixbox-job-", 1).factory());
        heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("pixbox-heartbeat").factory());
        long period = Math.max(100, lease.toMillis() / 3);
        heartbeats.scheduleAtFixedRate(this::renewLeases, period, period, TimeUnit.MILLISECONDS);
        active = true;
        dispatcher = Thread.ofPlatform().name("pixbox-dispatcher").start(this::dispatch);
        log.info("Worker {} is taking jobs, {} at a time", id, threads);
    }

    private void dispatch() {
        while (active) {
            try {
                slots.acquire();
                int free = 1 + slots.drainPermits();
                List<Job> claimed = List.of();
                try {
                    claimed = queue.claim(id, free, settings.claimWait());
                } catch (RuntimeException e) {
                    log.warn("Cannot claim jobs, trying again shortly: {}", e.getMessage());
                    Thread.sleep(1000);
                } finally {
                    slots.release(free - claimed.size());
                }
                claimed.forEach(this::submit);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void submit(Job job) {
        running.put(job.id(), job);
        jobs.execute(() -> {
            try {
                run(job);
            } finally {
                running.remove(job.id());
                slots.release();
            }
        });
    }

    private void run(Job job) {
        try {
            maker.make(job);
            queue.succeeded(job);
        } catch (Exception | LinkageError failure) {
            if (releasing) {
                log.info("Job {} was stopped by the shutdown and is back in the queue", job.id());
                return;
            }
            JobFailure reason = Failures.classify(failure);
            if (!reason.permanent()) {
                log.warn("Job {} ({} on image {}) failed, attempt {}: {}", job.id(), job.recipe(), job.imageId(),
                        job.attempts(), reason.message(), failure);
            }
            try {
                queue.failed(job, reason);
            } catch (RuntimeException e) {
                // Its lease will expire and the scheduler will give it to a worker again.
                log.warn("Cannot record the failure of job {}: {}", job.id(), e.getMessage());
            }
        }
    }

    private void renewLeases() {
        running.values().forEach(job -> {
            try {
                if (!queue.heartbeat(job)) {
                    log.warn("Job {} lost its lease; another worker may run it again", job.id());
                }
            } catch (RuntimeException e) {
                log.warn("Cannot renew the lease of job {}: {}", job.id(), e.getMessage());
            }
        });
    }

    @Override
    public void stop() {
        if (!active) {
            return;
        }
        active = false;
        dispatcher.interrupt();
        jobs.shutdown();
        try {
            dispatcher.join(settings.claimWait().toMillis() + 5000);
            if (!jobs.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("Giving {} unfinished jobs back to the queue", running.size());
                releasing = true;
                running.values().forEach(this::release);
                jobs.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            heartbeats.shutdownNow();
        }
    }

    private void release(Job job) {
        try {
            queue.release(job);
        } catch (RuntimeException e) {
            log.warn("Cannot give job {} back; its lease will expire: {}", job.id(), e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return active;
    }

    /** Before the web server stops, after it starts: jobs never outlive the beans they use. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    private static String workerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
