package io.pixbox.server.queue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code outbox} table: messages for the broker, written with the job changes they announce. */
final class Outbox {

    private final JdbcClient jdbc;
    private final boolean postgres;

    Outbox(DataSource dataSource, boolean postgres) {
        this.jdbc = JdbcClient.create(dataSource);
        this.postgres = postgres;
    }

    /** Adds a message about {@code job} for {@code queue}, in the caller's transaction. */
    void add(UUID job, String queue, String reason, Instant now) {
        jdbc.sql("INSERT INTO outbox (job_id, destination, reason, created_at) VALUES (:job, :queue, :reason, :now)")
                .param("job", job).param("queue", queue).param("reason", reason).param("now", now.atOffset(ZoneOffset.UTC))
                .update();
    }

    /**
     * Up to {@code max} messages, oldest first, locked until the caller's transaction ends so that no other relay
     * sends them too. On PostgreSQL other relays skip them and take the next ones; on H2, which cannot skip locked
     * rows under a LIMIT (see {@link JobRecords#ready}), they wait, and then find only the rows still there.
     */
    List<Message> pending(int max) {
        String lock = postgres ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
        return jdbc.sql("SELECT id, job_id, destination, reason FROM outbox ORDER BY id LIMIT :max" + lock)
                .param("max", max)
                .query((row, n) -> new Message(row.getLong("id"), row.getObject("job_id", UUID.class),
                        row.getString("destination"), row.getString("reason")))
                .list();
    }

    /** Removes sent messages. */
    void delete(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("DELETE FROM outbox WHERE id IN (:ids)").param("ids", ids).update();
        }
    }

    /** One message waiting to be published. */
    record Message(long id, UUID job, String queue, String reason) {
    }
}
