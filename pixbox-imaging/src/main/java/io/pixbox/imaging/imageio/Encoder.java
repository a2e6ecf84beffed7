package io.pixbox.imaging.imageio;

import io.pixbox.imaging.ImagingException.EngineUnavailable;
import io.pixbox.imaging.format.ImageFormat;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.OptionalInt;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes a bitmap as JPEG, PNG or GIF with the ImageIO writers, which add no metadata beyond the
 * JFIF header; only an EXIF segment handed in for JPEG is added.
 */
final class Encoder {

    private Encoder() {
    }

    /** Throws {@link EngineUnavailable} for formats no ImageIO writer here can produce: WebP and AVIF. */
    static void requireWritable(ImageFormat format) {
        if (format == ImageFormat.WEBP || format == ImageFormat.AVIF) {
            throw new EngineUnavailable("the Java engine cannot write " + format.recipeName()
                    + "; install libvips (apt-get install libvips42 / brew install vips) to enable it");
        }
    }

    /**
     * Encodes {@code image} to {@code out} and returns the number of bytes written.
     *
     * @param quality 1–100, used by JPEG
     * @param exif    an EXIF APP1 payload to put in a JPEG; ignored by the other formats
     */
    static long encode(Bitmap image, ImageFormat format, int quality, Optional<byte[]> exif, OutputStream out)
            throws IOException {
        requireWritable(format);
        CountingOutputStream counted = new CountingOutputStream(out);
        switch (format) {
            case JPEG -> writeJpeg(image, quality, exif, counted);
            case PNG -> write(image.grey() && !image.alpha() ? grey(image) : image.toBufferedImage(), "png", OptionalInt.empty(), counted);
            case GIF -> write(Palette.indexed(image), "gif", OptionalInt.empty(), counted);
            default -> throw new AssertionError(format);
        }
        counted.close();
        return counted.count();
    }

    private static void writeJpeg(Bitmap image, int quality, Optional<byte[]> exif, OutputStream out)
            throws IOException {
        Bitmap flat = image.alpha() ? onWhite(image) : image;
        BufferedImage pixels = flat.grey() ? grey(flat) : flat.toBufferedImage();
        if (exif.isEmpty()) {
            write(pixels, "jpeg", OptionalInt.of(quality), out);
            return;
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        write(pixels, "jpeg", OptionalInt.of(quality), buffer);
        byte[] jpeg = buffer.toByteArray();
        // EXIF goes after SOI and the JFIF APP0 the writer puts first, where readers expect it.
        int at = (jpeg[3] & 0xFF) == 0xE0 ? 4 + ((jpeg[4] & 0xFF) << 8 | jpeg[5] & 0xFF) : 2;
        out.write(jpeg, 0, at);
        out.write(Exif.segment(exif.get()));
        out.write(jpeg, at, jpeg.length - at);
    }

    private static void write(BufferedImage image, String format, OptionalInt quality, OutputStream out)
            throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (quality.isPresent()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality.getAsInt() / 100f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** One grey channel; the samples are written as they are, never through Java 2D's linear grey. */
    private static BufferedImage grey(Bitmap image) {
        BufferedImage grey = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] samples = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        int[] argb = image.argb();
        for (int i = 0; i < argb.length; i++) {
            samples[i] = (byte) argb[i];
        }
        return grey;
    }

    private static Bitmap onWhite(Bitmap image) {
        int[] argb = image.argb();
        int[] flat = new int[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int c = argb[i];
            int a = c >>> 24;
            int white = 255 * (255 - a);
            flat[i] = 0xFF000000
                    | ((((c >> 16) & 0xFF) * a + white + 127) / 255) << 16
                    | ((((c >> 8) & 0xFF) * a + white + 127) / 255) << 8
                    | (((c & 0xFF) * a + white + 127) / 255);
        }
        return new Bitmap(image.width(), image.height(), flat, false, image.grey());
    }
}
