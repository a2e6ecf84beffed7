package io.pixbox.imaging;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Builds test images for the engine tests and the shared engine contract suite: in-memory pictures
 * with markers, encoded with the JDK's own writers, and JPEGs carrying an EXIF orientation.
 */
public final class TestImages {

    /** The marker an upright picture shows in its top-left corner. */
    public static final Color TOP_LEFT = new Color(230, 20, 20);
    /** The marker an upright picture shows in its top-right corner. */
    public static final Color TOP_RIGHT = new Color(20, 20, 230);
    /** Everything else. */
    public static final Color BACKGROUND = new Color(128, 128, 128);

    private TestImages() {
    }

    /**
     * A {@code width × height} grey picture with a red square in the top-left corner and a blue one
     * in the top-right, each a quarter of the shorter side; with both, every rotation and mirror
     * of the picture looks different.
     */
    public static BufferedImage marked(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int side = Math.max(1, Math.min(width, height) / 4);
        Graphics2D g = image.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.setColor(TOP_LEFT);
        g.fillRect(0, 0, side, side);
        g.setColor(TOP_RIGHT);
        g.fillRect(width - side, 0, side, side);
        g.dispose();
        return image;
    }

    /** A picture of one colour, which may be translucent. */
    public static BufferedImage solid(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setComposite(java.awt.AlphaComposite.Src);
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /**
     * A JPEG with EXIF orientation {@code orientation} (1–8) whose stored pixels are turned so that,
     * once upright, it is {@link #marked(int, int) marked(uprightWidth, uprightHeight)}. The EXIF
     * APP1 segment comes straight after SOI, as cameras write it.
     */
    public static byte[] orientedJpeg(int orientation, int uprightWidth, int uprightHeight) {
        BufferedImage upright = marked(uprightWidth, uprightHeight);
        boolean transposed = orientation >= 5;
        int storedWidth = transposed ? uprightHeight : uprightWidth;
        int storedHeight = transposed ? uprightWidth : uprightHeight;
        BufferedImage stored = new BufferedImage(storedWidth, storedHeight, BufferedImage.TYPE_INT_RGB);
        int w = uprightWidth;
        int h = uprightHeight;
        for (int uy = 0; uy < h; uy++) {
            for (int ux = 0; ux < w; ux++) {
                // Where the EXIF definition of each orientation stores the upright pixel (ux, uy).
                int[] s = switch (orientation) {
                    case 1 -> new int[] {ux, uy};
                    case 2 -> new int[] {w - 1 - ux, uy};
                    case 3 -> new int[] {w - 1 - ux, h - 1 - uy};
                    case 4 -> new int[] {ux, h - 1 - uy};
                    case 5 -> new int[] {uy, ux};
                    case 6 -> new int[] {uy, w - 1 - ux};
                    case 7 -> new int[] {h - 1 - uy, w - 1 - ux};
                    case 8 -> new int[] {h - 1 - uy, ux};
                    default -> throw new IllegalArgumentException("orientation must be 1..8, got " + orientation);
                };
                stored.setRGB(s[0], s[1], upright.getRGB(ux, uy));
            }
        }
        return withSegmentAfterSoi(jpeg(stored, 95), exifOrientation(orientation));
    }

    /** The APP1 segment of a minimal big-endian EXIF block whose only IFD0 entry is the orientation. */
    public static byte[] exifOrientation(int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26)
                .put(new byte[] {'M', 'M', 0, 42}).putInt(8)      // header, IFD0 at offset 8
                .putShort((short) 1)                              // one entry
                .putShort((short) 0x0112).putShort((short) 3)     // Orientation, SHORT
                .putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0);                                       // no next IFD
        byte[] payload = ByteBuffer.allocate(6 + tiff.capacity())
                .put(new byte[] {'E', 'x', 'i', 'f', 0, 0}).put(tiff.array()).array();
        return ByteBuffer.allocate(4 + payload.length)
                .putShort((short) 0xFFE1).putShort((short) (payload.length + 2)).put(payload).array();
    }

    /** {@code jpeg} with {@code segment} inserted straight after its SOI marker. */
    public static byte[] withSegmentAfterSoi(byte[] jpeg, byte[] segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(segment);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The EXIF orientation in the first APP1 segment of {@code jpeg}, or 0 when it has no EXIF. */
    public static int exifOrientationOf(byte[] jpeg) {
        ByteBuffer b = ByteBuffer.wrap(jpeg);
        int p = 2;
        while (p + 4 < jpeg.length && (jpeg[p] & 0xFF) == 0xFF && (jpeg[p + 1] & 0xFF) != 0xDA) {
            int marker = jpeg[p + 1] & 0xFF;
            int length = b.getShort(p + 2) & 0xFFFF;
            if (marker == 0xE1 && Arrays.equals(jpeg, p + 4, p + 10, new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, 6)) {
                ByteBuffer tiff = ByteBuffer.wrap(jpeg, p + 10, length - 8).slice();
                tiff.order(tiff.get(0) == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
                int ifd = tiff.getInt(4);
                for (int i = 0; i < tiff.getShort(ifd); i++) {
                    int entry = ifd + 2 + 12 * i;
                    if ((tiff.getShort(entry) & 0xFFFF) == 0x0112) {
                        return tiff.getShort(entry + 8);
                    }
                }
                return 0;
            }
            p += 2 + length;
        }
        return 0;
    }

    /** {@code image} as a JPEG of the given quality (1–100), written by the JDK. */
    public static byte[] jpeg(BufferedImage image, int quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** {@code image} encoded by ImageIO as {@code format} ({@code png}, {@code gif}, …). */
    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalArgumentException("no ImageIO writer for " + format + " and " + image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes {@code bytes} with ImageIO; fails when they are not an image. */
    public static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalArgumentException("not an image ImageIO can read");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
