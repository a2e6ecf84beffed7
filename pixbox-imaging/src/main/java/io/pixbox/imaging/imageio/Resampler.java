package io.pixbox.imaging.imageio;

/**
 * Resizes bitmaps the way libvips' {@code vips_resize} does: a box average by the whole part of a
 * large reduction, then Lanczos3 for the remaining factor (at least 2) so the result stays sharp
 * without aliasing; enlargement uses Catmull-Rom bicubic, like libvips.
 */
final class Resampler {

    private Resampler() {
    }

    static Bitmap resize(Bitmap in, int width, int height) {
        if (in.width() == width && in.height() == height) {
            return in;
        }
        int kx = boxFactor(in.width(), width);
        int ky = boxFactor(in.height(), height);
        FloatPixels pixels = FloatPixels.boxShrunk(in, kx, ky);
        if (pixels.height() != height) {
            pixels = pixels.convolveColumns(weights(pixels.height(), height));
        }
        if (pixels.width() != width) {
            pixels = pixels.convolveRows(weights(pixels.width(), width));
        }
        return pixels.toBitmap(in);
    }

    /** The whole factor to box-average by, leaving at least a factor of 2 for the Lanczos step. */
    private static int boxFactor(int from, int to) {
        return Math.max(1, from / (2 * to));
    }

    private static Weights weights(int from, int to) {
        return to < from
                ? Weights.resampling(from, to, Resampler::lanczos3, 3)
                : Weights.resampling(from, to, Resampler::catmullRom, 2);
    }

    private static double lanczos3(double x) {
        if (x == 0) {
            return 1;
        }
        if (x >= 3) {
            return 0;
        }
        double px = Math.PI * x;
        return 3 * Math.sin(px) * Math.sin(px / 3) / (px * px);
    }

    private static double catmullRom(double x) {
        if (x < 1) {
            return (1.5 * x - 2.5) * x * x + 1;
        }
        if (x < 2) {
            return ((-0.5 * x + 2.5) * x - 4) * x + 2;
        }
        return 0;
    }
}
