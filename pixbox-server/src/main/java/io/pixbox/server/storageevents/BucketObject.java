package io.pixbox.server.storageevents;

import java.time.Instant;
import java.util.UUID;

/**
 * An object that appeared in the originals store by a route of its own, as last reconciled.
 *
 * @param key       its key in the originals store (after the store's prefix)
 * @param version   its length and modification time when it was taken in, to tell a repeated event from a new object
 * @param state     imported (imageId names the image), rejected (errorCode and reason say why), or removed
 */
public record BucketObject(String key, String version, Long bytes, State state, String errorCode, String reason,
                           UUID imageId, Instant updatedAt) {

    /** What became of the object. */
    public enum State {
        IMPORTED, REJECTED, REMOVED;

        String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
