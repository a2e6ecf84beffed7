package io.pixbox.imaging.engine;

import io.pixbox.imaging.format.ImageInfo;
import io.pixbox.imaging.format.ImageProbe;
import io.pixbox.imaging.format.Limits;
import io.pixbox.imaging.recipe.Recipe;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The one way into an {@link ImageEngine}: sniffs the real format, checks every limit from the
 * header, and only then lets the engine decode, under a deadline.
 */
public final class ImageProcessor {

    private final ImageEngine engine;
    private final Limits limits;

    public ImageProcessor(ImageEngine engine, Limits limits) {
        this.engine = engine;
        this.limits = limits;
    }

    public ImageEngine engine() {
        return engine;
    }

    public Limits limits() {
        return limits;
    }

    /** Reads the header of {@code source} and checks it against the limits, decoding nothing. */
    public ImageInfo inspect(Path source) throws IOException {
        return ImageProbe.probe(source, limits);
    }

    /** Applies {@code recipe} to {@code source} and writes the encoded result to {@code out}. */
    public ProcessedImage process(Path source, Recipe recipe, OutputStream out) throws IOException {
        ImageInfo info = inspect(source);
        return engine.process(source, info, recipe, Deadline.after(limits.timeout()), out);
    }
}
