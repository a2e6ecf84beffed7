package io.pixbox.imaging.engine;

import io.pixbox.imaging.format.ImageInfo;
import io.pixbox.imaging.recipe.Recipe;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Decodes an image, applies a recipe and encodes the result.
 *
 * <p>Callers go through {@link ImageProcessor}, which sniffs the format and checks the limits from
 * the header before an engine ever sees the file; an engine may therefore trust {@code info}.
 * Implementations must:
 * <ul>
 *   <li>apply EXIF auto-orientation first unless {@link Recipe#autoOrient()} is false;</li>
 *   <li>apply {@link Recipe#operations()} in order, with the exact output dimensions each
 *       operation documents, then encode as {@link Recipe#outputFormat(io.pixbox.imaging.format.ImageFormat)};</li>
 *   <li>convert colour to sRGB, flatten alpha onto white for formats without alpha, and strip
 *       metadata unless {@link Recipe#keepMetadata()};</li>
 *   <li>treat truncated or corrupt pixel data as {@link io.pixbox.imaging.ImagingException.CorruptImage},
 *       never as a partly decoded picture;</li>
 *   <li>stop with {@link io.pixbox.imaging.ImagingException.TimedOut} when the deadline passes,
 *       including in the middle of a decode;</li>
 *   <li>be safe to call from many threads at once.</li>
 * </ul>
 * Every failure is an {@link io.pixbox.imaging.ImagingException}, except an {@link IOException}
 * from reading the source or writing {@code out}.
 */
public interface ImageEngine {

    /** A short name for logs and the command line: {@code vips} or {@code java}. */
    String name();

    ProcessedImage process(Path source, ImageInfo info, Recipe recipe, Deadline deadline, OutputStream out)
            throws IOException;
}
