package io.pixbox.server.processing;

import io.pixbox.server.queue.Job;
import io.pixbox.server.queue.JobQueue;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Follows a job's changes for a client of any API (server-sent events, a gRPC stream). It reads the job's record,
 * so it sees what any worker process did; a few reads a second per follower is cheap beside processing an image.
 */
@Component
public class JobWatch implements DisposableBean {

    private static final Duration POLL = Duration.ofMillis(250);

    private final JobQueue queue;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("pixbox-job-watch").factory());
    private final AtomicInteger active = new AtomicInteger();

    JobWatch(JobQueue queue) {
        this.queue = queue;
    }

    /** What a follower is told, on the watch's own thread; an exception from it ends the watch. */
    public interface Follower {

        /** The job as it is now: at once, then after every change of its state, attempts or error. */
        void changed(Job job) throws Exception;

        /** The job is succeeded, failed or dead (told after {@link #changed}); the watch has ended. */
        void finished();

        /** The job is gone, deleted with its image; the watch has ended. */
        void deleted();

        /** Reading the job failed; the watch has ended. */
        void failed(RuntimeException e);
    }

    /** Following one job; cancel it when the client goes away. */
    public interface Watching {
        void cancel();
    }

    /** Follows the job until it is final or deleted, reading it fails, the follower throws, or it is cancelled. */
    public Watching follow(Job job, Follower follower) {
        AtomicReference<Job> last = new AtomicReference<>();
        AtomicBoolean over = new AtomicBoolean();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        // Ends the watch once, whoever ends it; the first check may run before the task is known, so every run
        // looks at `over` first and a task known late is cancelled when it is set.
        Runnable end = () -> {
            if (over.compareAndSet(false, true)) {
                active.decrementAndGet();
            }
            cancel(task);
        };
        Runnable check = () -> {
            if (over.get()) {
                cancel(task);
                return;
            }
            Optional<Job> now;
            try {
                now = queue.find(job.id());
            } catch (RuntimeException e) {
                end.run();
                follower.failed(e);
                return;
            }
            if (now.isEmpty()) {
                end.run();
                follower.deleted();
                return;
            }
            try {
                if (changed(last.get(), now.get())) {
                    last.set(now.get());
                    follower.changed(now.get());
                }
            } catch (Exception e) {
                // The client went away.
                end.run();
                return;
            }
            if (now.get().state().isFinal()) {
                end.run();
                follower.finished();
            }
        };
        active.incrementAndGet();
        task.set(timer.scheduleWithFixedDelay(check, 0, POLL.toMillis(), TimeUnit.MILLISECONDS));
        if (over.get()) {
            cancel(task);
        }
        return end::run;
    }

    /** How many watches are following a job now: a cancelled or finished one no longer counts. */
    public int active() {
        return active.get();
    }

    private static boolean changed(Job before, Job now) {
        return before == null || before.state() != now.state() || before.attempts() != now.attempts()
                || !Objects.equals(before.error(), now.error());
    }

    private static void cancel(AtomicReference<ScheduledFuture<?>> task) {
        ScheduledFuture<?> future = task.get();
        if (future != null) {
            future.cancel(false);
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
