package io.pixbox.server.storage;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A request anyone holding it may make once, until it expires, to put one object into a store without Pixbox in
 * between: {@code PUT url} with exactly these headers and the bytes as the body.
 */
public record PresignedPut(URI url, Map<String, String> headers, Instant expiresAt) {

    public PresignedPut {
        headers = Map.copyOf(headers);
    }
}
