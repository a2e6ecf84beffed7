package io.pixbox.imaging;

import io.pixbox.imaging.format.ImageFormat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
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

    /** A real photo from {@code src/test/resources/photos}: mouse.jpg, goldfish.png or wood.webp. */
    public static Path photo(String name) {
        try {
            return Path.of(TestImages.class.getResource("/photos/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no test photo " + name, e);
        }
    }

    /** Which corner of {@code image} carries the red {@link #TOP_LEFT} mark: top-left, top-right, bottom-left or bottom-right. */
    public static String markedCorner(BufferedImage image) {
        int right = image.getWidth() - 3;
        int bottom = image.getHeight() - 3;
        String[] names = {"top-left", "top-right", "bottom-left", "bottom-right"};
        int[][] points = {{2, 2}, {right, 2}, {2, bottom}, {right, bottom}};
        String found = "none";
        for (int i = 0; i < names.length; i++) {
            Color c = new Color(image.getRGB(points[i][0], points[i][1]));
            if (c.getRed() > 180 && c.getBlue() < 80) {
                if (!found.equals("none")) {
                    return "several";
                }
                found = names[i];
            }
        }
        return found;
    }

    /** Black on the left, white on the right, with a linear ramp {@code ramp} pixels wide between them. */
    public static BufferedImage edge(int width, int height, int ramp) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int start = width / 2 - ramp / 2;
        for (int x = 0; x < width; x++) {
            int v = (int) Math.round(255.0 * Math.clamp((x - start + 1) / (double) ramp, 0, 1));
            fill(image, x, 0, 1, height, new Color(v, v, v));
        }
        return image;
    }

    /** The largest difference in green between neighbouring pixels along the middle row. */
    public static int largestStep(BufferedImage image) {
        int y = image.getHeight() / 2;
        int largest = 0;
        for (int x = 1; x < image.getWidth(); x++) {
            int step = Math.abs(new Color(image.getRGB(x, y)).getGreen() - new Color(image.getRGB(x - 1, y)).getGreen());
            largest = Math.max(largest, step);
        }
        return largest;
    }

    /** Fully transparent on the left half, opaque {@code colour} on the right half. */
    public static BufferedImage halfTransparent(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        fill(image, width / 2, 0, width - width / 2, height, colour);
        return image;
    }

    /** Random colours from {@code seed}: hard to compress and slow to blur. */
    public static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            Arrays.setAll(row, i -> random.nextInt(0x1000000));
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    /** The format the magic bytes announce, judged independently of the code under test. */
    public static ImageFormat sniff(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 16), StandardCharsets.ISO_8859_1);
        if (head.startsWith("\u00FF\u00D8\u00FF")) {
            return ImageFormat.JPEG;
        } else if (head.startsWith("\u0089PNG")) {
            return ImageFormat.PNG;
        } else if (head.startsWith("GIF8")) {
            return ImageFormat.GIF;
        } else if (head.startsWith("RIFF") && head.startsWith("WEBP", 8)) {
            return ImageFormat.WEBP;
        } else if (head.startsWith("ftyp", 4) && head.startsWith("avi", 8)) {
            return ImageFormat.AVIF;
        }
        throw new AssertionError("unrecognised output: " + head);
    }

    /** Whether a JPEG carries an APP1 Exif segment. */
    public static boolean hasExif(byte[] jpeg) {
        int i = 2;
        while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
            int marker = jpeg[i + 1] & 0xFF;
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            if (marker == 0xE1 && i + 10 <= jpeg.length
                    && new String(jpeg, i + 4, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
                return true;
            }
            if (marker == 0xDA) {
                return false;
            }
            i += 2 + length;
        }
        return false;
    }

    private static void fill(BufferedImage image, int x, int y, int width, int height, Color colour) {
        var g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(x, y, width, height);
        g.dispose();
    }

    /**
     * The stored R, G and B samples at {@code x, y}; a grey picture's one sample three times. Unlike
     * {@link BufferedImage#getRGB}, this does not treat grey as linear light and brighten it.
     */
    public static int[] samples(BufferedImage image, int x, int y) {
        var raster = image.getRaster();
        if (raster.getNumBands() <= 2 && image.getColorModel().getColorSpace().getNumComponents() == 1) {
            int grey = raster.getSample(x, y, 0);
            return new int[] {grey, grey, grey};
        }
        Color c = new Color(image.getRGB(x, y));
        return new int[] {c.getRed(), c.getGreen(), c.getBlue()};
    }
}
