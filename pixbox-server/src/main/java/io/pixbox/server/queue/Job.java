package io.pixbox.server.queue;

import java.time.Instant;
import java.util.UUID;

/**
 * One run of one recipe on one image, as the queue records it.
 *
 * @param recipe      the recipe in canonical form
 * @param attempts    how many times a worker has claimed it
 * @param errorCode   the stable code of the last failure, such as {@code image.corrupt} or {@code storage.unavailable}
 * @param error       the last failure's message, for people
 * @param runAt       when it is (or was) ready to be claimed: later than {@code createdAt} while it waits for a retry
 * @param worker      the worker that holds or last held it
 * @param leaseUntil  when a running job's lease expires unless its worker renews it
 */
public record Job(UUID id, UUID imageId, String recipe, JobState state, int attempts, int maxAttempts,
                  String errorCode, String error, Instant createdAt, Instant runAt, Instant startedAt,
                  Instant finishedAt, String worker, Instant leaseUntil) {
}
