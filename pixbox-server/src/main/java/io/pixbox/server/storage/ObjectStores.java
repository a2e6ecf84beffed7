package io.pixbox.server.storage;

/**
 * The two places bytes go: originals as uploaded, and the variants workers make. They may be one
 * bucket under two prefixes, two buckets, or two directories.
 */
public record ObjectStores(ObjectStore originals, ObjectStore variants) {
}
