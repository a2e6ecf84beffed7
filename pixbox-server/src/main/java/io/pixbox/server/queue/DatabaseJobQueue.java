package io.pixbox.server.queue;

import static io.pixbox.server.queue.JobState.DEAD;
import static io.pixbox.server.queue.JobState.FAILED;
import static io.pixbox.server.queue.JobState.QUEUED;
import static io.pixbox.server.queue.JobState.RUNNING;
import static io.pixbox.server.queue.JobState.SUCCEEDED;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link JobQueue} on the {@code jobs} table, on PostgreSQL or H2; on PostgreSQL, waiting workers in every
 * process are woken through LISTEN/NOTIFY.
 */
final class DatabaseJobQueue implements JobQueue, AutoCloseable {

    private static final String LEASE_EXPIRED = "worker.lease_expired";
    private static final String COLUMNS = "id, image_id, recipe, state, attempts, max_attempts, error_code, error, "
            + "created_at, run_at, started_at, finished_at, worker, lease_until";
    // A worker changes a job only while it is the same claim (a new claim counts one more attempt) and the lease holds.
    private static final String HELD = "id = :id AND worker = :worker AND attempts = :attempts AND lease_until > :now";
    private static final int MAX_ERROR_CODE = 100;
    private static final int MAX_ERROR = 2000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final RetryPolicy retry;
    private final Duration lease;
    private final Duration pollInterval;
    private final JobSignal signal = new JobSignal();
    private final boolean postgres;
    private final PostgresJobListener listener; // null on H2, where only this process's own commits wake it

    DatabaseJobQueue(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock,
                     RetryPolicy retry, Duration lease, Duration pollInterval) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.retry = retry;
        this.lease = lease;
        this.pollInterval = pollInterval;
        this.postgres = isPostgres(dataSource);
        this.listener = postgres ? new PostgresJobListener(dataSource, signal) : null;
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
            OffsetDateTime now = timestamp(now());
            for (NewJob job : jobs) {
                jdbc.sql("""
                                INSERT INTO jobs (id, image_id, recipe, state, attempts, max_attempts, created_at, run_at)
                                VALUES (:id, :imageId, :recipe, :state, 0, :maxAttempts, :now, :now)""")
                        .param("id", job.id()).param("imageId", job.imageId()).param("recipe", job.recipe())
                        .param("state", QUEUED.text()).param("maxAttempts", retry.maxAttempts()).param("now", now)
                        .update();
            }
            announce();
        });
    }

    @Override
    public List<Job> claim(String worker, int max, Duration wait) throws InterruptedException {
        Objects.requireNonNull(worker, "worker");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
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
            Instant now = now();
            List<UUID> seen;
            List<UUID> claimed = new ArrayList<>();
            do {
                seen = ready(now, max);
                for (UUID id : seen) {
                    if (claimOne(id, worker, now)) {
                        claimed.add(id);
                    }
                }
                // Without row locks (H2) other workers may have taken every job seen; more may be ready.
            } while (claimed.isEmpty() && !seen.isEmpty());
            return claimed.isEmpty() ? List.<Job>of() : jobs(claimed);
        });
    }

    private List<UUID> ready(Instant now, int max) {
        // H2 2.4 accepts SKIP LOCKED but applies LIMIT before skipping, answering nothing while others hold the
        // oldest rows; there the conditional UPDATE in claimOne alone keeps a job to one worker.
        String lock = postgres ? " FOR UPDATE SKIP LOCKED" : "";
        return jdbc.sql("SELECT id FROM jobs WHERE state = :queued AND run_at <= :now ORDER BY run_at, seq LIMIT :max"
                        + lock)
                .param("queued", QUEUED.text()).param("now", timestamp(now)).param("max", max)
                .query(UUID.class).list();
    }

    private boolean claimOne(UUID id, String worker, Instant now) {
        return move(Set.of(QUEUED), RUNNING, """
                        UPDATE jobs SET state = :to, worker = :worker, attempts = attempts + 1, started_at = :now,
                                        lease_until = :leaseUntil
                        WHERE id = :id AND state IN (:from) AND run_at <= :now""")
                .param("id", id).param("worker", worker).param("now", timestamp(now))
                .param("leaseUntil", timestamp(now.plus(lease)))
                .update() == 1;
    }

    /** How long a claimer that found nothing may wait: until the next retry is due, at most the poll interval. */
    private Duration untilNextRetry() {
        Instant now = now();
        return jdbc.sql("SELECT MIN(run_at) FROM jobs WHERE state = :queued AND run_at > :now")
                .param("queued", QUEUED.text()).param("now", timestamp(now))
                .query(OffsetDateTime.class).optional()
                .map(next -> shortest(pollInterval, Duration.between(now, next.toInstant())))
                .orElse(pollInterval);
    }

    @Override
    public boolean heartbeat(Job job) {
        Instant now = now();
        return held(jdbc.sql("UPDATE jobs SET lease_until = :leaseUntil WHERE state = :running AND " + HELD), job, now)
                .param("running", RUNNING.text()).param("leaseUntil", timestamp(now.plus(lease)))
                .update() == 1;
    }

    @Override
    public boolean succeeded(Job job) {
        Instant now = now();
        return held(move(Set.of(RUNNING), SUCCEEDED, """
                        UPDATE jobs SET state = :to, finished_at = :now, lease_until = NULL
                        WHERE state IN (:from) AND\s""" + HELD), job, now)
                .update() == 1;
    }

    @Override
    public Optional<Job> failed(Job job, JobFailure failure) {
        if (job.state() != RUNNING) {
            return Optional.empty(); // not a claim's handle, so not held
        }
        JobState next = failure.permanent() ? FAILED : job.attempts() < job.maxAttempts() ? QUEUED : DEAD;
        // A job queued again waits for its back-off; one that is over is finished.
        String timing = next == QUEUED ? "run_at = :retryAt" : "finished_at = :now";
        return transactions.execute(status -> {
            Instant now = now();
            int updated = held(move(Set.of(RUNNING), next, """
                            UPDATE jobs SET state = :to, error_code = :code, error = :error, lease_until = NULL,\s"""
                            + timing + " WHERE state IN (:from) AND " + HELD), job, now)
                    .param("code", truncate(failure.code(), MAX_ERROR_CODE))
                    .param("error", truncate(failure.message(), MAX_ERROR))
                    .param("retryAt", timestamp(now.plus(retry.delayAfter(job.attempts()))))
                    .update();
            if (updated == 0) {
                return Optional.<Job>empty();
            }
            if (next == QUEUED) {
                announce();
            }
            return find(job.id());
        });
    }

    @Override
    public void release(Job job) {
        transactions.executeWithoutResult(status -> {
            Instant now = now();
            int updated = held(move(Set.of(RUNNING), QUEUED, """
                            UPDATE jobs SET state = :to, attempts = attempts - 1, run_at = :now, lease_until = NULL
                            WHERE state IN (:from) AND\s""" + HELD), job, now)
                    .update();
            if (updated == 1) {
                announce();
            }
        });
    }

    @Override
    public int reclaimExpiredLeases() {
        return transactions.execute(status -> {
            Instant now = now();
            int dead = reclaim(DEAD, "finished_at = :now", "attempts >= max_attempts", now);
            int queued = reclaim(QUEUED, "run_at = :now", "attempts < max_attempts", now);
            if (queued > 0) {
                announce();
            }
            return dead + queued;
        });
    }

    private int reclaim(JobState next, String timing, String attempts, Instant now) {
        return move(Set.of(RUNNING), next, "UPDATE jobs SET state = :to, error_code = :code, error = :error, "
                        + "lease_until = NULL, " + timing
                        + " WHERE state IN (:from) AND lease_until <= :now AND " + attempts)
                .param("code", LEASE_EXPIRED).param("error", "the worker stopped renewing its lease")
                .param("now", timestamp(now))
                .update();
    }

    @Override
    public Optional<Job> requeue(UUID id) {
        return transactions.execute(status -> {
            int updated = move(Set.of(FAILED, DEAD), QUEUED, """
                            UPDATE jobs SET state = :to, attempts = 0, run_at = :now, finished_at = NULL
                            WHERE id = :id AND state IN (:from)""")
                    .param("id", id).param("now", timestamp(now()))
                    .update();
            if (updated == 0) {
                return Optional.<Job>empty();
            }
            announce();
            return find(id);
        });
    }

    @Override
    public Optional<Job> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = :id").param("id", id)
                .query(DatabaseJobQueue::job).optional();
    }

    @Override
    public List<Job> forImage(UUID imageId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE image_id = :imageId ORDER BY seq")
                .param("imageId", imageId)
                .query(DatabaseJobQueue::job).list();
    }

    @Override
    public void deleteForImage(UUID imageId) {
        jdbc.sql("DELETE FROM jobs WHERE image_id = :imageId").param("imageId", imageId).update();
    }

    @Override
    public Map<JobState, Long> countByState() {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            counts.put(state, 0L);
        }
        jdbc.sql("SELECT state, COUNT(*) FROM jobs GROUP BY state")
                .query(rs -> {
                    counts.put(JobState.fromText(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    @Override
    public long depth() {
        return jdbc.sql("SELECT COUNT(*) FROM jobs WHERE state = :queued AND run_at <= :now")
                .param("queued", QUEUED.text()).param("now", timestamp(now()))
                .query(Long.class).single();
    }

    /** Stops listening for notifications. */
    @Override
    public void close() throws InterruptedException {
        if (listener != null) {
            listener.close();
        }
    }

    /** An UPDATE that moves jobs from the states {@code :from} to {@code :to}; only transitions JobState allows. */
    private StatementSpec move(Set<JobState> from, JobState to, String sql) {
        from.forEach(state -> state.checkMoveTo(to));
        return jdbc.sql(sql).param("from", from.stream().map(JobState::text).toList()).param("to", to.text());
    }

    private static StatementSpec held(StatementSpec statement, Job job, Instant now) {
        return statement.param("id", job.id()).param("worker", job.worker()).param("attempts", job.attempts())
                .param("now", timestamp(now));
    }

    private List<Job> jobs(List<UUID> ids) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id IN (:ids) ORDER BY run_at, seq")
                .param("ids", ids)
                .query(DatabaseJobQueue::job).list();
    }

    /**
     * Wakes claimers once the current transaction commits: in every process through NOTIFY on PostgreSQL (which
     * delivers at commit, and never for a rollback), and in this one directly.
     */
    private void announce() {
        if (postgres) {
            jdbc.sql("SELECT pg_notify('" + PostgresJobListener.CHANNEL + "', '')").query().listOfRows();
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signal.fire();
            }
        });
    }

    /** The clock's time at the precision both databases keep, so that a time read back equals the one written. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Duration shortest(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    private static Job job(ResultSet row, int rowNumber) throws SQLException {
        return new Job(row.getObject("id", UUID.class), row.getObject("image_id", UUID.class),
                row.getString("recipe"), JobState.fromText(row.getString("state")), row.getInt("attempts"),
                row.getInt("max_attempts"), row.getString("error_code"), row.getString("error"),
                instant(row, "created_at"), instant(row, "run_at"), instant(row, "started_at"),
                instant(row, "finished_at"), row.getString("worker"), instant(row, "lease_until"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            return "PostgreSQL".equals(
                    JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Cannot tell which database holds the jobs: " + e.getMessage(), e);
        }
    }
}
