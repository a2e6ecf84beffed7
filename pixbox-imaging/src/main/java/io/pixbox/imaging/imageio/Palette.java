package io.pixbox.imaging.imageio;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * Reduces a bitmap to an indexed image of at most 256 colours for GIF: exactly when it has that few,
 * else by median cut over a 5-bit-per-channel histogram. Pixels under half opacity become the
 * transparent index, since GIF has no partial transparency.
 */
final class Palette {

    private static final int BINS = 1 << 15;

    private Palette() {
    }

    static BufferedImage indexed(Bitmap image) {
        int max = image.alpha() ? 255 : 256;
        Map<Integer, Integer> exact = exactColours(image.argb(), max);
        if (exact != null) {
            int[] palette = new int[exact.size()];
            exact.forEach((colour, index) -> palette[index] = colour);
            return build(image, palette, c -> exact.get(c & 0xFFFFFF));
        }
        Histogram histogram = new Histogram(image.argb());
        List<Box> boxes = histogram.medianCut(max);
        int[] palette = new int[boxes.size()];
        int[] indexOfBin = new int[BINS];
        for (int i = 0; i < palette.length; i++) {
            palette[i] = histogram.mean(boxes.get(i));
            for (int bin : boxes.get(i).bins()) {
                indexOfBin[bin] = i;
            }
        }
        return build(image, palette, c -> indexOfBin[bin(c)]);
    }

    private static BufferedImage build(Bitmap image, int[] palette, IntUnaryOperator indexOf) {
        int size = Math.max(1, palette.length + (image.alpha() ? 1 : 0));
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        for (int i = 0; i < palette.length; i++) {
            r[i] = (byte) (palette[i] >> 16);
            g[i] = (byte) (palette[i] >> 8);
            b[i] = (byte) palette[i];
        }
        int transparent = image.alpha() ? palette.length : -1;
        IndexColorModel model = new IndexColorModel(8, size, r, g, b, transparent);
        BufferedImage indexed = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_INDEXED, model);
        byte[] pixels = ((DataBufferByte) indexed.getRaster().getDataBuffer()).getData();
        int[] argb = image.argb();
        for (int i = 0; i < argb.length; i++) {
            pixels[i] = (byte) (opaque(argb[i]) ? indexOf.applyAsInt(argb[i]) : transparent);
        }
        return indexed;
    }

    /** Each distinct opaque colour ({@code 0xRRGGBB}) with its index, or null when there are more than {@code max}. */
    private static Map<Integer, Integer> exactColours(int[] argb, int max) {
        Map<Integer, Integer> index = new HashMap<>();
        for (int c : argb) {
            if (opaque(c) && index.putIfAbsent(c & 0xFFFFFF, index.size()) == null && index.size() > max) {
                return null;
            }
        }
        return index;
    }

    private static int bin(int c) {
        return (c >> 9) & 0x7C00 | (c >> 6) & 0x3E0 | (c >> 3) & 0x1F;
    }

    private static int level(int bin, int channel) {
        return (bin >> (10 - 5 * channel)) & 0x1F;
    }

    private static boolean opaque(int c) {
        return c >>> 24 >= 128;
    }

    /** Histogram bins sharing one palette entry, with the channel along which they spread most. */
    private record Box(int[] bins, long pixels, int channel, int range) {

        static Box of(int[] bins, long[] count) {
            long pixels = 0;
            for (int bin : bins) {
                pixels += count[bin];
            }
            int widest = 0;
            int widestRange = -1;
            for (int channel = 0; channel < 3; channel++) {
                int low = 31;
                int high = 0;
                for (int bin : bins) {
                    low = Math.min(low, level(bin, channel));
                    high = Math.max(high, level(bin, channel));
                }
                if (high - low > widestRange) {
                    widest = channel;
                    widestRange = high - low;
                }
            }
            return new Box(bins, pixels, widest, widestRange);
        }

        /** Larger and more spread-out boxes are split first. */
        long priority() {
            return pixels * range;
        }
    }

    /** Pixel counts and colour sums of the opaque pixels, per 15-bit colour bin. */
    private static final class Histogram {

        private final long[] count = new long[BINS];
        private final long[][] sum = new long[3][BINS];

        Histogram(int[] argb) {
            for (int c : argb) {
                if (opaque(c)) {
                    int bin = bin(c);
                    count[bin]++;
                    sum[0][bin] += (c >> 16) & 0xFF;
                    sum[1][bin] += (c >> 8) & 0xFF;
                    sum[2][bin] += c & 0xFF;
                }
            }
        }

        List<Box> medianCut(int max) {
            List<Box> boxes = new ArrayList<>();
            boxes.add(Box.of(IntStream.range(0, BINS).filter(bin -> count[bin] > 0).toArray(), count));
            while (boxes.size() < max) {
                Box widest = boxes.stream().max(Comparator.comparingLong(Box::priority)).orElseThrow();
                if (widest.range() == 0) {
                    break;
                }
                boxes.remove(widest);
                boxes.addAll(split(widest));
            }
            return boxes;
        }

        /** Splits a box at the pixel-count median along its widest channel. */
        private List<Box> split(Box box) {
            int[] sorted = Arrays.stream(box.bins()).boxed()
                    .sorted(Comparator.comparingInt(bin -> level(bin, box.channel())))
                    .mapToInt(Integer::intValue).toArray();
            long below = count[sorted[0]];
            int at = 1;
            while (at < sorted.length - 1 && below + count[sorted[at]] <= box.pixels() / 2) {
                below += count[sorted[at]];
                at++;
            }
            return List.of(Box.of(Arrays.copyOfRange(sorted, 0, at), count),
                    Box.of(Arrays.copyOfRange(sorted, at, sorted.length), count));
        }

        /** The average colour of the pixels in {@code box}, as {@code 0xRRGGBB}. */
        int mean(Box box) {
            long[] total = new long[3];
            for (int bin : box.bins()) {
                for (int channel = 0; channel < 3; channel++) {
                    total[channel] += sum[channel][bin];
                }
            }
            long n = Math.max(1, box.pixels());
            return (int) (total[0] / n) << 16 | (int) (total[1] / n) << 8 | (int) (total[2] / n);
        }
    }
}
