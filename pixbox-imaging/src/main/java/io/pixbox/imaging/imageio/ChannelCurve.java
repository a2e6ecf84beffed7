package io.pixbox.imaging.imageio;

import java.util.function.DoubleUnaryOperator;

/** Maps each of red, green and blue through one curve (brightness, contrast, invert), leaving alpha alone. */
final class ChannelCurve {

    private ChannelCurve() {
    }

    /** Applies {@code curve}, rounded and clamped to 0–255, to every colour channel of every pixel. */
    static Bitmap apply(Bitmap in, DoubleUnaryOperator curve) {
        int[] table = new int[256];
        for (int v = 0; v < 256; v++) {
            table[v] = FloatPixels.clamp((float) curve.applyAsDouble(v));
        }
        int[] src = in.argb();
        int[] dst = new int[src.length];
        for (int i = 0; i < src.length; i++) {
            int c = src[i];
            dst[i] = c & 0xFF000000 | table[(c >> 16) & 0xFF] << 16 | table[(c >> 8) & 0xFF] << 8 | table[c & 0xFF];
        }
        return in.with(in.width(), in.height(), dst);
    }
}
