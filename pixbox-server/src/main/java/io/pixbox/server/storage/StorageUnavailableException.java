package io.pixbox.server.storage;

/** The object store could not be reached or failed; worth retrying later. */
public class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
