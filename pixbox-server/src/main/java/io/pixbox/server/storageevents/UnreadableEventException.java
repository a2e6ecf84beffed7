package io.pixbox.server.storageevents;

/** A message that is not a storage notification Pixbox can read; it is dropped, not retried. */
class UnreadableEventException extends RuntimeException {

    UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
