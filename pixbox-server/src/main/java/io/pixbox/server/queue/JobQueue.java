package io.pixbox.server.queue;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Hands processing jobs to workers, at least once, and records what became of them.
 *
 * <p>The job records live in the database whatever delivers them. Every implementation passes
 * {@code JobQueueContract}, which checks that:
 * <ul>
 *   <li>{@link #enqueue} joins the caller's transaction: jobs exist, and are delivered, only if it commits;</li>
 *   <li>a ready job is claimed by exactly one worker at a time, even with many workers claiming at once;</li>
 *   <li>ready jobs are claimed oldest first;</li>
 *   <li>a claimed job carries a lease; a job whose lease expires is taken again
 *       ({@link #reclaimExpiredLeases}), or is dead when that was its last attempt;</li>
 *   <li>a transient failure puts the job back after an exponential back-off until its last attempt,
 *       then the job is dead; a permanent failure fails it at once; the reason is kept either way;</li>
 *   <li>a worker that lost its lease can no longer change the job.</li>
 * </ul>
 */
public interface JobQueue {

    /** Records the jobs as queued, in the caller's transaction, and makes them ready to claim once it commits. */
    void enqueue(Collection<NewJob> jobs);

    /**
     * Claims up to {@code max} ready jobs for {@code worker}, each with a fresh lease and one more attempt,
     * oldest first. When none is ready, waits up to {@code wait} for one, and answers an empty list if none came.
     */
    List<Job> claim(String worker, int max, Duration wait) throws InterruptedException;

    /** Extends the lease of a job {@code worker} holds; false when the lease was lost and the job is no longer its. */
    boolean heartbeat(Job job);

    /** Marks a held job succeeded; false when the lease was lost. */
    boolean succeeded(Job job);

    /**
     * Records a failed attempt of a held job: failed at once when permanent; queued again after a back-off when
     * transient and attempts are left; dead when it was the last attempt. Answers the job as it now is, or empty
     * when the lease was lost (the failure is then not recorded).
     */
    Optional<Job> failed(Job job, JobFailure failure);

    /** Gives a held job back without counting the attempt, as a worker does when it shuts down. */
    void release(Job job);

    /** Returns running jobs whose lease has expired to the queue, or kills them if that was their last attempt. */
    int reclaimExpiredLeases();

    /** Queues a failed or dead job again with its attempts reset, as a person asks. */
    Optional<Job> requeue(UUID id);

    Optional<Job> find(UUID id);

    /** The image's jobs, oldest first. */
    List<Job> forImage(UUID imageId);

    /** Removes the image's jobs, in the caller's transaction. */
    void deleteForImage(UUID imageId);

    /** How many jobs are in each state; every state is present. */
    Map<JobState, Long> countByState();

    /** How many jobs are ready to be claimed now. */
    long depth();
}
