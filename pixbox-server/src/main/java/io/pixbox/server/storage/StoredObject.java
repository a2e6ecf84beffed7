package io.pixbox.server.storage;

import java.time.Instant;

/** What an {@link ObjectStore} says about one stored object. */
public record StoredObject(String key, long length, String contentType, Instant lastModified) {
}
