package io.pixbox.server.storageevents;

/**
 * One change to one object that a store reported: it was created (put, copied, completed) or removed.
 *
 * @param key the object's key in the bucket, decoded from the URL encoding notifications use
 */
public record StorageEvent(Kind kind, String bucket, String key) {

    /** What happened to the object. */
    public enum Kind { CREATED, REMOVED }
}
