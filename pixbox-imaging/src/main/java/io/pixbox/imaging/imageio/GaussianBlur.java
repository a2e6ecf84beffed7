package io.pixbox.imaging.imageio;

/** A separable Gaussian blur with edge pixels repeated past the borders, as libvips' {@code gaussblur}. */
final class GaussianBlur {

    private GaussianBlur() {
    }

    static Bitmap apply(Bitmap in, double sigma) {
        return blurred(FloatPixels.unpacked(in), sigma).toBitmap(in);
    }

    static FloatPixels blurred(FloatPixels in, double sigma) {
        float[] kernel = kernel(sigma);
        return in.convolveColumns(Weights.filtering(in.height(), kernel))
                .convolveRows(Weights.filtering(in.width(), kernel));
    }

    /** The normalised kernel, cut where it falls below a fifth of its peak, where libvips cuts its own. */
    static float[] kernel(double sigma) {
        double twoSigmaSquared = 2 * sigma * sigma;
        int radius = 0;
        while (Math.exp(-(radius + 1.0) * (radius + 1) / twoSigmaSquared) >= CUT_OFF) {
            radius++;
        }
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            sum += Math.exp(-i * i / twoSigmaSquared);
        }
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) (Math.exp(-i * i / twoSigmaSquared) / sum);
        }
        return kernel;
    }

    private static final double CUT_OFF = 0.2;
}
