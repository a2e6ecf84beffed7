package io.pixbox.server.processing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pixbox.imaging.engine.ImageProcessor;
import io.pixbox.imaging.engine.ProcessedImage;
import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.imaging.recipe.Operation;
import io.pixbox.imaging.recipe.Recipe;
import io.pixbox.server.image.Image;
import io.pixbox.server.image.Variants;
import io.pixbox.server.queue.Job;
import io.pixbox.server.storage.ObjectStores;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Runs one job: fetches the original, applies the recipe, stores the variant under its content key and records
 * it. Running it twice writes the same key and the same record, so redelivery is harmless.
 */
@Component
class VariantMaker {

    private final Variants variants;
    private final ObjectStores stores;
    private final ImageProcessor processor;
    private final MeterRegistry metrics;
    private final Path scratch;

    VariantMaker(Variants variants, ObjectStores stores, ImageProcessor processor, MeterRegistry metrics,
                 io.pixbox.server.PixboxProperties pixbox) throws IOException {
        this.variants = variants;
        this.stores = stores;
        this.processor = processor;
        this.metrics = metrics;
        this.scratch = Files.createDirectories(pixbox.dataDir().resolve("tmp"));
    }

    /** Makes and records the job's variant; does nothing when the image has been deleted meanwhile. */
    void make(Job job) throws IOException {
        Optional<Image> found = variants.image(job.imageId());
        if (found.isEmpty()) {
            return;
        }
        Image image = found.get();
        Recipe recipe = Recipe.parse(job.recipe());
        if (variants.reuse(image, recipe)) {
            return;
        }
        Path original = Files.createTempFile(scratch, "original-", "." + image.format().extension());
        Path output = Files.createTempFile(scratch, "variant-", ".out");
        try {
            stores.originals().download(image.objectKey(), original);
            ProcessedImage result = process(original, recipe, output);
            variants.store(image, recipe, result, output);
        } finally {
            Files.deleteIfExists(original);
            Files.deleteIfExists(output);
        }
    }

    private ProcessedImage process(Path original, Recipe recipe, Path output) throws IOException {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = "failed";
        ImageFormat format = null;
        try (OutputStream out = Files.newOutputStream(output)) {
            ProcessedImage result = processor.process(original, recipe, out);
            outcome = "succeeded";
            format = result.format();
            return result;
        } finally {
            sample.stop(metrics.timer("pixbox.processing", "operations", operations(recipe),
                    "format", format == null ? "none" : format.recipeName(), "outcome", outcome));
        }
    }

    /** {@code fit}, {@code crop+rotate}: the recipe's operation names, bounded in number like the recipes themselves. */
    static String operations(Recipe recipe) {
        if (recipe.operations().isEmpty()) {
            return "convert";
        }
        return recipe.operations().stream().map(Operation::text).map(text -> text.split(":", 2)[0])
                .collect(Collectors.joining("+"));
    }
}
