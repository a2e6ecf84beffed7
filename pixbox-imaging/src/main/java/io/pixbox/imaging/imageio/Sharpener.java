package io.pixbox.imaging.imageio;

/**
 * Unsharp masking on lightness with the response of libvips' {@code sharpen} at its defaults: no
 * change where the detail is faint (under 2 L*), three times the detail above that, brightening by
 * at most 10 L* and darkening by at most 20. Lightness is approximated by Rec. 601 luma, and the
 * change is added equally to red, green and blue, which keeps hue.
 */
final class Sharpener {

    private static final double FLAT = 2;
    private static final double SLOPE = 3;
    private static final double MAX_BRIGHTEN = 10;
    private static final double MAX_DARKEN = 20;
    private static final float L_PER_LEVEL = 100f / 255;

    private Sharpener() {
    }

    static Bitmap apply(Bitmap in, double sigma) {
        int[] src = in.argb();
        int[] blurred = GaussianBlur.apply(in, sigma).argb();
        int[] dst = new int[src.length];
        for (int i = 0; i < src.length; i++) {
            int c = src[i];
            float detail = (luma(c) - luma(blurred[i])) * L_PER_LEVEL;
            int change = Math.round((float) response(detail) / L_PER_LEVEL);
            dst[i] = change == 0 ? c : c & 0xFF000000
                    | clamp(((c >> 16) & 0xFF) + change) << 16
                    | clamp(((c >> 8) & 0xFF) + change) << 8
                    | clamp((c & 0xFF) + change);
        }
        return in.with(in.width(), in.height(), dst);
    }

    /** The change in L* for a detail of {@code d} L*: libvips' piecewise-linear sharpening curve. */
    private static double response(double d) {
        double y = Math.abs(d) < FLAT ? 0 : (d - Math.copySign(FLAT, d)) * SLOPE;
        return Math.clamp(y, -MAX_DARKEN, MAX_BRIGHTEN);
    }

    private static float luma(int c) {
        return 0.299f * ((c >> 16) & 0xFF) + 0.587f * ((c >> 8) & 0xFF) + 0.114f * (c & 0xFF);
    }

    private static int clamp(int v) {
        return Math.clamp(v, 0, 255);
    }
}
