package io.pixbox.server.processing.web;

import io.pixbox.server.queue.Job;
import java.time.Instant;
import java.util.UUID;

/**
 * A job as the API shows it.
 *
 * @param state     queued, running, succeeded, failed or dead
 * @param error     why the last attempt failed, for people; null when none failed
 * @param errorCode the stable code of that failure, such as {@code image.corrupt}
 * @param runAt     when a queued job becomes ready: later than now while it waits to be retried
 */
public record JobView(UUID id, UUID imageId, String recipe, String state, int attempts, int maxAttempts,
                      String error, String errorCode, Instant createdAt, Instant runAt, Instant startedAt,
                      Instant finishedAt, String url) {

    public static JobView of(Job job) {
        return new JobView(job.id(), job.imageId(), job.recipe(), job.state().text(), job.attempts(),
                job.maxAttempts(), job.error(), job.errorCode(), job.createdAt(), job.runAt(), job.startedAt(),
                job.finishedAt(), url(job.id()));
    }

    public static String url(UUID id) {
        return "/api/v1/jobs/" + id;
    }
}
