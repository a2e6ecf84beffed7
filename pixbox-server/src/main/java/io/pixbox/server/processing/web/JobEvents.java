package io.pixbox.server.processing.web;

import io.pixbox.server.processing.JobWatch;
import io.pixbox.server.queue.Job;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of jobs' changes, for the REST API and the pages: one stream for one or several jobs, so that a
 * page following many holds one connection. A {@code job} event carries the job at once and after each change, a
 * {@code deleted} event the id of one that is gone; the stream ends when every job is final or gone.
 */
@Component
class JobEvents {

    private static final Duration LONGEST = Duration.ofMinutes(30);

    private final JobWatch watch;

    JobEvents(JobWatch watch) {
        this.watch = watch;
    }

    SseEmitter follow(List<Job> jobs) {
        SseEmitter emitter = new SseEmitter(LONGEST.toMillis());
        Set<UUID> open = ConcurrentHashMap.newKeySet();
        jobs.forEach(job -> open.add(job.id()));
        List<JobWatch.Watching> watchings = new ArrayList<>();
        if (open.isEmpty()) {
            emitter.complete();
            return emitter;
        }
        for (Job job : jobs) {
            watchings.add(watch.follow(job, new JobWatch.Follower() {
                @Override
                public void changed(Job now) throws IOException {
                    JobView view = JobView.of(now);
                    send(emitter, SseEmitter.event().name("job").id(view.state() + "-" + view.attempts())
                            .data(view, MediaType.APPLICATION_JSON));
                }

                @Override
                public void finished() {
                    closed(job.id());
                }

                @Override
                public void deleted() {
                    try {
                        send(emitter, SseEmitter.event().name("deleted").data(job.id().toString()));
                    } catch (IOException | IllegalStateException e) {
                        // The client went away.
                    }
                    closed(job.id());
                }

                @Override
                public void failed(RuntimeException e) {
                    emitter.completeWithError(e);
                }

                private void closed(UUID id) {
                    open.remove(id);
                    if (open.isEmpty()) {
                        emitter.complete();
                    }
                }
            }));
        }
        Runnable cancel = () -> watchings.forEach(JobWatch.Watching::cancel);
        emitter.onCompletion(cancel);
        emitter.onTimeout(cancel);
        emitter.onError(e -> cancel.run());
        return emitter;
    }

    /** One event at a time: the watches of several jobs run on one thread, but an emitter must never be written to by two. */
    private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) throws IOException {
        synchronized (emitter) {
            emitter.send(event);
        }
    }
}
