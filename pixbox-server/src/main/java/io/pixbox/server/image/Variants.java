package io.pixbox.server.image;

import io.micrometer.core.instrument.MeterRegistry;
import io.pixbox.imaging.engine.ProcessedImage;
import io.pixbox.imaging.recipe.Recipe;
import io.pixbox.server.storage.ObjectStore;
import io.pixbox.server.storage.ObjectStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores and records what workers make, safely against the image being deleted meanwhile: a variant is recorded
 * under the lock of its original's row, and its bytes are removed again when the original is gone.
 */
@Service
public class Variants {

    private final Images images;
    private final ObjectStore store;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry metrics;

    Variants(Images images, ObjectStores stores, TransactionTemplate transactions, Clock clock, MeterRegistry metrics) {
        this.images = images;
        this.store = stores.variants();
        this.transactions = transactions;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Optional<Image> image(UUID id) {
        return images.find(id);
    }

    /**
     * Records, for this image, the variant another image with the same bytes already has for this recipe, without
     * processing anything; false when there is none to reuse.
     */
    public boolean reuse(Image image, Recipe recipe) {
        Optional<Variant> shared = images.sharedVariant(image.sha256(), recipe.toString())
                .filter(variant -> store.stat(variant.objectKey()).isPresent());
        shared.ifPresent(variant -> record(image, new Variant(UUID.randomUUID(), image.id(), variant.recipe(),
                variant.objectKey(), variant.format(), variant.bytes(), variant.width(), variant.height(), now())));
        return shared.isPresent();
    }

    /** Stores the processed file under the variant's content key and records it. */
    public Variant store(Image image, Recipe recipe, ProcessedImage result, Path file) {
        String key = ContentKeys.variant(image.sha256(), recipe, result.format());
        store.put(key, file, result.format().mediaType());
        metrics.counter("pixbox.storage.bytes", "kind", "variant").increment(result.bytes());
        Variant variant = new Variant(UUID.randomUUID(), image.id(), recipe.toString(), key, result.format(),
                result.bytes(), result.width(), result.height(), now());
        record(image, variant);
        return variant;
    }

    private void record(Image image, Variant variant) {
        transactions.executeWithoutResult(status -> {
            if (!images.lockOriginal(image.sha256())) {
                // Every image with these bytes was deleted while the job ran: take back what it wrote.
                store.delete(variant.objectKey());
                return;
            }
            if (images.find(image.id()).isPresent()) {
                images.saveVariant(variant);
            }
        });
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
