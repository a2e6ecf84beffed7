package io.pixbox.imaging.imageio;

/** Mixes red, green and blue through a 3×3 matrix (grayscale, sepia, saturation), leaving alpha alone. */
final class ChannelMatrix {

    /** Rec. 601 luminance in every channel. */
    static final double[] GREY = {
        0.299, 0.587, 0.114,
        0.299, 0.587, 0.114,
        0.299, 0.587, 0.114,
    };

    private ChannelMatrix() {
    }

    /**
     * @param matrix row-major: output channel i is the sum over j of {@code matrix[i·3 + j]} × input channel j
     * @param grey   whether the result has equal channels everywhere
     */
    static Bitmap apply(Bitmap in, double[] matrix, boolean grey) {
        float[] m = new float[9];
        for (int i = 0; i < 9; i++) {
            m[i] = (float) matrix[i];
        }
        int[] src = in.argb();
        int[] dst = new int[src.length];
        for (int i = 0; i < src.length; i++) {
            int c = src[i];
            float r = (c >> 16) & 0xFF;
            float g = (c >> 8) & 0xFF;
            float b = c & 0xFF;
            dst[i] = c & 0xFF000000
                    | FloatPixels.clamp(m[0] * r + m[1] * g + m[2] * b) << 16
                    | FloatPixels.clamp(m[3] * r + m[4] * g + m[5] * b) << 8
                    | FloatPixels.clamp(m[6] * r + m[7] * g + m[8] * b);
        }
        return new Bitmap(in.width(), in.height(), dst, in.alpha(), grey);
    }
}
