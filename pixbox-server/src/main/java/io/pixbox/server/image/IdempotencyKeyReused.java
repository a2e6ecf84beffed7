package io.pixbox.server.image;

/** An upload came with an idempotency key that an earlier upload of other files or recipes already used. */
public class IdempotencyKeyReused extends RuntimeException {

    IdempotencyKeyReused(String key) {
        super("Idempotency-Key \"" + key + "\" was used for an upload of other files or recipes; "
                + "send a new key for a new upload, the same key only to retry the same upload");
    }
}
