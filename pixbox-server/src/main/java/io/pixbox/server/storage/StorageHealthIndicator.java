package io.pixbox.server.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The {@code storage} health: where each store keeps its bytes, and DOWN with the reason when one cannot be used. */
class StorageHealthIndicator implements HealthIndicator {

    private final ObjectStores stores;

    StorageHealthIndicator(ObjectStores stores) {
        this.stores = stores;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up()
                .withDetail("originals", stores.originals().describe())
                .withDetail("variants", stores.variants().describe());
        try {
            check(stores.originals());
            check(stores.variants());
            return health.build();
        } catch (StorageUnavailableException e) {
            return health.down().withDetail("reason", e.getMessage()).build();
        }
    }

    private static void check(ObjectStore store) {
        switch (store) {
            case FileSystemObjectStore files -> files.checkWritable();
            case S3ObjectStore bucket -> bucket.checkBucket();
            default -> throw new StorageUnavailableException("no health check for " + store.describe(), null);
        }
    }
}
