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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The rows of the {@code jobs} table and their transitions, shared by every queue: each change runs in the
 * caller's transaction, if any, and answers what it changed so that the queue can announce it its own way.
 */
final class JobRecords {

    /** What the scheduler records on a job whose worker stopped renewing its lease. */
    static final JobFailure LEASE_EXPIRED =
            new JobFailure("worker.lease_expired", "the worker stopped renewing its lease", false);

    private static final String COLUMNS = "id, image_id, recipe, state, attempts, max_attempts, error_code, error, "
            + "created_at, run_at, started_at, finished_at, worker, lease_until";
    // A worker changes a job only while it is the same claim (a new claim counts one more attempt) and the lease holds.
    private static final String HELD = "id = :id AND worker = :worker AND attempts = :attempts AND lease_until > :now";
    private static final String NO_OUTBOX_ROW = "NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.job_id = jobs.id)";
    private static final int MAX_ERROR_CODE = 100;
    private static final int MAX_ERROR = 2000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RetryPolicy retry;
    private final Duration lease;
    private final boolean postgres;

    JobRecords(DataSource dataSource, Clock clock, RetryPolicy retry, Duration lease) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
        this.retry = retry;
        this.lease = lease;
        this.postgres = isPostgres(dataSource);
    }

    /** Whether the table is on PostgreSQL, which can lock rows and skip those others hold. */
    boolean postgres() {
        return postgres;
    }

    /** The clock's time at the precision both databases keep, so that a time read back equals the one written. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Fails unless the database answers: lets a broker's claim leave messages alone while it cannot record claims. */
    void requireReachable() {
        jdbc.sql("SELECT 1").query(Integer.class).single();
    }

    void insert(Collection<NewJob> jobs, Instant now) {
        for (NewJob job : jobs) {
            jdbc.sql("""
                            INSERT INTO jobs (id, image_id, recipe, state, attempts, max_attempts, created_at, run_at)
                            VALUES (:id, :imageId, :recipe, :state, 0, :maxAttempts, :now, :now)""")
                    .param("id", job.id()).param("imageId", job.imageId()).param("recipe", job.recipe())
                    .param("state", QUEUED.text()).param("maxAttempts", retry.maxAttempts())
                    .param("now", timestamp(now))
                    .update();
        }
    }

    /** Up to {@code max} ready jobs, oldest first; on PostgreSQL locked until the transaction ends, skipping locked ones. */
    List<UUID> ready(Instant now, int max) {
        // H2 2.4 accepts SKIP LOCKED but applies LIMIT before skipping, answering nothing while others hold the
        // oldest rows; there the conditional UPDATE in claim alone keeps a job to one worker.
        String lock = postgres ? " FOR UPDATE SKIP LOCKED" : "";
        return jdbc.sql("SELECT id FROM jobs WHERE state = :queued AND run_at <= :now ORDER BY run_at, seq LIMIT :max"
                        + lock)
                .param("queued", QUEUED.text()).param("now", timestamp(now)).param("max", max)
                .query(UUID.class).list();
    }

    /** Makes a ready job {@code worker}'s with one more attempt and a fresh lease; false when it is not ready. */
    boolean claim(UUID id, String worker, Instant now) {
        return move(Set.of(QUEUED), RUNNING, """
                        UPDATE jobs SET state = :to, worker = :worker, attempts = attempts + 1, started_at = :now,
                                        lease_until = :leaseUntil
                        WHERE id = :id AND state IN (:from) AND run_at <= :now""")
                .param("id", id).param("worker", worker).param("now", timestamp(now))
                .param("leaseUntil", timestamp(now.plus(lease)))
                .update() == 1;
    }

    /** When the earliest job waiting for its retry becomes ready, if any waits. */
    Optional<Instant> nextRetry(Instant now) {
        return jdbc.sql("SELECT MIN(run_at) FROM jobs WHERE state = :queued AND run_at > :now")
                .param("queued", QUEUED.text()).param("now", timestamp(now))
                .query(OffsetDateTime.class).optional()
                .map(OffsetDateTime::toInstant);
    }

    boolean heartbeat(Job job, Instant now) {
        return held(jdbc.sql("UPDATE jobs SET lease_until = :leaseUntil WHERE state = :running AND " + HELD), job, now)
                .param("running", RUNNING.text()).param("leaseUntil", timestamp(now.plus(lease)))
                .update() == 1;
    }

    boolean succeed(Job job, Instant now) {
        return held(move(Set.of(RUNNING), SUCCEEDED, """
                        UPDATE jobs SET state = :to, finished_at = :now, lease_until = NULL
                        WHERE state IN (:from) AND\s""" + HELD), job, now)
                .update() == 1;
    }

    /**
     * Records a failed attempt of a held job: failed when permanent, queued until its back-off ends when attempts
     * are left, else dead. Answers the state it moved to, or empty when the job was not held.
     */
    Optional<JobState> fail(Job job, JobFailure failure, Instant now) {
        if (job.state() != RUNNING) {
            return Optional.empty(); // not a claim's handle, so not held
        }
        JobState next = failure.permanent() ? FAILED : job.attempts() < job.maxAttempts() ? QUEUED : DEAD;
        // A job queued again waits for its back-off; one that is over is finished.
        String timing = next == QUEUED ? "run_at = :retryAt" : "finished_at = :now";
        int updated = held(move(Set.of(RUNNING), next, """
                        UPDATE jobs SET state = :to, error_code = :code, error = :error, lease_until = NULL,\s"""
                        + timing + " WHERE state IN (:from) AND " + HELD), job, now)
                .param("code", truncate(failure.code(), MAX_ERROR_CODE))
                .param("error", truncate(failure.message(), MAX_ERROR))
                .param("retryAt", timestamp(now.plus(retry.delayAfter(job.attempts()))))
                .update();
        return updated == 1 ? Optional.of(next) : Optional.empty();
    }

    /** Queues a held job again, ready at once, without counting the attempt; false when it was not held. */
    boolean release(Job job, Instant now) {
        return held(move(Set.of(RUNNING), QUEUED, """
                        UPDATE jobs SET state = :to, attempts = attempts - 1, run_at = :now, lease_until = NULL
                        WHERE state IN (:from) AND\s""" + HELD), job, now)
                .update() == 1;
    }

    /** Queues running jobs whose lease has expired again, ready at once, or kills those on their last attempt. */
    Reclaimed reclaim(Instant now) {
        String lock = postgres ? " FOR UPDATE SKIP LOCKED" : "";
        List<Expired> expired = jdbc.sql("SELECT id, attempts, max_attempts FROM jobs "
                        + "WHERE state = :running AND lease_until <= :now" + lock)
                .param("running", RUNNING.text()).param("now", timestamp(now))
                .query((row, n) -> new Expired(row.getObject("id", UUID.class), row.getInt("attempts"),
                        row.getInt("max_attempts")))
                .list();
        List<UUID> queued = new ArrayList<>();
        List<UUID> dead = new ArrayList<>();
        for (Expired job : expired) {
            JobState next = job.attempts() < job.maxAttempts() ? QUEUED : DEAD;
            String timing = next == QUEUED ? "run_at = :now" : "finished_at = :now";
            // Still expired and still the same attempt: a heartbeat or another reaper may have come first (H2).
            int updated = move(Set.of(RUNNING), next, "UPDATE jobs SET state = :to, error_code = :code, "
                            + "error = :error, lease_until = NULL, " + timing
                            + " WHERE id = :id AND state IN (:from) AND lease_until <= :now AND attempts = :attempts")
                    .param("id", job.id()).param("attempts", job.attempts())
                    .param("code", LEASE_EXPIRED.code()).param("error", LEASE_EXPIRED.message())
                    .param("now", timestamp(now))
                    .update();
            if (updated == 1) {
                (next == QUEUED ? queued : dead).add(job.id());
            }
        }
        return new Reclaimed(queued, dead);
    }

    /** Queues a failed or dead job again with its attempts reset, ready at once; false when it is neither. */
    boolean requeue(UUID id, Instant now) {
        return move(Set.of(FAILED, DEAD), QUEUED, """
                        UPDATE jobs SET state = :to, attempts = 0, run_at = :now, finished_at = NULL
                        WHERE id = :id AND state IN (:from)""")
                .param("id", id).param("now", timestamp(now))
                .update() == 1;
    }

    Optional<Job> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id = :id").param("id", id)
                .query(JobRecords::job).optional();
    }

    /** The jobs of those ids that exist, oldest first. */
    List<Job> find(List<UUID> ids) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE id IN (:ids) ORDER BY run_at, seq")
                .param("ids", ids)
                .query(JobRecords::job).list();
    }

    List<Job> forImage(UUID imageId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM jobs WHERE image_id = :imageId ORDER BY seq")
                .param("imageId", imageId)
                .query(JobRecords::job).list();
    }

    void deleteForImage(UUID imageId) {
        jdbc.sql("DELETE FROM jobs WHERE image_id = :imageId").param("imageId", imageId).update();
    }

    Map<JobState, Long> countByState() {
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

    long depth(Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM jobs WHERE state = :queued AND run_at <= :now")
                .param("queued", QUEUED.text()).param("now", timestamp(now))
                .query(Long.class).single();
    }

    /**
     * How many jobs are ready now with no message of theirs waiting in the outbox, leaving out those sent again after
     * {@code since}: the jobs whose messages the broker should hold. A copy sent again just now may reach the broker
     * only after the broker's count was read, so counting its job would make one more look lost.
     */
    long readyWithoutOutboxMessage(Instant now, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM jobs WHERE state = :queued AND run_at <= :now"
                        + " AND (republished_at IS NULL OR republished_at <= :since) AND " + NO_OUTBOX_ROW)
                .param("queued", QUEUED.text()).param("now", timestamp(now)).param("since", timestamp(since))
                .query(Long.class).single();
    }

    /**
     * Marks up to {@code max} jobs as sent again now and answers them, oldest first: jobs ready since before
     * {@code since}, not sent again since then either, and with no message of theirs in the outbox. On PostgreSQL
     * another scheduler doing the same skips them.
     */
    List<UUID> markRepublished(Instant now, Instant since, int max) {
        // As in ready: H2 cannot skip locked rows under a LIMIT; two schedulers there may both send a job again,
        // which costs one duplicate message that its delivery drops.
        String lock = postgres ? " FOR UPDATE SKIP LOCKED" : "";
        List<UUID> jobs = jdbc.sql("SELECT id FROM jobs WHERE state = :queued AND run_at <= :since"
                        + " AND (republished_at IS NULL OR republished_at <= :since) AND " + NO_OUTBOX_ROW
                        + " ORDER BY run_at, seq LIMIT :max" + lock)
                .param("queued", QUEUED.text()).param("since", timestamp(since)).param("max", max)
                .query(UUID.class).list();
        if (!jobs.isEmpty()) {
            jdbc.sql("UPDATE jobs SET republished_at = :now WHERE id IN (:ids)")
                    .param("now", timestamp(now)).param("ids", jobs).update();
        }
        return jobs;
    }

    /** The jobs a reclaim queued again and those it killed. */
    record Reclaimed(List<UUID> queued, List<UUID> dead) {

        int count() {
            return queued.size() + dead.size();
        }
    }

    private record Expired(UUID id, int attempts, int maxAttempts) {
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

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
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
