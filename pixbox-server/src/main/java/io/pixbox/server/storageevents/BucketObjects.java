package io.pixbox.server.storageevents;

import io.pixbox.server.storageevents.BucketObject.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The records of objects that storage events reported. */
@Repository
class BucketObjects {

    private static final String COLUMNS = "object_key, etag, bytes, state, error_code, reason, image_id, updated_at";

    private final JdbcClient jdbc;

    BucketObjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The record of the object under {@code key}, made (as removed, with no image) when there is none, its row locked
     * until the transaction ends so that the events of one key are reconciled one at a time.
     */
    BucketObject lock(String key, Instant now) {
        jdbc.sql("INSERT INTO bucket_objects (object_key, state, updated_at) VALUES (?, 'removed', ?) ON CONFLICT DO NOTHING")
                .params(key, timestamp(now)).update();
        return jdbc.sql("SELECT " + COLUMNS + " FROM bucket_objects WHERE object_key = ? FOR UPDATE").param(key)
                .query(BucketObjects::object).single();
    }

    void update(String key, String version, Long bytes, State state, String errorCode, String reason, UUID imageId,
                Instant now) {
        jdbc.sql("""
                        UPDATE bucket_objects SET etag = ?, bytes = ?, state = ?, error_code = ?, reason = ?, image_id = ?,
                               updated_at = ?
                         WHERE object_key = ?""")
                .params(version, bytes, state.text(), errorCode,
                        reason == null || reason.length() <= 1000 ? reason : reason.substring(0, 1000), imageId,
                        timestamp(now), key)
                .update();
    }

    Optional<BucketObject> find(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bucket_objects WHERE object_key = ?").param(key)
                .query(BucketObjects::object).optional();
    }

    /** Up to {@code limit} records in key order after {@code afterKey}, of one state or all. */
    List<BucketObject> page(Optional<State> state, String afterKey, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bucket_objects WHERE object_key > ?"
                        + (state.isPresent() ? " AND state = ?" : "") + " ORDER BY object_key LIMIT ?")
                .params(state.isPresent() ? List.of(afterKey, state.get().text(), limit) : List.of(afterKey, limit))
                .query(BucketObjects::object).list();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static BucketObject object(ResultSet row, int number) throws SQLException {
        long bytes = row.getLong("bytes");
        return new BucketObject(row.getString("object_key"), row.getString("etag"), row.wasNull() ? null : bytes,
                State.valueOf(row.getString("state").toUpperCase(Locale.ROOT)), row.getString("error_code"),
                row.getString("reason"), row.getObject("image_id", UUID.class),
                row.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
