package io.pixbox.imaging.imageio;

import io.pixbox.imaging.engine.Deadline;
import io.pixbox.imaging.engine.ImageEngine;
import io.pixbox.imaging.engine.ProcessedImage;
import io.pixbox.imaging.format.ImageFormat;
import io.pixbox.imaging.format.ImageInfo;
import io.pixbox.imaging.recipe.Operation;
import io.pixbox.imaging.recipe.Recipe;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The pure-Java engine: ImageIO with TwelveMonkeys, used when libvips is absent or when asked for.
 *
 * <p>It reads JPEG (including CMYK and ICC-tagged), PNG, GIF and WebP (first frame of animations),
 * and writes JPEG, PNG and GIF; WebP and AVIF output, and AVIF input, throw
 * {@link io.pixbox.imaging.ImagingException.EngineUnavailable}. With {@link Recipe#keepMetadata()},
 * only the EXIF of a JPEG source is kept, and only in JPEG output; other metadata is always dropped.
 */
public final class JavaEngine implements ImageEngine {

    @Override
    public String name() {
        return "java";
    }

    @Override
    public ProcessedImage process(Path source, ImageInfo info, Recipe recipe, Deadline deadline, OutputStream out)
            throws IOException {
        ImageFormat output = recipe.outputFormat(info.format());
        Encoder.requireWritable(output);
        deadline.check();

        Transform upright = recipe.autoOrient() ? Transform.upright(info.orientation()) : Transform.NONE;
        int width = upright.swapsAxes() ? info.height() : info.width();
        int height = upright.swapsAxes() ? info.width() : info.height();
        int subsampling = ShrinkOnLoad.factor(width, height, recipe.operations());
        Bitmap image = Srgb.toBitmap(Decoder.decode(source, info.format(), subsampling, deadline));
        deadline.check();
        image = upright.apply(image);

        for (Operation op : recipe.operations()) {
            deadline.check();
            image = Operations.apply(op, image, width, height);
            width = image.width();
            height = image.height();
        }

        deadline.check();
        Optional<byte[]> exif = keptExif(source, info, recipe, output, upright);
        long bytes = Encoder.encode(image, output, recipe.qualityFor(output), exif, out);
        return new ProcessedImage(output, image.width(), image.height(), bytes);
    }

    private static Optional<byte[]> keptExif(Path source, ImageInfo info, Recipe recipe, ImageFormat output,
            Transform upright) throws IOException {
        if (!recipe.keepMetadata() || info.format() != ImageFormat.JPEG || output != ImageFormat.JPEG) {
            return Optional.empty();
        }
        Optional<byte[]> exif = Exif.read(source);
        return upright == Transform.NONE ? exif : exif.flatMap(Exif::withUprightOrientation);
    }
}
