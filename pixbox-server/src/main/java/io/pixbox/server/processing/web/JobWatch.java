package io.pixbox.server.processing.web;

import io.pixbox.server.queue.Job;
import io.pixbox.server.queue.JobQueue;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Streams a job's changes to a client. It reads the job's record, so it sees what any worker process did; a
 * few reads a second per follower is cheap beside processing an image.
 */
@Component
class JobWatch implements DisposableBean {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration LONGEST = Duration.ofMinutes(30);

    private final JobQueue queue;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("pixbox-job-watch").factory());

    JobWatch(JobQueue queue) {
        this.queue = queue;
    }

    SseEmitter follow(Job job) {
        return follow(List.of(job));
    }

    /**
     * One stream for several jobs, so that a page following many holds one connection: a {@code job} event for each
     * change of any, {@code deleted} with the id of one that is gone; it ends when every job is final or gone.
     */
    SseEmitter follow(List<Job> jobs) {
        SseEmitter emitter = new SseEmitter(LONGEST.toMillis());
        Map<UUID, JobView> last = new ConcurrentHashMap<>();
        Set<UUID> open = ConcurrentHashMap.newKeySet();
        jobs.forEach(job -> open.add(job.id()));
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable check = () -> {
            try {
                for (UUID id : List.copyOf(open)) {
                    Optional<Job> now = queue.find(id);
                    if (now.isEmpty()) {
                        emitter.send(SseEmitter.event().name("deleted").data(id.toString()));
                        open.remove(id);
                        continue;
                    }
                    JobView view = JobView.of(now.get());
                    if (changed(last.get(id), view)) {
                        last.put(id, view);
                        emitter.send(SseEmitter.event().name("job").id(view.state() + "-" + view.attempts())
                                .data(view, MediaType.APPLICATION_JSON));
                    }
                    if (now.get().state().isFinal()) {
                        open.remove(id);
                    }
                }
                if (open.isEmpty()) {
                    finish(emitter, task);
                }
            } catch (IOException | IllegalStateException e) {
                // The client went away.
                cancel(task);
            } catch (RuntimeException e) {
                emitter.completeWithError(e);
                cancel(task);
            }
        };
        emitter.onCompletion(() -> cancel(task));
        emitter.onTimeout(() -> cancel(task));
        emitter.onError(e -> cancel(task));
        task.set(timer.scheduleWithFixedDelay(check, 0, POLL.toMillis(), TimeUnit.MILLISECONDS));
        return emitter;
    }

    private static boolean changed(JobView before, JobView now) {
        return before == null || !before.state().equals(now.state()) || before.attempts() != now.attempts()
                || !Objects.equals(before.error(), now.error());
    }

    private static void finish(SseEmitter emitter, AtomicReference<ScheduledFuture<?>> task) {
        cancel(task);
        emitter.complete();
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
