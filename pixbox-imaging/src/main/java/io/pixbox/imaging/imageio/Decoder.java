package io.pixbox.imaging.imageio;

import com.twelvemonkeys.imageio.stream.BufferedFileImageInputStream;
import io.pixbox.imaging.ImagingException;
import io.pixbox.imaging.ImagingException.CorruptImage;
import io.pixbox.imaging.ImagingException.EngineUnavailable;
import io.pixbox.imaging.engine.Deadline;
import io.pixbox.imaging.format.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Reads the first frame of an image with ImageIO and TwelveMonkeys, strictly and under a deadline. */
final class Decoder {

    static {
        // Registers TwelveMonkeys' readers ahead of the JDK's, and its WebP reader, on any class path.
        ImageIO.scanForPlugins();
    }

    private Decoder() {
    }

    /**
     * The first frame of {@code source}, as the reader produces it (any colour model).
     *
     * @param subsampling keep every n-th pixel of every n-th row; 1 for the whole image (GIF is always whole)
     * @throws IOException when {@code source} cannot be opened
     */
    static BufferedImage decode(Path source, ImageFormat format, int subsampling, Deadline deadline)
            throws IOException {
        ImageReader reader = readerFor(format);
        // Buffered: the WebP reader reads a byte at a time, one system call each through a plain RandomAccessFile.
        try (ImageInputStream input = new BufferedFileImageInputStream(source.toFile())) {
            reader.setInput(input, true, format != ImageFormat.GIF);
            ReadGuard guard = new ReadGuard(deadline);
            guard.watch(reader);
            ImageReadParam param = reader.getDefaultReadParam();
            // GIF frames sit at offsets on a canvas; they are small enough to read whole.
            if (subsampling > 1 && format != ImageFormat.GIF) {
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
            }
            BufferedImage image;
            try {
                image = reader.read(0, param);
            } catch (IOException | RuntimeException e) {
                throw guard.failure().orElseGet(() -> new CorruptImage(
                        "the " + format.recipeName() + " data cannot be decoded: " + reason(e), e));
            }
            Optional<ImagingException> failure = guard.failure();
            if (failure.isPresent()) {
                throw failure.get();
            }
            return format == ImageFormat.GIF ? GifCanvas.place(reader, image) : image;
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.recipeName());
        if (!readers.hasNext()) {
            throw new EngineUnavailable("the Java engine cannot read " + format.recipeName()
                    + "; install libvips (apt-get install libvips42 / brew install vips) to enable it");
        }
        return readers.next();
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
