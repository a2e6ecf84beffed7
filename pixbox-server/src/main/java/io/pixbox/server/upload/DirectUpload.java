package io.pixbox.server.upload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One direct upload as recorded: what the client announced, where its bytes go, and how it ended.
 *
 * @param recipes   canonical recipes to run besides the default presets
 * @param objectKey the staging key in the originals store the signed request puts the bytes under
 * @param errorCode the stable code of the reason a failed upload failed, such as image.unsupported_format
 * @param imageId   the image made of it, once completed
 */
public record DirectUpload(UUID id, UUID ownerId, String fileName, String contentType, long bytes,
                           List<String> recipes, String objectKey, State state, String errorCode,
                           String reason, UUID imageId, Instant createdAt, Instant expiresAt,
                           Instant finishedAt) {

    /** Where an upload is: waiting for its bytes, or one of the ends, each final. */
    public enum State {
        PENDING, COMPLETED, FAILED, EXPIRED;

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The staging key of an upload: {@code uploads/<id>}, apart from the content-addressed originals. */
    static String stagingKey(UUID id) {
        return STAGING_PREFIX + id;
    }

    /** The prefix of every staging key in the originals store. */
    public static final String STAGING_PREFIX = "uploads/";
}
