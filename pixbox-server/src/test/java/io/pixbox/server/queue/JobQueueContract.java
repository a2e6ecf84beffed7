package io.pixbox.server.queue;

import static io.pixbox.server.queue.JobState.DEAD;
import static io.pixbox.server.queue.JobState.FAILED;
import static io.pixbox.server.queue.JobState.QUEUED;
import static io.pixbox.server.queue.JobState.RUNNING;
import static io.pixbox.server.queue.JobState.SUCCEEDED;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobQueue} does, run against each implementation on a fresh database of its own, with a
 * clock that moves only when a test moves it.
 */
abstract class JobQueueContract {

    static final Instant START = Instant.parse("2030-01-01T08:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);
    static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30));
    /** Far longer than any bound below: a wait that ends early was ended by a wake-up, not by polling. */
    static final Duration POLL_INTERVAL = Duration.ofMinutes(2);
    static final Duration LONG_WAIT = Duration.ofSeconds(60);
    /** Generous: a wake-up is a matter of milliseconds; this only has to be well below LONG_WAIT. */
    static final Duration PROMPTLY = Duration.ofSeconds(10);

    static final JobFailure UNAVAILABLE = new JobFailure("storage.unavailable", "the object store did not answer", false);
    static final JobFailure CORRUPT = new JobFailure("image.corrupt", "the JPEG ends early", true);

    final MutableClock clock = new MutableClock(START);
    TestDatabase database;
    JobQueue queue;

    /** A fresh database, migrated, of the kind the queue under test keeps its jobs in. */
    abstract TestDatabase createDatabase();

    /** A queue under test on {@code database}, which closes it; further queues on the same database may be made. */
    abstract JobQueue createQueue(TestDatabase database, Clock clock, RetryPolicy retry, Duration lease,
                                  Duration pollInterval);

    /**
     * Returns once {@code jobs} jobs committed so far can be taken by one claim on {@code queue}; tests call it
     * before each claim that must find jobs. A database queue's jobs can be the moment they commit. A broker's reach
     * claimers a moment later, and a retry's only once its back-off has passed in real time, which the test's clock
     * does not move: there this waits for them, so that the claims themselves are the same for every queue.
     */
    void awaitClaimable(JobQueue queue, int jobs) throws InterruptedException {
    }

    @BeforeEach
    void createQueue() {
        database = createDatabase();
        queue = createQueue(database, clock, RETRY, LEASE, POLL_INTERVAL);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        database.close();
    }

    @Test
    void enqueueInATransactionThatRollsBackLeavesNoJob() throws Exception {
        // given
        NewJob job = newJob();

        // when
        database.inTransaction(status -> {
            queue.enqueue(List.of(job));
            status.setRollbackOnly();
        });

        // then
        assertThat(queue.find(job.id())).isEmpty();
        assertThat(queue.claim("worker-1", 10, Duration.ZERO)).isEmpty();
        assertThat(queue.countByState()).containsEntry(QUEUED, 0L);
    }

    @Test
    void enqueuedJobsCanBeClaimedOnlyOnceTheCallersTransactionCommits() throws Exception {
        // given
        NewJob job = newJob();
        List<List<Job>> claimedBeforeCommit = new ArrayList<>();

        // when
        database.inTransaction(status -> {
            queue.enqueue(List.of(job));
            claimedBeforeCommit.add(onAnotherThread(() -> queue.claim("worker-1", 10, Duration.ZERO)));
        });

        // then
        assertThat(claimedBeforeCommit).containsExactly(List.of());
        awaitClaimable(queue, 1);
        assertThat(queue.claim("worker-1", 10, Duration.ZERO)).extracting(Job::id).containsExactly(job.id());
    }

    @Test
    void enqueuedJobsAreQueuedWithNoAttemptsAndTheRetryPolicysLimit() {
        // given
        NewJob job = newJob();

        // when
        queue.enqueue(List.of(job));

        // then
        assertThat(queue.find(job.id())).hasValueSatisfying(queued -> {
            assertThat(queued.imageId()).isEqualTo(job.imageId());
            assertThat(queued.recipe()).isEqualTo(job.recipe());
            assertThat(queued.state()).isEqualTo(QUEUED);
            assertThat(queued.attempts()).isZero();
            assertThat(queued.maxAttempts()).isEqualTo(RETRY.maxAttempts());
            assertThat(queued.createdAt()).isEqualTo(START);
            assertThat(queued.runAt()).isEqualTo(START);
            assertThat(queued.worker()).isNull();
        });
    }

    @Test
    void readyJobsAreClaimedOldestFirst() throws Exception {
        // given: one job, later two more in one call
        NewJob first = newJob();
        queue.enqueue(List.of(first));
        clock.advance(Duration.ofSeconds(1));
        NewJob second = newJob();
        NewJob third = newJob();
        queue.enqueue(List.of(second, third));
        awaitClaimable(queue, 3);

        // when
        List<Job> claimed = queue.claim("worker-1", 10, Duration.ZERO);

        // then
        assertThat(claimed).extracting(Job::id).containsExactly(first.id(), second.id(), third.id());
    }

    @Test
    void aClaimTakesAtMostMaxJobsEachWithALeaseAndOneMoreAttempt() throws Exception {
        // given
        queue.enqueue(List.of(newJob(), newJob(), newJob(), newJob(), newJob()));
        awaitClaimable(queue, 5);

        // when
        List<Job> claimed = queue.claim("worker-1", 2, Duration.ZERO);

        // then
        assertThat(claimed).hasSize(2).allSatisfy(job -> {
            assertThat(job.state()).isEqualTo(RUNNING);
            assertThat(job.worker()).isEqualTo("worker-1");
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.startedAt()).isEqualTo(START);
            assertThat(job.leaseUntil()).isEqualTo(START.plus(LEASE));
        });
        assertThat(queue.depth()).isEqualTo(3);
    }

    @Test
    void concurrentWorkersClaimEveryJobExactlyOnce() throws Exception {
        // given
        int jobs = 300;
        int workers = 8;
        queue.enqueue(IntStream.range(0, jobs).mapToObj(i -> newJob()).toList());
        awaitClaimable(queue, jobs);
        Map<UUID, List<String>> claims = new ConcurrentHashMap<>();
        CyclicBarrier start = new CyclicBarrier(workers);

        // when: every worker claims batches at the same time until nothing is left
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> running = IntStream.range(0, workers).<Future<?>>mapToObj(w -> threads.submit(() -> {
                String worker = "worker-" + w;
                start.await();
                for (List<Job> batch; !(batch = queue.claim(worker, 7, Duration.ZERO)).isEmpty(); ) {
                    batch.forEach(job -> claims.computeIfAbsent(job.id(), id -> Collections.synchronizedList(
                            new ArrayList<>())).add(worker));
                }
                return null;
            })).toList();
            for (Future<?> worker : running) {
                worker.get(120, SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        // then
        assertThat(claims).hasSize(jobs);
        claims.forEach((id, claimers) -> {
            assertThat(claimers).as("claims of job %s", id).hasSize(1);
            assertThat(queue.find(id).orElseThrow().worker()).isEqualTo(claimers.getFirst());
        });
        assertThat(queue.countByState()).containsEntry(RUNNING, (long) jobs).containsEntry(QUEUED, 0L);
    }

    @Test
    void aJobWhoseLeaseExpiredIsReclaimedAndItsOldWorkerCanNoLongerChangeIt() throws Exception {
        // given
        NewJob job = enqueued();
        Job lost = claimOne("worker-1");
        clock.advance(LEASE.plusSeconds(1));

        // when
        int reclaimed = queue.reclaimExpiredLeases();

        // then
        assertThat(reclaimed).isEqualTo(1);
        assertThat(queue.find(job.id())).hasValueSatisfying(queued -> {
            assertThat(queued.state()).isEqualTo(QUEUED);
            assertThat(queued.errorCode()).isEqualTo("worker.lease_expired");
        });
        Job taken = claimOne("worker-2");
        assertThat(taken.attempts()).isEqualTo(2);
        assertThat(queue.heartbeat(lost)).isFalse();
        assertThat(queue.succeeded(lost)).isFalse();
        assertThat(queue.failed(lost, CORRUPT)).isEmpty();
        queue.release(lost);
        assertThat(queue.find(job.id())).contains(taken);
    }

    @Test
    void aWorkerWhoseLeaseExpiredCannotCompleteTheJobEvenBeforeItIsReclaimed() throws Exception {
        // given
        enqueued();
        Job job = claimOne("worker-1");
        clock.advance(LEASE);

        // when
        boolean succeeded = queue.succeeded(job);

        // then
        assertThat(succeeded).isFalse();
        assertThat(queue.heartbeat(job)).isFalse();
        assertThat(queue.find(job.id())).contains(job);
    }

    @Test
    void aWorkerThatClaimsTheSameJobAgainAfterLosingItsLeaseCannotUseItsOldClaim() throws Exception {
        // given
        enqueued();
        Job old = claimOne("worker-1");
        clock.advance(LEASE.plusSeconds(1));
        queue.reclaimExpiredLeases();
        Job current = claimOne("worker-1");

        // when
        boolean oldSucceeded = queue.succeeded(old);

        // then
        assertThat(oldSucceeded).isFalse();
        assertThat(queue.succeeded(current)).isTrue();
    }

    @Test
    void aHeartbeatExtendsTheLease() throws Exception {
        // given
        enqueued();
        Job job = claimOne("worker-1");
        clock.advance(LEASE.minusSeconds(1));

        // when
        boolean renewed = queue.heartbeat(job);

        // then
        assertThat(renewed).isTrue();
        assertThat(queue.find(job.id()).orElseThrow().leaseUntil()).isEqualTo(clock.instant().plus(LEASE));
        clock.advance(Duration.ofSeconds(2));
        assertThat(queue.reclaimExpiredLeases()).isZero();
        assertThat(queue.succeeded(job)).isTrue();
        assertThat(queue.find(job.id())).hasValueSatisfying(done -> {
            assertThat(done.state()).isEqualTo(SUCCEEDED);
            assertThat(done.finishedAt()).isEqualTo(clock.instant());
            assertThat(done.leaseUntil()).isNull();
        });
    }

    @Test
    void aTransientFailureQueuesTheJobAgainAfterTheBackOffKeepingTheError() throws Exception {
        // given
        enqueued();
        Job first = claimOne("worker-1");

        // when
        Job retrying = queue.failed(first, UNAVAILABLE).orElseThrow();

        // then: not ready until the policy's first delay has passed
        assertThat(retrying.state()).isEqualTo(QUEUED);
        assertThat(retrying.attempts()).isEqualTo(1);
        assertThat(retrying.errorCode()).isEqualTo("storage.unavailable");
        assertThat(retrying.error()).isEqualTo("the object store did not answer");
        assertThat(retrying.runAt()).isEqualTo(START.plus(RETRY.delayAfter(1)));
        assertThat(queue.claim("worker-1", 1, Duration.ZERO)).isEmpty();
        assertThat(queue.depth()).isZero();
        clock.advance(RETRY.delayAfter(1).minusMillis(1));
        assertThat(queue.claim("worker-1", 1, Duration.ZERO)).isEmpty();
        clock.advance(Duration.ofMillis(1));
        Job second = claimOne("worker-2");
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.errorCode()).isEqualTo("storage.unavailable");

        // and the next wait is longer
        Instant failedAgain = clock.instant();
        assertThat(queue.failed(second, UNAVAILABLE).orElseThrow().runAt())
                .isEqualTo(failedAgain.plus(RETRY.delayAfter(2)))
                .isAfter(failedAgain.plus(RETRY.delayAfter(1)));
    }

    @Test
    void aTransientFailureOnTheLastAttemptLeavesTheJobDeadWithTheReason() throws Exception {
        // given
        NewJob job = enqueued();
        Job last = failTransientlyUntilLastAttempt();

        // when
        Job dead = queue.failed(last, UNAVAILABLE).orElseThrow();

        // then
        assertThat(dead.state()).isEqualTo(DEAD);
        assertThat(dead.attempts()).isEqualTo(RETRY.maxAttempts());
        assertThat(dead.errorCode()).isEqualTo("storage.unavailable");
        assertThat(dead.error()).isEqualTo("the object store did not answer");
        assertThat(dead.finishedAt()).isEqualTo(clock.instant());
        clock.advance(Duration.ofDays(1));
        assertThat(queue.claim("worker-1", 1, Duration.ZERO)).isEmpty();
        assertThat(queue.find(job.id())).contains(dead);
    }

    @Test
    void aJobWhoseLeaseExpiresOnItsLastAttemptIsDead() throws Exception {
        // given
        NewJob job = enqueued();
        failTransientlyUntilLastAttempt();
        clock.advance(LEASE.plusSeconds(1));

        // when
        int reclaimed = queue.reclaimExpiredLeases();

        // then
        assertThat(reclaimed).isEqualTo(1);
        assertThat(queue.find(job.id())).hasValueSatisfying(dead -> {
            assertThat(dead.state()).isEqualTo(DEAD);
            assertThat(dead.errorCode()).isEqualTo("worker.lease_expired");
            assertThat(dead.error()).isEqualTo("the worker stopped renewing its lease");
            assertThat(dead.finishedAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void aPermanentFailureFailsTheJobAtOnce() throws Exception {
        // given
        enqueued();
        Job job = claimOne("worker-1");

        // when
        Job failed = queue.failed(job, CORRUPT).orElseThrow();

        // then
        assertThat(failed.state()).isEqualTo(FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.errorCode()).isEqualTo("image.corrupt");
        assertThat(failed.error()).isEqualTo("the JPEG ends early");
        assertThat(failed.finishedAt()).isEqualTo(START);
        clock.advance(Duration.ofDays(1));
        assertThat(queue.claim("worker-1", 1, Duration.ZERO)).isEmpty();
    }

    @Test
    void anOverlongFailureMessageIsCutToFitRatherThanLost() throws Exception {
        // given
        enqueued();
        Job job = claimOne("worker-1");

        // when
        Job failed = queue.failed(job, new JobFailure("image.corrupt", "x".repeat(5000), true)).orElseThrow();

        // then
        assertThat(failed.error()).hasSize(2000);
    }

    @Test
    void aReleasedJobIsReadyAgainWithoutCountingTheAttempt() throws Exception {
        // given
        NewJob job = enqueued();
        Job claimed = claimOne("worker-1");

        // when
        queue.release(claimed);

        // then
        assertThat(queue.find(job.id())).hasValueSatisfying(released -> {
            assertThat(released.state()).isEqualTo(QUEUED);
            assertThat(released.attempts()).isZero();
            assertThat(released.leaseUntil()).isNull();
        });
        assertThat(claimOne("worker-2").attempts()).isEqualTo(1);
    }

    @Test
    void aDeadJobCanBeRequeuedWithItsAttemptsReset() throws Exception {
        // given
        NewJob job = enqueued();
        queue.failed(failTransientlyUntilLastAttempt(), UNAVAILABLE);
        clock.advance(Duration.ofHours(1));

        // when
        Job requeued = queue.requeue(job.id()).orElseThrow();

        // then
        assertThat(requeued.state()).isEqualTo(QUEUED);
        assertThat(requeued.attempts()).isZero();
        assertThat(requeued.runAt()).isEqualTo(clock.instant());
        assertThat(requeued.finishedAt()).isNull();
        assertThat(claimOne("worker-1").attempts()).isEqualTo(1);
    }

    @Test
    void aFailedJobCanBeRequeued() throws Exception {
        // given
        NewJob job = enqueued();
        queue.failed(claimOne("worker-1"), CORRUPT);

        // when
        var requeued = queue.requeue(job.id());

        // then
        assertThat(requeued).hasValueSatisfying(again -> assertThat(again.state()).isEqualTo(QUEUED));
    }

    @Test
    void onlyFailedAndDeadJobsCanBeRequeued() throws Exception {
        // given
        NewJob succeeded = enqueued();
        queue.succeeded(claimOne("worker-1"));
        NewJob running = enqueued();
        claimOne("worker-1");
        NewJob queued = enqueued();

        // when / then
        assertThat(queue.requeue(succeeded.id())).isEmpty();
        assertThat(queue.find(succeeded.id()).orElseThrow().state()).isEqualTo(SUCCEEDED);
        assertThat(queue.requeue(running.id())).isEmpty();
        assertThat(queue.requeue(queued.id())).isEmpty();
        assertThat(queue.requeue(UUID.randomUUID())).isEmpty();
    }

    @Test
    void aClaimWithNothingReadyWaitsAndAnswersNothing() throws Exception {
        // given
        Duration wait = Duration.ofMillis(300);
        long before = System.nanoTime();

        // when
        List<Job> claimed = queue.claim("worker-1", 1, wait);

        // then
        assertThat(claimed).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(wait);
    }

    @Test
    void aWaitingClaimWakesUpWhenAnotherThreadEnqueuesAndCommits() throws Exception {
        // given
        WaitingClaim waiting = WaitingClaim.start(queue, "worker-1", LONG_WAIT).awaitWaiting();
        NewJob job = newJob();

        // when
        database.inTransaction(status -> queue.enqueue(List.of(job)));
        long committed = System.nanoTime();

        // then
        assertThat(waiting.result()).extracting(Job::id).containsExactly(job.id());
        assertThat(waiting.tookSince(committed)).isLessThan(PROMPTLY);
    }

    @Test
    void aWaitingClaimWakesUpWhenARetrysBackOffEnds() throws Exception {
        // given: a queue on the real clock whose job is waiting for its retry
        Duration backOff = Duration.ofMillis(500);
        JobQueue realTime = createQueue(database, Clock.systemUTC(), new RetryPolicy(2, backOff, 2.0, backOff),
                LEASE, POLL_INTERVAL);
        realTime.enqueue(List.of(newJob()));
        awaitClaimable(realTime, 1);
        long failed = System.nanoTime();
        realTime.failed(realTime.claim("worker-1", 1, Duration.ZERO).getFirst(), UNAVAILABLE);

        // when
        List<Job> claimed = realTime.claim("worker-1", 1, LONG_WAIT);

        // then
        assertThat(claimed).singleElement().satisfies(job -> assertThat(job.attempts()).isEqualTo(2));
        Duration took = Duration.ofNanos(System.nanoTime() - failed);
        assertThat(took).isGreaterThanOrEqualTo(backOff.minusMillis(1)).isLessThan(PROMPTLY);
    }

    @Test
    void countByStateHasEveryState() throws Exception {
        // given: a fresh queue, then one job in each state
        assertThat(queue.countByState()).containsOnlyKeys(JobState.values()).allSatisfy((state, count) ->
                assertThat(count).isZero());
        JobQueue oneAttempt = createQueue(database, clock, new RetryPolicy(1, Duration.ofSeconds(1), 2.0,
                Duration.ofSeconds(1)), LEASE, POLL_INTERVAL);
        queue.enqueue(List.of(newJob(), newJob(), newJob()));
        awaitClaimable(queue, 3);
        List<Job> claimed = queue.claim("worker-1", 3, Duration.ZERO);
        queue.succeeded(claimed.get(0));
        queue.failed(claimed.get(1), CORRUPT);
        oneAttempt.enqueue(List.of(newJob()));
        oneAttempt.failed(claimOne("worker-1"), UNAVAILABLE);
        queue.enqueue(List.of(newJob()));

        // when
        Map<JobState, Long> counts = queue.countByState();

        // then
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(
                Map.of(QUEUED, 1L, RUNNING, 1L, SUCCEEDED, 1L, FAILED, 1L, DEAD, 1L));
    }

    @Test
    void depthCountsOnlyJobsReadyNow() throws Exception {
        // given: one job waiting for its retry, one running and two ready
        queue.enqueue(List.of(newJob(), newJob()));
        awaitClaimable(queue, 2);
        List<Job> claimed = queue.claim("worker-1", 2, Duration.ZERO);
        queue.failed(claimed.getFirst(), UNAVAILABLE);
        queue.enqueue(List.of(newJob(), newJob()));

        // when
        long depth = queue.depth();

        // then
        assertThat(depth).isEqualTo(2);
        clock.advance(RETRY.delayAfter(1));
        assertThat(queue.depth()).isEqualTo(3);
    }

    @Test
    void anImagesJobsAreListedOldestFirstAndDeletedTogether() throws Exception {
        // given
        UUID image = UUID.randomUUID();
        NewJob thumb = new NewJob(UUID.randomUUID(), image, "fit:320:320");
        NewJob medium = new NewJob(UUID.randomUUID(), image, "fit:1024:1024");
        NewJob other = newJob();
        queue.enqueue(List.of(thumb, medium, other));

        // when
        List<Job> jobs = queue.forImage(image);
        database.inTransaction(status -> {
            queue.deleteForImage(image);
            status.setRollbackOnly();
        });
        List<Job> afterRollback = queue.forImage(image);
        queue.deleteForImage(image);

        // then
        assertThat(jobs).extracting(Job::id).containsExactly(thumb.id(), medium.id());
        assertThat(afterRollback).hasSize(2);
        assertThat(queue.forImage(image)).isEmpty();
        assertThat(queue.find(thumb.id())).isEmpty();
        assertThat(queue.forImage(other.imageId())).extracting(Job::id).containsExactly(other.id());
    }

    static NewJob newJob() {
        return new NewJob(UUID.randomUUID(), UUID.randomUUID(), "fit:320:320/format:webp");
    }

    NewJob enqueued() {
        NewJob job = newJob();
        queue.enqueue(List.of(job));
        return job;
    }

    Job claimOne(String worker) throws InterruptedException {
        awaitClaimable(queue, 1);
        List<Job> claimed = queue.claim(worker, 1, Duration.ZERO);
        assertThat(claimed).as("jobs claimed by %s", worker).hasSize(1);
        return claimed.getFirst();
    }

    /** Claims the only job and fails it transiently until the last attempt; answers that last claim. */
    Job failTransientlyUntilLastAttempt() throws InterruptedException {
        Job job = claimOne("worker-1");
        while (job.attempts() < job.maxAttempts()) {
            queue.failed(job, UNAVAILABLE);
            clock.advance(RETRY.maxDelay());
            job = claimOne("worker-1");
        }
        return job;
    }

    static <T> T onAnotherThread(ThrowingSupplier<T> work) {
        try (ExecutorService thread = Executors.newSingleThreadExecutor()) {
            return thread.submit(work::get).get(30, SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    /** A claim waiting on a thread of its own, as an idle worker's. */
    static final class WaitingClaim {

        private final Thread thread;
        private volatile List<Job> claimed;
        private volatile Exception failure;
        private volatile long returnedAt;

        private WaitingClaim(JobQueue queue, String worker, Duration wait) {
            thread = Thread.ofPlatform().name("waiting-claim").unstarted(() -> {
                try {
                    claimed = queue.claim(worker, 1, wait);
                } catch (Exception e) {
                    failure = e;
                }
                returnedAt = System.nanoTime();
            });
        }

        static WaitingClaim start(JobQueue queue, String worker, Duration wait) {
            WaitingClaim claim = new WaitingClaim(queue, worker, wait);
            claim.thread.start();
            return claim;
        }

        /** Returns once the claimer has found nothing and waits to be woken. */
        WaitingClaim awaitWaiting() throws InterruptedException {
            long deadline = System.nanoTime() + SECONDS.toNanos(10);
            while (thread.getState() != Thread.State.TIMED_WAITING) {
                assertThat(System.nanoTime()).as("the claimer is waiting").isLessThan(deadline);
                Thread.sleep(5);
            }
            return this;
        }

        List<Job> result() throws Exception {
            thread.join(LONG_WAIT.plusSeconds(10));
            assertThat(thread.isAlive()).as("the claim returned").isFalse();
            if (failure != null) {
                throw failure;
            }
            return claimed;
        }

        Duration tookSince(long nanoTime) {
            return Duration.ofNanos(returnedAt - nanoTime);
        }
    }
}
