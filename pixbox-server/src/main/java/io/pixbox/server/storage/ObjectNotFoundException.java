package io.pixbox.server.storage;

/** Nothing is stored under the key asked for. */
public class ObjectNotFoundException extends RuntimeException {

    public ObjectNotFoundException(String message) {
        super(message);
    }
}
