package io.pixbox.server.image;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The idempotency keys of uploads, per account: what each upload was (a fingerprint of its files and recipes) and
 * the images it made, for as long as {@link IdempotencyProperties#ttl()}.
 */
@Repository
public class UploadKeys {

    /** Visible ASCII, as HTTP header values and gRPC ASCII metadata allow; long enough for a UUID or a hash. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final JdbcClient jdbc;
    private final IdempotencyProperties settings;
    private final Clock clock;

    UploadKeys(JdbcClient jdbc, IdempotencyProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** An upload remembered under its key. */
    record Remembered(String fingerprint, List<UUID> imageIds) {
    }

    /** @throws IllegalArgumentException (request.invalid) when the key is empty, too long or not visible ASCII */
    static String valid(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Idempotency-Key: 1 to 255 visible ASCII characters, such as a UUID; got \""
                    + (key.length() > 60 ? key.substring(0, 60) + "…" : key) + "\"");
        }
        return key;
    }

    /** The upload remembered under the key, unless the key has expired (then it is forgotten now). */
    Optional<Remembered> find(UUID owner, String key) {
        jdbc.sql("DELETE FROM upload_keys WHERE owner_id = ? AND idempotency_key = ? AND created_at < ?")
                .params(owner, key, Images.timestamp(cutoff())).update();
        return jdbc.sql("SELECT fingerprint, image_ids FROM upload_keys WHERE owner_id = ? AND idempotency_key = ?")
                .params(owner, key)
                .query((row, n) -> new Remembered(row.getString("fingerprint"), ids(row.getString("image_ids"))))
                .optional();
    }

    /**
     * Claims the key for an upload in the current transaction, before anything is stored; a concurrent upload with
     * the same key then waits on the key's row and fails with a duplicate key once this one commits.
     */
    void claim(UUID owner, String key, String fingerprint) {
        jdbc.sql("INSERT INTO upload_keys (owner_id, idempotency_key, fingerprint, created_at) VALUES (?, ?, ?, ?)")
                .params(owner, key, fingerprint, Images.timestamp(clock.instant())).update();
    }

    /** Records the images the claimed upload made. */
    void record(UUID owner, String key, List<UUID> imageIds) {
        jdbc.sql("UPDATE upload_keys SET image_ids = ? WHERE owner_id = ? AND idempotency_key = ?")
                .params(String.join(",", imageIds.stream().map(UUID::toString).toList()), owner, key).update();
    }

    /** Forgets keys older than the time to live; answers how many. */
    public int sweepExpired() {
        return jdbc.sql("DELETE FROM upload_keys WHERE created_at < ?").param(Images.timestamp(cutoff())).update();
    }

    /** When the key was remembered, for tests and diagnostics. */
    public Optional<Instant> createdAt(UUID owner, String key) {
        return jdbc.sql("SELECT created_at FROM upload_keys WHERE owner_id = ? AND idempotency_key = ?")
                .params(owner, key).query((row, n) -> row.getObject("created_at", OffsetDateTime.class).toInstant())
                .optional();
    }

    private Instant cutoff() {
        return clock.instant().minus(settings.ttl());
    }

    private static List<UUID> ids(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(UUID::fromString).toList();
    }
}
