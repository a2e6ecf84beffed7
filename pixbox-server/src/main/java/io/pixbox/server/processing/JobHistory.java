package io.pixbox.server.processing;

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
 * Lists jobs newest first, an account's own or everyone's, for people and the command line. A read of the job
 * records joined with their images' owners; the queue itself never needs it.
 */
@Component
public class JobHistory {

    public static final int MAX_PAGE = 100;

    private final JdbcClient jdbc;

    JobHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
