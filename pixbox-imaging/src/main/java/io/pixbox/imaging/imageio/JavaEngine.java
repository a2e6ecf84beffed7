package io.pixbox.imaging.imageio;

import io.pixbox.imaging.engine.Deadline;
import io.pixbox.imaging.engine.ImageEngine;
import io.pixbox.imaging.engine.ProcessedImage;
import io.pixbox.imaging.format.ImageInfo;
import io.pixbox.imaging.recipe.Recipe;
import java.io.OutputStream;
import java.nio.file.Path;

/** The pure-Java engine: ImageIO with TwelveMonkeys, used when libvips is absent or when asked for. */
public final class JavaEngine implements ImageEngine {

    @Override
    public String name() {
        return "java";
    }

    @Override
    public ProcessedImage process(Path source, ImageInfo info, Recipe recipe, Deadline deadline, OutputStream out) {
        throw new UnsupportedOperationException("being written");
    }
}
