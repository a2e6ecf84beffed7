package io.pixbox.server.processing;

import io.pixbox.server.account.Caller;
import io.pixbox.server.image.Image;
import io.pixbox.server.image.Images;
import io.pixbox.server.queue.Job;
import io.pixbox.server.queue.JobQueue;
import io.pixbox.server.queue.JobState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds jobs for people and the command line, through any API: one job its owner may see, or a list newest first
 * of an account's own or everyone's. A read of the job records joined with their images' owners; the queue itself
 * never needs it.
 */
@Component
public class JobHistory {

    public static final int MAX_PAGE = 100;

    private final JdbcClient jdbc;
    private final JobQueue queue;
    private final Images images;

    JobHistory(JdbcClient jdbc, JobQueue queue, Images images) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.images = images;
    }

    /** One page of jobs; {@code nextCursor} is null on the last. */
    public record Page(List<Entry> items, String nextCursor) {
    }

    /**
     * The job, if the caller owns its image or is an admin: jobs are private to their owners.
     *
     * @throws JobNotFoundException when there is no such job
     * @throws io.pixbox.server.account.ForbiddenException when the caller may not see it
     */
    public Job find(Caller caller, UUID id) {
        Job job = queue.find(id).orElseThrow(() -> new JobNotFoundException(id));
        Image image = images.find(job.imageId()).orElseThrow(() -> new JobNotFoundException(id));
        caller.checkOwnerOrAdmin(image.ownerId(), "job " + id);
        return job;
    }

    /**
     * Up to {@code limit} of the caller's jobs (everyone's for an admin unless {@code mine}), older than the
     * cursor, newest first.
     *
     * @throws IllegalArgumentException for a limit outside 1..100 or a cursor that is not a number
     */
    public Page page(Caller caller, Optional<JobState> state, Optional<String> cursor, int limit, boolean mine) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit: must be 1.." + MAX_PAGE + ", got " + limit);
        }
        Optional<Long> before = cursor.map(text -> {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cursor: not one this server gave out: " + text);
            }
        });
        Optional<UUID> owner = caller.admin() && !mine ? Optional.empty() : Optional.of(caller.id());
        List<Entry> page = page(owner, state, before, limit + 1);
        boolean more = page.size() > limit;
        List<Entry> shown = more ? page.subList(0, limit) : page;
        return new Page(shown, more ? Long.toString(shown.getLast().seq()) : null);
    }

    /** One listed job, with where the list continues after it. */
    public record Entry(long seq, UUID id, UUID imageId, String fileName, String recipe, JobState state, int attempts,
                        String errorCode, String error, Instant createdAt, Instant finishedAt) {
    }

    /**
     * Up to {@code limit} jobs older than {@code before} (a previous entry's {@code seq}), newest first.
     *
     * @param owner only jobs of this account's images; empty for everyone's
     */
    public List<Entry> page(Optional<UUID> owner, Optional<JobState> state, Optional<Long> before, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT j.seq, j.id, j.image_id, i.file_name, j.recipe, j.state, j.attempts, j.error_code, j.error,
                       j.created_at, j.finished_at
                  FROM jobs j JOIN images i ON i.id = j.image_id WHERE 1 = 1""");
        List<Object> params = new ArrayList<>();
        owner.ifPresent(id -> {
            sql.append(" AND i.owner_id = ?");
            params.add(id);
        });
        state.ifPresent(s -> {
            sql.append(" AND j.state = ?");
            params.add(s.text());
        });
        before.ifPresent(seq -> {
            sql.append(" AND j.seq < ?");
            params.add(seq);
        });
        sql.append(" ORDER BY j.seq DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query((row, n) -> new Entry(row.getLong("seq"),
                row.getObject("id", UUID.class), row.getObject("image_id", UUID.class), row.getString("file_name"),
                row.getString("recipe"), JobState.fromText(row.getString("state")), row.getInt("attempts"),
                row.getString("error_code"), row.getString("error"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                Optional.ofNullable(row.getObject("finished_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null)))
                .list();
    }
}
