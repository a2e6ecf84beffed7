package io.pixbox.server.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link JobQueue} on a broker that delivers the ids of the jobs the jobs table keeps. Every change that makes a
 * job ready, or dead, writes a message to the outbox in the same transaction, which the relay sends to the broker:
 * to the jobs queue, to wait out a retry's back-off, or to the dead letters.
 *
 * <p>A delivery becomes a claim only if its job can move from queued to running; a delivery for a job that is gone,
 * running under another claim or finished is settled and dropped, so that redelivery never runs a job twice, and one
 * that comes before its job's back-off has ended is sent on to wait for the rest. A claim's delivery stays unsettled
 * until the job is finished or given back; if the process dies, the broker delivers it again and the expired lease,
 * once reclaimed, sends a new message.
 *
 * @param <D> a delivery from the broker, to be settled once
 */
abstract class RelayedJobQueue<D> extends RecordedJobQueue implements AutoCloseable {

    /** The reason a message whose body is not a job id is in the dead letters. */
    static final String NOT_A_JOB = "message.not_a_job: the message's body is not a job id";
    /** The most jobs one look for lost messages sends again: one transaction's worth; the next look sends more. */
    static final int MAX_REPUBLISHED = 1000;

    final TransactionTemplate transactions;
    private final RetryPolicy retry;
    private final Outbox outbox;
    private OutboxRelay relay;
    /** The deliveries of this process's claims, until the claim is finished or given back. */
    private final Map<Claim, D> held = new ConcurrentHashMap<>();

    RelayedJobQueue(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock,
                    RetryPolicy retry, Duration lease) {
        super(new JobRecords(dataSource, clock, retry, lease));
        this.transactions = new TransactionTemplate(transactionManager);
        this.retry = retry;
        this.outbox = new Outbox(dataSource, records.postgres());
    }

    /** Starts relaying the outbox to {@code broker}; called once, when the broker is ready to take messages. */
    final void startRelay(OutboxRelay.Publisher publisher, String broker, Duration pollInterval) {
        relay = new OutboxRelay(outbox, transactions, publisher, broker, pollInterval);
        relay.start();
    }

    /** The queue workers consume. */
    abstract String jobsQueue();

    /** The queue of jobs past their last attempt and of messages that are not a job id. */
    abstract String deadLetters();

    /** Where a job's message goes to wait out {@code backOff} after a failed attempt before it reaches the workers. */
    abstract String retryQueue(Duration backOff);

    /** Removes a delivery from the broker for good. */
    abstract void settle(D delivery);

    /**
     * How many messages wait in the jobs queue for a consumer; those delivered and not yet settled (the messages
     * of running jobs) and those delayed do not count.
     *
     * @throws RuntimeException when the broker cannot be reached or does not answer in time
     */
    abstract long waitingMessages();

    @Override
    public void enqueue(Collection<NewJob> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            Instant now = records.now();
            records.insert(jobs, now);
            jobs.forEach(job -> send(job.id(), jobsQueue(), null, now));
        });
    }

    @Override
    public boolean succeeded(Job job) {
        D delivery = held.remove(Claim.of(job));
        try {
            return records.succeed(job, records.now());
        } finally {
            settleHeld(delivery);
        }
    }

    @Override
    public Optional<Job> failed(Job job, JobFailure failure) {
        D delivery = held.remove(Claim.of(job));
        try {
            return transactions.execute(status -> {
                Instant now = records.now();
                Optional<JobState> next = records.fail(job, failure, now);
                if (next.isEmpty()) {
                    return Optional.<Job>empty();
                }
                Job failed = records.find(job.id()).orElseThrow();
                switch (next.get()) {
                    case QUEUED -> send(job.id(), retryQueue(retry.delayAfter(job.attempts())), null, now);
                    case DEAD -> send(job.id(), deadLetters(), reason(failed.errorCode(), failed.error()), now);
                    // A failed job cannot succeed by trying again: the table says why, and no queue needs it.
                    default -> {
                    }
                }
                return Optional.of(failed);
            });
        } finally {
            settleHeld(delivery);
        }
    }

    /** Queues the job again through the outbox, like every other change that makes a job ready. */
    @Override
    public void release(Job job) {
        D delivery = held.remove(Claim.of(job));
        try {
            transactions.executeWithoutResult(status -> {
                Instant now = records.now();
                if (records.release(job, now)) {
                    send(job.id(), jobsQueue(), null, now);
                }
            });
        } finally {
            settleHeld(delivery);
        }
    }

    @Override
    public int reclaimExpiredLeases() {
        return transactions.execute(status -> {
            Instant now = records.now();
            JobRecords.Reclaimed reclaimed = records.reclaim(now);
            reclaimed.queued().forEach(job -> send(job, jobsQueue(), null, now));
            String expired = reason(JobRecords.LEASE_EXPIRED.code(), JobRecords.LEASE_EXPIRED.message());
            reclaimed.dead().forEach(job -> send(job, deadLetters(), expired, now));
            return reclaimed.count();
        });
    }

    @Override
    public Optional<Job> requeue(UUID id) {
        return transactions.execute(status -> {
            Instant now = records.now();
            if (!records.requeue(id, now)) {
                return Optional.<Job>empty();
            }
            send(id, jobsQueue(), null, now);
            return records.find(id);
        });
    }

    /**
     * Sends the message of jobs the broker seems to have lost again, through the outbox: when the jobs queue holds
     * fewer messages than there are ready jobs with no message in the outbox, as many of those jobs as are missing
     * (at most {@value #MAX_REPUBLISHED} at a time), oldest first, among those ready for longer than {@code grace}
     * and not sent again within it. A job whose message was not lost after all gets a duplicate, which is dropped
     * when it arrives after the job has been claimed; a job that merely waits its turn is not sent again while the
     * broker holds as many messages as there are ready jobs.
     */
    final Republished republishLost(Duration grace) {
        // The broker first: a message consumed in between then shows as its job claimed too, never as lost.
        long waiting = waitingMessages();
        return transactions.execute(status -> {
            Instant now = records.now();
            long ready = records.readyWithoutOutboxMessage(now, now.minus(grace));
            List<UUID> sent = List.of();
            if (ready > waiting) {
                sent = records.markRepublished(now, now.minus(grace), (int) Math.min(ready - waiting, MAX_REPUBLISHED));
                sent.forEach(job -> send(job, jobsQueue(), null, now));
            }
            return new Republished(ready, waiting, sent);
        });
    }

    /** Stops the relay; a message it had not sent stays in the outbox for the next relay to poll. */
    @Override
    public void close() throws InterruptedException {
        if (relay != null) {
            relay.close();
        }
    }

    /**
     * Claims the delivered job for {@code worker}; or tells that the delivery is early, for a job still waiting out
     * its back-off (a copy sent twice, or this clock behind the one that set it); or that the job needs nothing from
     * it: gone with its image, running under another claim, or finished.
     */
    final Take take(UUID job, String worker) {
        Instant now = records.now();
        if (records.claim(job, worker, now)) {
            return new Take.Claimed();
        }
        Optional<Job> found = records.find(job);
        if (found.isPresent() && found.get().state() == JobState.QUEUED && found.get().runAt().isAfter(now)) {
            return new Take.Early(Duration.between(now, found.get().runAt()));
        }
        return new Take.Unneeded();
    }

    /**
     * The claimed jobs, oldest first, each held with its delivery until it is finished or given back; the
     * deliveries of jobs deleted with their image since they were claimed are settled, as nothing is left to run.
     */
    final List<Job> hold(Map<UUID, D> claimed) {
        List<Job> jobs = claimed.isEmpty() ? List.of() : records.find(List.copyOf(claimed.keySet()));
        Map<UUID, D> left = new HashMap<>(claimed);
        jobs.forEach(job -> held.put(Claim.of(job), left.remove(job.id())));
        left.values().forEach(this::settle);
        return jobs;
    }

    /** The delivery of a claim this process holds, if it still does. */
    final Optional<D> delivery(Job job) {
        return Optional.ofNullable(held.get(Claim.of(job)));
    }

    /** The job a message's body names, or empty when the body is not a job id. */
    static Optional<UUID> jobId(String body) {
        try {
            UUID id = UUID.fromString(body);
            // fromString also reads forms such as "1-2-3-4-5"; a job id is written in the canonical one.
            return id.toString().equals(body) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The reason of a dead letter, such as {@code storage.unavailable: the store did not answer}. */
    static String reason(String code, String message) {
        return code + ": " + message;
    }

    /** Writes a message about {@code job} for {@code queue} to the outbox, and wakes the relay once it commits. */
    private void send(UUID job, String queue, String reason, Instant now) {
        outbox.add(job, queue, reason, now);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }

    /**
     * Settles a finished claim's delivery, whatever became of the job: if the claim was lost, the job is another
     * claim's now, or its expired lease will be reclaimed, which sends a message of its own.
     */
    private void settleHeld(D delivery) {
        if (delivery != null) {
            settle(delivery);
        }
    }

    /**
     * What one look for lost messages found: {@code ready} jobs with no message in the outbox, {@code waiting}
     * messages in the jobs queue, and the jobs whose message was sent again.
     */
    record Republished(long ready, long waiting, List<UUID> jobs) {
    }

    /** What a delivery of a job id turned out to be for. */
    sealed interface Take {

        /** The job is the claimer's now. */
        record Claimed() implements Take {
        }

        /** The job waits out its back-off for {@code left} more. */
        record Early(Duration left) implements Take {
        }

        /** The job is gone, running under another claim, or finished. */
        record Unneeded() implements Take {
        }
    }

    /** One claim of a job: the same worker and attempt, as the jobs table checks before any change. */
    private record Claim(UUID job, String worker, int attempts) {

        static Claim of(Job job) {
            return new Claim(job.id(), job.worker(), job.attempts());
        }
    }
}
