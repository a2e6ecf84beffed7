package io.pixbox.server.upload;

import io.pixbox.server.upload.DirectUpload.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The direct-upload records. */
@Repository
class DirectUploads {

    private static final String COLUMNS = """
            id, owner_id, file_name, content_type, bytes, recipes, object_key, state, error_code, reason, image_id,
            created_at, expires_at, finished_at""";

    private final JdbcClient jdbc;

    DirectUploads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(DirectUpload upload) {
        jdbc.sql("INSERT INTO uploads (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(upload.id(), upload.ownerId(), upload.fileName(), upload.contentType(), upload.bytes(),
                        String.join("\n", upload.recipes()), upload.objectKey(), upload.state().text(),
                        upload.errorCode(), upload.reason(), upload.imageId(), timestamp(upload.createdAt()),
                        timestamp(upload.expiresAt()), timestamp(upload.finishedAt()))
                .update();
    }

    Optional<DirectUpload> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM uploads WHERE id = ?").param(id).query(DirectUploads::upload)
                .optional();
    }

    /** The upload, its row locked until the transaction ends so that it is completed once. */
    Optional<DirectUpload> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM uploads WHERE id = ? FOR UPDATE").param(id)
                .query(DirectUploads::upload).optional();
    }

    void completed(UUID id, UUID imageId, Instant now) {
        jdbc.sql("UPDATE uploads SET state = 'completed', image_id = ?, finished_at = ? WHERE id = ?")
                .params(imageId, timestamp(now), id).update();
    }

    void failed(UUID id, State state, String errorCode, String reason, Instant now) {
        jdbc.sql("UPDATE uploads SET state = ?, error_code = ?, reason = ?, finished_at = ? WHERE id = ?")
                .params(state.text(), errorCode, reason.length() > 1000 ? reason.substring(0, 1000) : reason,
                        timestamp(now), id)
                .update();
    }

    /** Up to {@code limit} pending uploads whose time ran out before {@code now}, oldest first. */
    List<UUID> expiredBefore(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM uploads WHERE state = 'pending' AND expires_at < ? ORDER BY expires_at LIMIT ?")
                .params(timestamp(now), limit).query(UUID.class).list();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static DirectUpload upload(ResultSet row, int number) throws SQLException {
        String recipes = row.getString("recipes");
        return new DirectUpload(row.getObject("id", UUID.class), row.getObject("owner_id", UUID.class),
                row.getString("file_name"), row.getString("content_type"), row.getLong("bytes"),
                recipes.isEmpty() ? List.of() : Arrays.asList(recipes.split("\n")), row.getString("object_key"),
                State.valueOf(row.getString("state").toUpperCase(Locale.ROOT)), row.getString("error_code"),
                row.getString("reason"), row.getObject("image_id", UUID.class), instant(row, "created_at"),
                instant(row, "expires_at"), instant(row, "finished_at"));
    }
}
