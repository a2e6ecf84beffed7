package io.pixbox.server.storage;

/** Storage settings that cannot work, found at start-up: what is wrong, and what to change. */
class StorageSetupException extends RuntimeException {

    private final String action;

    StorageSetupException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    /** What the operator should change, naming the setting and its environment variable. */
    String action() {
        return action;
    }
}
