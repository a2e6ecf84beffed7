package io.pixbox.server.image;

import io.pixbox.imaging.format.ImageFormat;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The image records: stored originals (one per content hash), the images that point at them, and their variants. */
@Repository
public class Images {

    private static final String IMAGE_COLUMNS = """
            i.id, i.owner_id, i.file_name, i.content_type, o.format, o.bytes, o.width, o.height, i.sha256,
            o.object_key, i.created_at""";

    private final JdbcClient jdbc;

    Images(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the stored original for these bytes unless it is recorded already. */
    void insertOriginalIfAbsent(String sha256, String objectKey, ImageFormat format, long bytes, int width,
                                int height, Instant now) {
        jdbc.sql("""
                        INSERT INTO originals (sha256, object_key, format, bytes, width, height, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(sha256, objectKey, format.name(), bytes, width, height, timestamp(now))
                .update();
    }

    /**
     * Locks the original's row until the transaction ends, so that storing, recording and removing the bytes
     * of one hash happen one at a time; false when there is no such original.
     */
    boolean lockOriginal(String sha256) {
        return jdbc.sql("SELECT sha256 FROM originals WHERE sha256 = ? FOR UPDATE")
                .param(sha256).query(String.class).optional().isPresent();
    }

    void deleteOriginal(String sha256) {
        jdbc.sql("DELETE FROM originals WHERE sha256 = ?").param(sha256).update();
    }

    void insert(UUID id, UUID owner, String fileName, String contentType, String sha256, Instant now) {
        jdbc.sql("""
                        INSERT INTO images (id, owner_id, file_name, content_type, sha256, created_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(id, owner, fileName, contentType, sha256, timestamp(now))
                .update();
    }

    public Optional<Image> find(UUID id) {
        return jdbc.sql("SELECT " + IMAGE_COLUMNS + " FROM images i JOIN originals o ON o.sha256 = i.sha256 WHERE i.id = ?")
                .param(id).query(Images::image).optional();
    }

    /** Images with this original file name, newest first. */
    public List<Image> findByFileName(String fileName, int limit) {
        return jdbc.sql("SELECT " + IMAGE_COLUMNS + """
                         FROM images i JOIN originals o ON o.sha256 = i.sha256
                        WHERE i.file_name = ? ORDER BY i.created_at DESC, i.id DESC LIMIT ?""")
                .params(fileName, limit).query(Images::image).list();
    }

    /** Up to {@code limit} images, newest first, starting after {@code after} when it is given. */
    public List<Image> page(Optional<PageCursor> after, int limit) {
        if (after.isEmpty()) {
            return jdbc.sql("SELECT " + IMAGE_COLUMNS + """
                             FROM images i JOIN originals o ON o.sha256 = i.sha256
                            ORDER BY i.created_at DESC, i.id DESC LIMIT ?""")
                    .param(limit).query(Images::image).list();
        }
        PageCursor cursor = after.get();
        return jdbc.sql("SELECT " + IMAGE_COLUMNS + """
                         FROM images i JOIN originals o ON o.sha256 = i.sha256
                        WHERE i.created_at < ? OR (i.created_at = ? AND i.id < ?)
                        ORDER BY i.created_at DESC, i.id DESC LIMIT ?""")
                .params(timestamp(cursor.createdAt()), timestamp(cursor.createdAt()), cursor.id(), limit)
                .query(Images::image).list();
    }

    /** Deletes the image and, through the foreign key, its variant records. */
    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM images WHERE id = ?").param(id).update() == 1;
    }

    long countWithHash(String sha256) {
        return jdbc.sql("SELECT COUNT(*) FROM images WHERE sha256 = ?").param(sha256).query(Long.class).single();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM images").query(Long.class).single();
    }

    public List<Variant> variants(UUID imageId) {
        return jdbc.sql("""
                        SELECT id, image_id, recipe, object_key, format, bytes, width, height, created_at
                          FROM variants WHERE image_id = ? ORDER BY created_at, id""")
                .param(imageId).query(Images::variant).list();
    }

    public Optional<Variant> variant(UUID imageId, UUID variantId) {
        return jdbc.sql("""
                        SELECT id, image_id, recipe, object_key, format, bytes, width, height, created_at
                          FROM variants WHERE image_id = ? AND id = ?""")
                .params(imageId, variantId).query(Images::variant).optional();
    }

    /** A variant another image with the same bytes already has for this recipe, if any. */
    public Optional<Variant> sharedVariant(String sha256, String recipe) {
        return jdbc.sql("""
                        SELECT v.id, v.image_id, v.recipe, v.object_key, v.format, v.bytes, v.width, v.height, v.created_at
                          FROM variants v JOIN images i ON i.id = v.image_id
                         WHERE i.sha256 = ? AND v.recipe = ? LIMIT 1""")
                .params(sha256, recipe).query(Images::variant).optional();
    }

    /** Records the variant, replacing the image's earlier one for the same recipe (a redelivered job). */
    void saveVariant(Variant variant) {
        int updated = jdbc.sql("""
                        UPDATE variants SET object_key = ?, format = ?, bytes = ?, width = ?, height = ?, created_at = ?
                         WHERE image_id = ? AND recipe = ?""")
                .params(variant.objectKey(), variant.format().name(), variant.bytes(), variant.width(),
                        variant.height(), timestamp(variant.createdAt()), variant.imageId(), variant.recipe())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO variants (id, image_id, recipe, object_key, format, bytes, width, height, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(variant.id(), variant.imageId(), variant.recipe(), variant.objectKey(),
                            variant.format().name(), variant.bytes(), variant.width(), variant.height(),
                            timestamp(variant.createdAt()))
                    .update();
        }
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Image image(ResultSet row, int number) throws SQLException {
        return new Image(row.getObject("id", UUID.class), row.getObject("owner_id", UUID.class), row.getString("file_name"),
                row.getString("content_type"), ImageFormat.valueOf(row.getString("format")), row.getLong("bytes"),
                row.getInt("width"), row.getInt("height"), row.getString("sha256"), row.getString("object_key"),
                row.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static Variant variant(ResultSet row, int number) throws SQLException {
        return new Variant(row.getObject("id", UUID.class), row.getObject("image_id", UUID.class),
                row.getString("recipe"), row.getString("object_key"), ImageFormat.valueOf(row.getString("format")),
                row.getLong("bytes"), row.getInt("width"), row.getInt("height"),
                row.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
