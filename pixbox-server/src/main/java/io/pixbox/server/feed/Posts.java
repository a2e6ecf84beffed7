package io.pixbox.server.feed;

import io.pixbox.server.image.PageCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The post records and which images each shows. */
@Repository
class Posts {

    private static final String COLUMNS = "p.id, p.owner_id, a.username, p.caption, p.created_at, p.updated_at";
    private static final String FROM = " FROM posts p JOIN accounts a ON a.id = p.owner_id ";

    private final JdbcClient jdbc;

    Posts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID ownerId, String caption, List<UUID> imageIds, Instant now) {
        jdbc.sql("INSERT INTO posts (id, owner_id, caption, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, ownerId, caption, timestamp(now), timestamp(now)).update();
        for (int i = 0; i < imageIds.size(); i++) {
            jdbc.sql("INSERT INTO post_images (post_id, image_id, position) VALUES (?, ?, ?)")
                    .params(id, imageIds.get(i), i).update();
        }
    }

    Optional<Post> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + "WHERE p.id = ?").param(id).query(this::post).optional();
    }

    /** Up to {@code limit} posts, newest first, after the cursor if given, by one owner if given. */
    List<Post> page(Optional<UUID> owner, Optional<PageCursor> after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + FROM + "WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        owner.ifPresent(id -> {
            sql.append(" AND p.owner_id = ?");
            params.add(id);
        });
        after.ifPresent(cursor -> {
            sql.append(" AND (p.created_at < ? OR (p.created_at = ? AND p.id < ?))");
            params.add(timestamp(cursor.createdAt()));
            params.add(timestamp(cursor.createdAt()));
            params.add(cursor.id());
        });
        sql.append(" ORDER BY p.created_at DESC, p.id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(this::post).list();
    }

    void updateCaption(UUID id, String caption, Instant now) {
        jdbc.sql("UPDATE posts SET caption = ?, updated_at = ? WHERE id = ?").params(caption, timestamp(now), id).update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM posts WHERE id = ?").param(id).update();
    }

    /** Whether any post other than {@code except} shows the image. */
    boolean shownElsewhere(UUID imageId, UUID except) {
        return jdbc.sql("SELECT COUNT(*) FROM post_images WHERE image_id = ? AND post_id <> ?")
                .params(imageId, except).query(Long.class).single() > 0;
    }

    private List<UUID> imageIds(UUID postId) {
        return jdbc.sql("SELECT image_id FROM post_images WHERE post_id = ? ORDER BY position")
                .param(postId).query(UUID.class).list();
    }

    private Post post(ResultSet row, int number) throws SQLException {
        UUID id = row.getObject("id", UUID.class);
        return new Post(id, row.getObject("owner_id", UUID.class), row.getString("username"), row.getString("caption"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("updated_at", OffsetDateTime.class).toInstant(), imageIds(id));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
