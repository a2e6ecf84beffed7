package io.pixbox.server.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link JobQueue} on the {@code jobs} table, on PostgreSQL or H2; on PostgreSQL, waiting workers in every
 * process are woken through LISTEN/NOTIFY.
 */
final class DatabaseJobQueue extends RecordedJobQueue implements AutoCloseable {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Duration pollInterval;
    private final JobSignal signal = new JobSignal();
    private final PostgresJobListener listener; // null on H2, where only this process's own commits wake it

    DatabaseJobQueue(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock,
                     RetryPolicy retry, Duration lease, Duration pollInterval) {
        super(new JobRecords(dataSource, clock, retry, lease));
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
        this.pollInterval = pollInterval;
        this.listener = records.postgres() ? new PostgresJobListener(dataSource, signal) : null;
        if (listener != null) {
            listener.start();
        }
    }

    @Override
    public void enqueue(Collection<NewJob> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            records.insert(jobs, records.now());
            announce();
        });
    }

    @Override
    public List<Job> claim(String worker, int max, Duration wait) throws InterruptedException {
        checkClaim(worker, max);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long seen = signal.generation();
            List<Job> claimed = claimReady(worker, max);
            long left = deadline - System.nanoTime();
            if (!claimed.isEmpty() || left <= 0) {
                return claimed;
            }
            signal.awaitAfter(seen, shortest(Duration.ofNanos(left), untilNextRetry()));
        }
    }

    /** Claims ready jobs, oldest first, in one transaction. */
    private List<Job> claimReady(String worker, int max) {
        return transactions.execute(status -> {
            Instant now = records.now();
            List<UUID> seen;
            List<UUID> claimed = new ArrayList<>();
            do {
                seen = records.ready(now, max);
                for (UUID id : seen) {
                    if (records.claim(id, worker, now)) {
                        claimed.add(id);
                    }
                }
                // Without row locks (H2) other workers may have taken every job seen; more may be ready.
            } while (claimed.isEmpty() && !seen.isEmpty());
            return claimed.isEmpty() ? List.<Job>of() : records.find(claimed);
        });
    }

    /** How long a claimer that found nothing may wait: until the next retry is due, at most the poll interval. */
    private Duration untilNextRetry() {
        Instant now = records.now();
        return records.nextRetry(now)
                .map(next -> shortest(pollInterval, Duration.between(now, next)))
                .orElse(pollInterval);
    }

    @Override
    public boolean succeeded(Job job) {
        return records.succeed(job, records.now());
    }

    @Override
    public Optional<Job> failed(Job job, JobFailure failure) {
        return transactions.execute(status -> {
            Optional<JobState> next = records.fail(job, failure, records.now());
            if (next.isEmpty()) {
                return Optional.<Job>empty();
            }
            if (next.get() == JobState.QUEUED) {
                announce();
            }
            return records.find(job.id());
        });
    }

    @Override
    public void release(Job job) {
        transactions.executeWithoutResult(status -> {
            if (records.release(job, records.now())) {
                announce();
            }
        });
    }

    @Override
    public int reclaimExpiredLeases() {
        return transactions.execute(status -> {
            JobRecords.Reclaimed reclaimed = records.reclaim(records.now());
            if (!reclaimed.queued().isEmpty()) {
                announce();
            }
            return reclaimed.count();
        });
    }

    @Override
    public Optional<Job> requeue(UUID id) {
        return transactions.execute(status -> {
            if (!records.requeue(id, records.now())) {
                return Optional.<Job>empty();
            }
            announce();
            return records.find(id);
        });
    }

    /** Stops listening for notifications. */
    @Override
    public void close() throws InterruptedException {
        if (listener != null) {
            listener.close();
        }
    }

    /**
     * Wakes claimers once the current transaction commits: in every process through NOTIFY on PostgreSQL (which
     * delivers at commit, and never for a rollback), and in this one directly.
     */
    private void announce() {
        if (records.postgres()) {
            jdbc.sql("SELECT pg_notify('" + PostgresJobListener.CHANNEL + "', '')").query().listOfRows();
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signal.fire();
            }
        });
    }

    private static Duration shortest(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
