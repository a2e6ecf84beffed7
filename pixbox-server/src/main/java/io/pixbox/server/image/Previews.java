package io.pixbox.server.image;

import io.pixbox.imaging.engine.ImageProcessor;
import io.pixbox.imaging.engine.ProcessedImage;
import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.imaging.recipe.Operation;
import io.pixbox.imaging.recipe.Recipe;
import io.pixbox.server.PixboxProperties;
import io.pixbox.server.imaging.ImagingProperties;
import io.pixbox.server.storage.ObjectStore;
import io.pixbox.server.storage.ObjectStores;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;

/**
 * Renders a recipe on an image at once, small, for the editor to show while its settings change: the recipe runs on
 * the original (so a crop means the same pixels as in the job) and the result is fitted into {@value #SIZE} pixels.
 * Bounded: at most {@code pixbox.imaging.previews.at-once} at a time, each within {@link #TIMEOUT}; a request that
 * finds no free slot within {@code pixbox.imaging.previews.max-wait} is refused with {@link PreviewBusyException} rather
 * than queued.
 */
@Service
public class Previews {

    /** Longest side of a preview, in pixels. */
    public static final int SIZE = 640;
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Originals kept on local disk between previews: an editor renders the same one many times over. */
    private static final int CACHED_ORIGINALS = 8;

    private final ObjectStore originals;
    private final ImageProcessor processor;
    private final Semaphore slots;
    private final Duration wait;
    private final Path scratch;
    private final Map<String, Path> cached = new LinkedHashMap<>(16, 0.75f, true);

    Previews(ObjectStores stores, ImageProcessor processor, PixboxProperties pixbox, ImagingProperties imaging)
            throws IOException {
        this.slots = new Semaphore(imaging.previews().atOnce());
        this.wait = imaging.previews().maxWait();
        this.originals = stores.originals();
        this.processor = new ImageProcessor(processor.engine(), processor.limits().withTimeout(TIMEOUT));
        this.scratch = Files.createDirectories(pixbox.dataDir().resolve("tmp").resolve("previews"));
        // What an earlier run cached is not in this run's list, so nothing would ever remove it.
        try (var leftovers = Files.list(scratch)) {
            for (Path file : leftovers.toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** A rendered preview: its encoded bytes and what they are. */
    public record Preview(byte[] bytes, ImageFormat format, int width, int height) {
    }

    /**
     * @throws io.pixbox.imaging.ImagingException when the recipe cannot apply to this image or takes too long
     * @throws PreviewBusyException when every slot stays taken
     */
    public Preview render(Image image, Recipe recipe) {
        try {
            if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PreviewBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreviewBusyException();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ProcessedImage done = processor.process(original(image), small(recipe), out);
            return new Preview(out.toByteArray(), done.format(), done.width(), done.height());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render a preview of image " + image.id(), e);
        } finally {
            slots.release();
        }
    }

    /** The recipe, then fitted into the preview's size; metadata is never kept in a preview. */
    static Recipe small(Recipe recipe) {
        List<Operation> operations = new ArrayList<>(recipe.operations());
        operations.add(new Operation.Fit(SIZE, SIZE));
        return new Recipe(operations, recipe.format(), recipe.quality(), recipe.lossless(), false, recipe.autoOrient());
    }

    private Path original(Image image) throws IOException {
        synchronized (cached) {
            Path file = cached.get(image.sha256());
            if (file != null && Files.exists(file)) {
                return file;
            }
        }
        Path file = scratch.resolve(image.sha256() + "." + image.format().extension());
        Path part = Files.createTempFile(scratch, "download-", ".part");
        try {
            originals.download(image.objectKey(), part);
            Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        synchronized (cached) {
            cached.put(image.sha256(), file);
            while (cached.size() > CACHED_ORIGINALS) {
                Path eldest = cached.remove(cached.keySet().iterator().next());
                Files.deleteIfExists(eldest);
            }
        }
        return file;
    }
}
