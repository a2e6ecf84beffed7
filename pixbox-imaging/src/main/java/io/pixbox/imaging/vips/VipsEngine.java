package io.pixbox.imaging.vips;

import io.pixbox.imaging.ImagingException.EngineUnavailable;
import io.pixbox.imaging.engine.Deadline;
import io.pixbox.imaging.engine.ImageEngine;
import io.pixbox.imaging.engine.ProcessedImage;
import io.pixbox.imaging.format.ImageInfo;
import io.pixbox.imaging.recipe.Recipe;
import java.io.OutputStream;
import java.nio.file.Path;

/** The libvips engine, called through {@code java.lang.foreign}. */
public final class VipsEngine implements ImageEngine {

    /** Loads libvips, or throws {@link EngineUnavailable} saying why and how to install it. */
    public static VipsEngine load() {
        throw new EngineUnavailable("libvips binding is being written (issue 2)");
    }

    @Override
    public String name() {
        return "vips";
    }

    @Override
    public ProcessedImage process(Path source, ImageInfo info, Recipe recipe, Deadline deadline, OutputStream out) {
        throw new UnsupportedOperationException("being written");
    }
}
